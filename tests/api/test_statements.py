"""statements/: who said what about whom, with the events/ filters plus speaker, about
and medium.

Read as anonymous (published records only) unless a test says otherwise; alice (a
curator) also sees draft statements. The seed questions run in one class that loads
the shipped seed once; no other test sees it.
"""

from __future__ import annotations

import pytest

from diplomacy import models as m
from tests import factories as f

from .helpers import API, SEED, D, assert_error, full_event, get, id_set, ids

pytestmark = pytest.mark.django_db

BAKU_DAY = D(2026, 1, 26)


@pytest.fixture
def people(countries) -> dict[str, m.Person]:
    return {
        "saar": f.PersonFactory(slug="gideon-saar", name="Gideon Sa'ar",
                                nationality=countries["ISR"]),
        "aliyev": f.PersonFactory(slug="ilham-aliyev", name="Ilham Aliyev",
                                  nationality=countries["AZE"]),
        "tokayev": f.PersonFactory(slug="kassym-jomart-tokayev", name="Kassym-Jomart Tokayev",
                                   nationality=countries["KAZ"]),
    }


@pytest.fixture
def timeline(countries, people) -> dict[str, m.Event]:
    aze, isr, kaz, irn = countries["AZE"], countries["ISR"], countries["KAZ"], countries["IRN"]
    saar = people["saar"]
    minister = f.PostFactory(slug="isr-minister-of-foreign-affairs",
                             label="Minister of Foreign Affairs", country=isr)
    presidency = f.OrganisationFactory(slug="azerbaijan-presidential-administration",
                                       name="Presidential Administration", country=aze)
    meeting = full_event(countries=[aze, isr], date=D(2026, 1, 26))

    def said(quote, *, speaker=saar, organisation=None, medium, about=(), on=BAKU_DAY,
             counted=(isr, aze), **fields):
        statement = f.StatementFactory(
            quote=quote, medium=medium, date=on, language="en",
            speaker_person=None if organisation else speaker,
            speaker_organisation=organisation,
            speaker_post=None if organisation else fields.pop("post", None), **fields)
        for country in counted:
            f.ParticipantFactory(event=statement, actor_country=country,
                                 role=m.ParticipantRole.MENTIONED)
        for actor in about:
            target = {m.Country: statement.about_countries, m.Person: statement.about_people,
                      m.Organisation: statement.about_organisations}[type(actor)]
            target.add(actor)
        return statement

    return {
        "meeting": meeting,
        "massacre": said("There is a massacre of unimaginable proportions",
                         medium=m.StatementMedium.PRESS_CONFERENCE, about=[irn],
                         post=minister, occasion=meeting, counted=(isr, aze, irn)),
        "visionary_aliyev": said("visionary leader", medium=m.StatementMedium.SOCIAL_MEDIA,
                                 about=[people["aliyev"]], post=minister),
        "visionary_tokayev": said("visionary leader", medium=m.StatementMedium.SOCIAL_MEDIA,
                                  about=[people["tokayev"]], on=D(2026, 1, 27),
                                  counted=(isr, kaz)),
        "readout": said("successful development of relations", organisation=presidency,
                        medium=m.StatementMedium.READOUT, about=[aze, isr, presidency]),
        "draft": said("not yet checked", medium=m.StatementMedium.INTERVIEW,
                      curation_status=m.CurationStatus.DRAFT),
    }


def _names(client, timeline, params=None) -> set[str]:
    by_uid = {event.uid: name for name, event in timeline.items()}
    return {by_uid[uid] for uid in id_set(client, "statements/", params)}


# --- Representation --------------------------------------------------------------------------


