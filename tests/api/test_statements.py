"""statements/: who said what about whom, with the events/ filters plus speaker,
about and medium.

Read as anonymous (published records only). Seed tests come last (the seed stays
loaded for the rest of the module).
"""

from __future__ import annotations

import pytest

from diplomacy import models as m
from tests import factories as f

from .helpers import API, SEED, D, full_event, get, id_set, ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(countries) -> dict[str, m.Person]:
    return {
        "saar": f.PersonFactory(slug="saar", name="Gideon Sa'ar", nationality=countries["ISR"]),
        "aliyev": f.PersonFactory(slug="aliyev", name="Ilham Aliyev",
                                  nationality=countries["AZE"]),
    }


@pytest.fixture
def statements(countries, people) -> dict[str, m.Event]:
    post = f.PostFactory(slug="isr-fm", label="Minister of Foreign Affairs",
                         country=countries["ISR"])
    ministry = f.OrganisationFactory(slug="aze-presidency", name="Presidency",
                                     country=countries["AZE"])
    occasion = full_event(countries=[countries["AZE"], countries["ISR"]],
                          kind=m.EventKind.PRESS_CONFERENCE)
    about_iran = f.StatementFactory(
        speaker_person=people["saar"], speaker_post=post, medium="press_conference",
        quote="There is a massacre taking place in Iran.", language="en", occasion=occasion,
        date=D(2026, 1, 26))
    about_iran.about_countries.set([countries["IRN"]])
    about_aliyev = f.StatementFactory(speaker_person=people["saar"], medium="social_media",
                                      quote="a visionary leader", date=D(2026, 1, 26))
    about_aliyev.about_people.set([people["aliyev"]])
    readout = f.StatementFactory(speaker_person=None, speaker_organisation=ministry,
                                 medium="readout", quote="relations were discussed",
                                 date=D(2026, 1, 27))
    readout.about_countries.set([countries["AZE"], countries["ISR"]])
    readout.about_organisations.set([ministry])
    return {"about_iran": about_iran, "about_aliyev": about_aliyev, "readout": readout,
            "occasion": occasion, "post": post, "ministry": ministry}


def test_lists_statements_only(anon, statements):
    body = get(anon, "statements/")
    assert set(ids(body)) == {statements["about_iran"].uid, statements["about_aliyev"].uid,
                              statements["readout"].uid}
    assert {"next", "previous", "results"} <= set(body)


def test_detail_shows_speaker_post_quote_medium_about_and_occasion(anon, statements):
    statement = statements["about_iran"]
    body = get(anon, f"statements/{statement.uid}/")
    assert body["id"] == statement.uid
    assert body["url"] == f"http://testserver/api/v1/statements/{statement.uid}/"
    assert body["kind"] == "statement"
    assert body["speaker"] == {"type": "person", "id": "saar", "name": "Gideon Sa'ar"}
    assert body["speaker_post"] == {"id": "isr-fm", "label": "Minister of Foreign Affairs",
                                    "country": "ISR"}
    assert body["quote"] == "There is a massacre taking place in Iran."
    assert body["language"] == "en"
    assert body["medium"] == "press_conference"
    assert body["about"] == [{"type": "country", "id": "IRN", "name": "Iran"}]
    assert body["occasion"] == statements["occasion"].uid
    assert "statement" not in body  # the fields are at the top level here


def test_an_organisation_speaks_for_a_readout(anon, statements):
    body = get(anon, f"statements/{statements['readout'].uid}/")
    assert body["speaker"] == {"type": "organization", "id": "aze-presidency",
                               "name": "Presidency"}
    assert body["speaker_post"] is None
    assert {(a["type"], a["id"]) for a in body["about"]} == {
        ("country", "AZE"), ("country", "ISR"), ("organization", "aze-presidency")}


def test_statement_fields_also_appear_on_events(anon, statements):
    body = get(anon, f"events/{statements['about_aliyev'].uid}/")
    assert body["statement"]["speaker"]["id"] == "saar"
    assert body["statement"]["quote"] == "a visionary leader"
    assert body["statement"]["about"] == [
        {"type": "person", "id": "aliyev", "name": "Ilham Aliyev"}]


def test_meetings_are_not_statements(anon, statements):
    response = anon.get(f"{API}/statements/{statements['occasion'].uid}/")
    assert response.status_code == 404


def test_speaker(anon, statements, people):
    assert id_set(anon, "statements/", {"speaker": "saar"}) == {
        statements["about_iran"].uid, statements["about_aliyev"].uid}
    assert id_set(anon, "statements/", {"speaker": "aliyev"}) == set()


@pytest.mark.parametrize(("about", "expected"), [
    ("IRN", {"about_iran"}),
    ("irn", {"about_iran"}),
    ("AZE", {"readout"}),
    ("aliyev", {"about_aliyev"}),          # a person
    ("aze-presidency", {"readout"}),       # an organisation
    ("KAZ", set()),
])
def test_about_a_country_organisation_or_person(anon, statements, about, expected):
    assert id_set(anon, "statements/", {"about": about}) == {
        statements[name].uid for name in expected}


def test_medium(anon, statements):
    assert id_set(anon, "statements/", {"medium": "readout"}) == {statements["readout"].uid}
    assert id_set(anon, "statements/", {"medium": "social_media"}) == {
        statements["about_aliyev"].uid}


def test_events_filters_apply(anon, statements):
    assert id_set(anon, "statements/", {"q": "massacre"}) == {statements["about_iran"].uid}
    assert id_set(anon, "statements/", {"date_from": "2026-01-27"}) == {
        statements["readout"].uid}
    assert ids(get(anon, "statements/", {"ordering": "-date"}))[0] == statements["readout"].uid


def test_speaker_and_about_combine(anon, statements):
    assert id_set(anon, "statements/", {"speaker": "saar", "about": "IRN"}) == {
        statements["about_iran"].uid}
    assert id_set(anon, "statements/", {"speaker": "saar", "about": "AZE"}) == set()


@pytest.mark.parametrize(("params", "name"), [
    ({"speaker": "nobody"}, "speaker"),
    ({"about": "nobody"}, "about"),
    ({"about": "XYZ"}, "about"),
    ({"medium": "telegram"}, "medium"),
])
def test_unknown_ids_and_values_are_refused(anon, statements, params, name):
    response = anon.get(f"{API}/statements/", params)
    assert response.status_code == 400
    assert name in response.json()


def test_seed_every_statement_by_gideon_saar_about_iran(anon, seed_data):
    body = get(anon, "statements/", {"speaker": "gideon-saar", "about": "IRN"})
    assert ids(body) == [SEED["iran_statement"]]
    [statement] = body["results"]
    assert statement["speaker"]["id"] == "gideon-saar"
    assert statement["quote"].startswith("There is a massacre of unimaginable proportions")
    assert ("country", "IRN") in [(a["type"], a["id"]) for a in statement["about"]]


def test_seed_the_same_words_said_twice_are_two_statements(anon, seed_data):
    found = id_set(anon, "statements/", {"speaker": "gideon-saar", "q": '"visionary leader"'})
    assert found == {SEED["visionary_aliyev"], SEED["visionary_tokayev"]}
