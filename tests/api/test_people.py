"""people/: named individuals, their aliases and the posts they held.

Read as anonymous; people are not curated records, so everyone sees all of them.
Seed tests come last (the seed stays loaded for the rest of the module).
"""

from __future__ import annotations

import pytest

from diplomacy import models as m
from tests import factories as f

from .helpers import API, D, get, id_set, ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(countries) -> dict[str, m.Person | m.Post]:
    isr, aze, kaz = countries["ISR"], countries["AZE"], countries["KAZ"]
    saar = f.PersonFactory(slug="saar", name="Gideon Sa'ar", sort_name="Sa'ar, Gideon",
                           nationality=isr)
    for alias in ("Sa’ar", "Saar", "Gidon Sa'ar"):
        m.PersonAlias.objects.create(person=saar, name=alias)
    tokayev = f.PersonFactory(slug="tokayev", name="Kassym-Jomart Tokayev", nationality=kaz)
    m.PersonAlias.objects.create(person=tokayev, name="Tokaev",
                                 kind=m.AliasKind.TRANSLITERATION, language="en")
    aliyev = f.PersonFactory(slug="aliyev", name="Ilham Aliyev", nationality=aze)
    m.PersonAlias.objects.create(person=aliyev, name="İlham Əliyev", kind=m.AliasKind.NATIVE,
                                 language="az")
    # A foreign national who held an Israeli post, and a former minister.
    adviser = f.PersonFactory(slug="adviser", name="An Adviser", nationality=kaz)
    cohen = f.PersonFactory(slug="cohen", name="Eli Cohen", nationality=isr)
    fm = f.PostFactory(slug="isr-fm", label="Minister of Foreign Affairs", country=isr)
    envoy = f.PostFactory(slug="isr-envoy", label="Special Envoy", country=isr)
    president = f.PostFactory(slug="kaz-president", label="President", country=kaz)
    f.TenureFactory(person=saar, post=fm, start_date=D(2024, 11, 1), end_date=None)
    f.TenureFactory(person=cohen, post=fm, start_date=D(2023, 1, 1), end_date=D(2024, 10, 31))
    # cohen held the envoy post later: "fm on 2025-06-01" must not match him through it.
    f.TenureFactory(person=cohen, post=envoy, start_date=D(2025, 1, 1), end_date=None)
    f.TenureFactory(person=adviser, post=envoy, start_date=None, end_date=D(2019, 1, 1))
    f.TenureFactory(person=tokayev, post=president, start_date=D(2019, 3, 20), end_date=None)
    return {"saar": saar, "tokayev": tokayev, "aliyev": aliyev, "adviser": adviser,
            "cohen": cohen, "fm": fm}


def test_list_and_detail_show_aliases_and_tenures(anon, cast):
    body = get(anon, "people/")
    assert ids(body) == ["adviser", "cohen", "saar", "aliyev", "tokayev"]  # by name
    assert body["next"] is None and body["previous"] is None
    detail = get(anon, "people/saar/")
    assert {row["id"]: row for row in body["results"]}["saar"] == detail
    assert detail["id"] == "saar"
    assert detail["url"] == "http://testserver/api/v1/people/saar/"
    assert (detail["name"], detail["sort_name"], detail["nationality"]) == (
        "Gideon Sa'ar", "Sa'ar, Gideon", "ISR")
    assert {alias["name"] for alias in detail["aliases"]} == {"Sa’ar", "Saar", "Gidon Sa'ar"}
    [tenure] = detail["tenures"]
    assert tenure["post"] == {"id": "isr-fm", "label": "Minister of Foreign Affairs",
                              "country": "ISR"}
    assert (tenure["start_date"], tenure["end_date"]) == ("2024-11-01", None)
    assert tenure["id"].startswith("tn-")


def test_unknown_person_is_a_404(anon, cast):
    assert anon.get(f"{API}/people/nobody/").status_code == 404


@pytest.mark.parametrize(("q", "expected"), [
    ("saar", {"saar"}),
    ("SA’AR", {"saar"}),
    ("sa'ar", {"saar"}),
    ("Gidon", {"saar"}),
    ("tokaev", {"tokayev"}),
    ("TOKAYEV", {"tokayev"}),
    ("Əliyev", {"aliyev"}),
    ("ilham", {"aliyev"}),
    ("nobody", set()),
])
def test_q_matches_any_alias_ignoring_case_apostrophes_and_diacritics(anon, cast, q, expected):
    assert id_set(anon, "people/", {"q": q}) == expected


def test_q_lists_a_person_once_however_many_aliases_match(anon, cast):
    assert ids(get(anon, "people/", {"q": "saar"})) == ["saar"]


def test_country_is_nationality_or_a_post_held_there(anon, cast):
    assert id_set(anon, "people/", {"country": "ISR"}) == {"saar", "cohen", "adviser"}
    assert id_set(anon, "people/", {"country": "AZE"}) == {"aliyev"}
    assert id_set(anon, "people/", {"country": "AZE,KAZ"}) == {"aliyev", "tokayev", "adviser"}


def test_post_at_any_time(anon, cast):
    assert id_set(anon, "people/", {"post": "isr-fm"}) == {"saar", "cohen"}


def test_in_office_on_alone_treats_unknown_dates_as_open(anon, cast):
    assert id_set(anon, "people/", {"in_office_on": "2026-01-26"}) == {
        "saar", "cohen", "tokayev"}
    assert id_set(anon, "people/", {"in_office_on": "2018-01-01"}) == {"adviser"}


def test_post_and_in_office_on_must_hold_for_the_same_tenure(anon, cast):
    assert id_set(anon, "people/", {"post": "isr-fm", "in_office_on": "2024-06-01"}) == {
        "cohen"}
    assert id_set(anon, "people/", {"post": "isr-fm", "in_office_on": "2025-06-01"}) == {
        "saar"}
    # Inclusive on both ends of a tenure.
    assert id_set(anon, "people/", {"post": "isr-fm", "in_office_on": "2024-10-31"}) == {
        "cohen"}
    assert id_set(anon, "people/", {"post": "isr-fm", "in_office_on": "2024-11-01"}) == {
        "saar"}


@pytest.mark.parametrize(("params", "name"), [
    ({"post": "no-such-post"}, "post"),
    ({"in_office_on": "26/01/2026"}, "in_office_on"),
    ({"country": "ISRAEL"}, "country"),
])
def test_bad_filters_are_refused(anon, cast, params, name):
    response = anon.get(f"{API}/people/", params)
    assert response.status_code == 400
    assert name in response.json()


def test_seed_israels_foreign_minister_on_2026_01_26(anon, seed_data):
    body = get(anon, "people/", {"post": "isr-minister-of-foreign-affairs",
                                 "in_office_on": "2026-01-26"})
    assert ids(body) == ["gideon-saar"]


@pytest.mark.parametrize(("q", "expected"), [
    ("saar", "gideon-saar"), ("SA’AR", "gideon-saar"), ("tokaev", "kassym-jomart-tokayev")])
def test_seed_name_search(anon, seed_data, q, expected):
    assert id_set(anon, "people/", {"q": q}) == {expected}