def test_detail_shows_speaker_post_quote_medium_about_and_occasion(anon, timeline):
    statement = timeline["massacre"]
    body = get(anon, f"statements/{statement.uid}/")
    assert body["id"] == statement.uid
    assert body["url"] == f"http://testserver/api/v1/statements/{statement.uid}/"
    assert body["kind"] == "statement"
    assert body["speaker"] == {"type": "person", "id": "gideon-saar", "name": "Gideon Sa'ar"}
    assert body["speaker_post"] == {"id": "isr-minister-of-foreign-affairs",
                                    "label": "Minister of Foreign Affairs", "country": "ISR"}
    assert body["quote"] == "There is a massacre of unimaginable proportions"
    assert body["language"] == "en"
    assert body["medium"] == "press_conference"
    assert body["about"] == [{"type": "country", "id": "IRN", "name": "Iran"}]
    assert body["occasion"] == timeline["meeting"].uid
    assert "statement" not in body  # the fields are at the top level here
    assert {p["country"] for p in body["participants"]} == {"ISR", "AZE", "IRN"}


def test_an_organisation_speaking_about_several_actors(anon, timeline):
    body = get(anon, f"statements/{timeline['readout'].uid}/")
    assert body["speaker"] == {"type": "organization",
                               "id": "azerbaijan-presidential-administration",
                               "name": "Presidential Administration"}
    assert body["speaker_post"] is None
    assert body["occasion"] is None
    assert sorted((a["type"], a["id"]) for a in body["about"]) == [
        ("country", "AZE"), ("country", "ISR"),
        ("organization", "azerbaijan-presidential-administration")]


def test_the_list_matches_the_detail(anon, timeline):
    statement = timeline["visionary_tokayev"]
    listed = get(anon, "statements/", {"dyad": "ISR,KAZ"})["results"]
    assert listed == [get(anon, f"statements/{statement.uid}/")]


def test_through_events_a_statement_keeps_the_events_url_and_nests_its_fields(anon, timeline):
    statement = timeline["visionary_aliyev"]
    body = get(anon, f"events/{statement.uid}/")
    assert body["url"].endswith(f"/api/v1/events/{statement.uid}/")
    assert body["statement"]["speaker"]["id"] == "gideon-saar"
    assert body["statement"]["quote"] == "visionary leader"
    assert body["statement"]["about"] == [
        {"type": "person", "id": "ilham-aliyev", "name": "Ilham Aliyev"}]


def test_other_kinds_and_drafts_are_not_statements(anon, timeline):
    # The meeting is also the massacre statement's occasion.
    assert anon.get(f"{API}/statements/{timeline['meeting'].uid}/").status_code == 404
    assert anon.get(f"{API}/statements/{timeline['draft'].uid}/").status_code == 404


# --- Visibility ------------------------------------------------------------------------------


def test_lists_published_statements_only(anon, alice_client, timeline):
    body = get(anon, "statements/")
    assert {"next", "previous", "results"} <= set(body)
    assert _names(anon, timeline) == {"massacre", "visionary_aliyev", "visionary_tokayev",
                                      "readout"}
    assert "draft" in _names(alice_client, timeline)


# --- Filters: speaker, about, medium ---------------------------------------------------------


def test_speaker_filter(anon, timeline):
    assert _names(anon, timeline, {"speaker": "gideon-saar"}) == {
        "massacre", "visionary_aliyev", "visionary_tokayev"}
    assert _names(anon, timeline, {"speaker": "ilham-aliyev"}) == set()


@pytest.mark.parametrize(("about", "expected"), [
    ("IRN", {"massacre"}),
    ("irn", {"massacre"}),
    ("AZE", {"readout"}),
    ("ISR", {"readout"}),
    ("azerbaijan-presidential-administration", {"readout"}),  # an organisation
    ("ilham-aliyev", {"visionary_aliyev"}),  # a person
    ("kassym-jomart-tokayev", {"visionary_tokayev"}),
    ("KAZ", set()),  # counted under KAZ, but not about it
])
def test_about_a_country_an_organisation_or_a_person(anon, timeline, about, expected):
    assert _names(anon, timeline, {"about": about}) == expected


def test_medium_filter(anon, timeline):
    assert _names(anon, timeline, {"medium": "social_media"}) == {
        "visionary_aliyev", "visionary_tokayev"}
    assert _names(anon, timeline, {"medium": "readout"}) == {"readout"}


