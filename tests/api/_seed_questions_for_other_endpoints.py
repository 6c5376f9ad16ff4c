"""Seed questions for agreements/, people/, organizations/ and sources/, to be pasted
into those endpoints' test files (tests/api/test_agreements.py, test_people.py,
test_organizations.py, test_sources.py) by whoever integrates their merge.

They come from the former tests/api/test_seed_questions.py, unchanged but for the
section each sits in. The leading underscore keeps pytest from collecting this module;
it still runs when named explicitly:
``pytest tests/api/_seed_questions_for_other_endpoints.py``. Each function takes
``seed_data`` and so loads the seed for itself; in their new files they belong in a
class such as ``@pytest.mark.usefixtures("seed_data") class TestSeedQuestions``, which
loads it once.
"""

from __future__ import annotations

import pytest

from .helpers import SEED, get, id_set, ids

pytestmark = pytest.mark.django_db

DAY = "2026-01-26"


# --- For tests/api/test_agreements.py --------------------------------------------------------


def test_energy_for_arms_between_azerbaijan_and_israel_in_force_on_the_day(anon, seed_data):
    params = [("kind", "energy_for_arms"), ("in_force_on", DAY), ("party", "AZE"),
              ("party", "ISR")]
    body = get(anon, "agreements/", params)
    assert ids(body) == [SEED["agreement"]]
    agreement = body["results"][0]
    assert (agreement["kind"], agreement["status"], agreement["curation_status"]) == (
        "energy_for_arms", "in_force", "published")
    assert [(x["from"], x["to"], x["category"], x["via"]) for x in agreement["exchanges"]] == [
        ("AZE", "ISR", "energy", "socar"), ("ISR", "AZE", "arms", None)]
    assert agreement["exchanges"][1]["description"] == "modern weapons"
    assert [(p["actor"]["id"], p["role"]) for p in agreement["parties"]] == [
        ("AZE", "party"), ("ISR", "party"), ("socar", "implementing")]
    assert agreement["citations"]


def test_the_seed_agreement_does_not_bind_kazakhstan(anon, seed_data):
    params = [("kind", "energy_for_arms"), ("party", "AZE"), ("party", "KAZ")]
    assert id_set(anon, "agreements/", params) == set()
    assert id_set(anon, "agreements/", {"party": "socar"}) == {SEED["agreement"]}


def test_the_seed_agreement_is_in_the_csv(anon, seed_data):
    response = anon.get("/api/v1/agreements/", {"format": "csv", "party": "ISR"})
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert len(lines) == 2
    assert lines[1].startswith(f"{SEED['agreement']},")
    assert "AZE>ISR:energy;ISR>AZE:arms" in lines[1]


# --- For tests/api/test_people.py ------------------------------------------------------------


def test_israels_foreign_minister_on_the_day(anon, seed_data):
    body = get(anon, "people/", {"post": "isr-minister-of-foreign-affairs",
                                 "in_office_on": DAY})
    assert ids(body) == ["gideon-saar"]
    person = body["results"][0]
    assert person["name"] == "Gideon Sa'ar"
    assert [t["post"]["id"] for t in person["tenures"]] == ["isr-minister-of-foreign-affairs"]


def test_azerbaijan_and_kazakhstan_office_holders_on_the_day(anon, seed_data):
    assert id_set(anon, "people/", {"in_office_on": DAY, "country": "AZE"}) == {
        "ilham-aliyev", "jeyhun-bayramov"}
    assert id_set(anon, "people/", {"post": "kaz-president", "in_office_on": DAY}) == {
        "kassym-jomart-tokayev"}


@pytest.mark.parametrize(("q", "expected"), [
    ("saar", {"gideon-saar"}),
    ("Sa’ar", {"gideon-saar"}),
    ("SA'AR", {"gideon-saar"}),
    ("tokaev", {"kassym-jomart-tokayev"}),
    ("Toqaev", {"kassym-jomart-tokayev"}),
    ("aliev", {"ilham-aliyev"}),
])
def test_people_by_any_spelling(anon, seed_data, q, expected):
    assert id_set(anon, "people/", {"q": q}) == expected


# --- For tests/api/test_organizations.py -----------------------------------------------------


@pytest.mark.parametrize("q", ["isis-k", "ISIS-K", "ISKP", "iskp", "IS-K", "khorasan"])
def test_islamic_state_khorasan_by_any_name(anon, seed_data, q):
    assert id_set(anon, "organizations/", {"q": q}) == {"islamic-state-khorasan"}


def test_dtx_by_its_azerbaijani_name(anon, seed_data):
    assert id_set(anon, "organizations/", {"q": "Dövlət Təhlükəsizliyi"}) == {"dtx"}
    assert id_set(anon, "organizations/", {"q": "dtx"}) == {"dtx"}


# --- For tests/api/test_sources.py -----------------------------------------------------------


def test_sources_published_by_ynet(anon, seed_data):
    body = get(anon, "sources/", {"publisher": "ynet"})
    assert ids(body) == ["src-hvgwjse1"]
    source = body["results"][0]
    assert source["publisher"] == {"type": "organization", "id": "ynet", "name": "Ynet"}
    assert source["published_on"] == "2026-01-27"