def test_speaker_about_and_medium_combine(anon, timeline):
    assert _names(anon, timeline, {"speaker": "gideon-saar", "about": "IRN"}) == {"massacre"}
    assert _names(anon, timeline, {"speaker": "gideon-saar", "about": "AZE"}) == set()
    assert _names(anon, timeline, {"speaker": "gideon-saar", "about": "IRN",
                                   "medium": "press_conference"}) == {"massacre"}


@pytest.mark.parametrize(("params", "named"), [
    ({"speaker": "nobody-at-all"}, ("speaker", "nobody-at-all")),
    ({"about": "XXX"}, ("about", "XXX")),
    ({"about": "nobody-at-all"}, ("about", "nobody-at-all")),
    ({"medium": "telepathy"}, ("medium", "telepathy")),
])
def test_unknown_ids_and_values_are_a_400_naming_them(anon, timeline, params, named):
    assert_error(anon.get(f"{API}/statements/", params), *named)


# --- Filters from events/ --------------------------------------------------------------------


def test_the_events_filters_apply(anon, timeline):
    assert _names(anon, timeline, {"dyad": "KAZ,ISR"}) == {"visionary_tokayev"}
    assert _names(anon, timeline, {"dyad": "IRN,ISR"}) == {"massacre"}
    assert _names(anon, timeline, {"date_from": "2026-01-27"}) == {"visionary_tokayev"}
    assert _names(anon, timeline, {"date_from": "2026-01-27",
                                   "date_to": "2026-01-27"}) == {"visionary_tokayev"}
    assert _names(anon, timeline, {"q": "massacre"}) == {"massacre"}
    assert _names(anon, timeline, {"q": '"visionary leader"'}) == {
        "visionary_aliyev", "visionary_tokayev"}


def test_ordering_newest_first(anon, timeline):
    assert ids(get(anon, "statements/", {"ordering": "-date"}))[0] == (
        timeline["visionary_tokayev"].uid)


# --- Export ----------------------------------------------------------------------------------


def test_csv_has_the_statement_columns(anon, timeline):
    response = anon.get(f"{API}/statements/", {"format": "csv", "about": "IRN"})
    assert response.status_code == 200
    lines = b"".join(response.streaming_content).decode().splitlines()
    header = lines[0].split(",")
    assert header[:10] == ["id", "kind", "title", "date", "speaker", "speaker_post", "quote",
                           "language", "medium", "about"]
    assert len(lines) == 2
    assert f"{timeline['massacre'].uid},statement," in lines[1]
    assert ",gideon-saar,isr-minister-of-foreign-affairs," in lines[1]


# --- Seed questions --------------------------------------------------------------------------


@pytest.mark.usefixtures("seed_data")
class TestSeedQuestions:
    def test_every_statement_by_gideon_saar_about_iran(self, anon):
        body = get(anon, "statements/", {"speaker": "gideon-saar", "about": "IRN"})
        assert ids(body) == [SEED["iran_statement"]]
        [statement] = body["results"]
        assert statement["speaker"]["id"] == "gideon-saar"
        assert statement["quote"].startswith("There is a massacre of unimaginable proportions")
        assert ("country", "IRN") in [(a["type"], a["id"]) for a in statement["about"]]

    def test_statements_about_ilham_aliyev(self, anon):
        assert id_set(anon, "statements/", {"about": "ilham-aliyev"}) == {
            SEED["visionary_aliyev"], SEED["fascinating_meeting"]}

    def test_massacre_finds_the_iran_statement(self, anon):
        assert id_set(anon, "statements/", {"q": "massacre"}) == {SEED["iran_statement"]}

    def test_the_same_words_said_twice_are_two_statements(self, anon):
        both = {SEED["visionary_aliyev"], SEED["visionary_tokayev"]}
        response = anon.get(f"{API}/statements/?q=%22visionary+leader%22&page_size=500")
        assert {row["id"] for row in response.json()["results"]} == both
        found = id_set(anon, "statements/", {"speaker": "gideon-saar",
                                             "q": '"visionary leader"'})
        assert found == both
