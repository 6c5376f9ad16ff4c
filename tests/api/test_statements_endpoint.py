"""statements/: who said what about whom, with speaker, about and medium filters."""

from __future__ import annotations

import datetime

import pytest

from diplomacy import models as m
from tests import factories as f

from .helpers import API, assert_error, full_event, get, id_set

pytestmark = pytest.mark.django_db

D = datetime.date
BAKU_DAY = D(2026, 1, 26)


@pytest.fixture
def people(countries):
    return {
        "saar": f.PersonFactory(slug="gideon-saar", name="Gideon Sa'ar",
                                nationality=countries["ISR"]),
        "aliyev": f.PersonFactory(slug="ilham-aliyev", name="Ilham Aliyev",
                                  nationality=countries["AZE"]),
        "tokayev": f.PersonFactory(slug="kassym-jomart-tokayev", name="Kassym-Jomart Tokayev",
                                   nationality=countries["KAZ"]),
    }


@pytest.fixture
def timeline(countries, people):
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


def test_only_published_statements(anon, alice_client, timeline):
    assert _names(anon, timeline) == {"massacre", "visionary_aliyev", "visionary_tokayev",
                                      "readout"}
    assert "draft" in _names(alice_client, timeline)


def test_representation(anon, timeline):
    statement = timeline["massacre"]
    body = get(anon, f"statements/{statement.uid}/")

    assert body["id"] == statement.uid
    assert body["url"].startswith("http")
    assert body["url"].endswith(f"/api/v1/statements/{statement.uid}/")
    assert body["kind"] == "statement"
    assert body["speaker"] == {"type": "person", "id": "gideon-saar", "name": "Gideon Sa'ar"}
    assert body["speaker_post"] == {"id": "isr-minister-of-foreign-affairs",
                                    "label": "Minister of Foreign Affairs", "country": "ISR"}
    assert body["quote"] == "There is a massacre of unimaginable proportions"
    assert body["language"] == "en"
    assert body["medium"] == "press_conference"
    assert body["about"] == [{"type": "country", "id": "IRN", "name": "Iran"}]
    assert body["occasion"] == timeline["meeting"].uid
    assert "statement" not in body
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


def test_other_kinds_are_not_statements(anon, timeline):
    assert anon.get(f"{API}/statements/{timeline['meeting'].uid}/").status_code == 404
    assert anon.get(f"{API}/statements/{timeline['draft'].uid}/").status_code == 404
    # The same statement read through events/ keeps the events/ url.
    body = get(anon, f"events/{timeline['massacre'].uid}/")
    assert body["url"].endswith(f"/api/v1/events/{timeline['massacre'].uid}/")
    assert body["statement"]["speaker"]["id"] == "gideon-saar"


def test_speaker_filter(anon, timeline):
    assert _names(anon, timeline, {"speaker": "gideon-saar"}) == {
        "massacre", "visionary_aliyev", "visionary_tokayev"}
    assert _names(anon, timeline, {"speaker": "ilham-aliyev"}) == set()


def test_about_a_country_an_organisation_or_a_person(anon, timeline):
    assert _names(anon, timeline, {"about": "IRN"}) == {"massacre"}
    assert _names(anon, timeline, {"about": "irn"}) == {"massacre"}
    assert _names(anon, timeline, {"about": "ISR"}) == {"readout"}
    assert _names(anon, timeline, {"about": "azerbaijan-presidential-administration"}) == {
        "readout"}
    assert _names(anon, timeline, {"about": "kassym-jomart-tokayev"}) == {"visionary_tokayev"}
    assert _names(anon, timeline, {"about": "KAZ"}) == set()


def test_medium_filter(anon, timeline):
    assert _names(anon, timeline, {"medium": "social_media"}) == {
        "visionary_aliyev", "visionary_tokayev"}
    assert _names(anon, timeline, {"medium": "readout"}) == {"readout"}


def test_the_events_filters_apply(anon, timeline):
    assert _names(anon, timeline, {"dyad": "KAZ,ISR"}) == {"visionary_tokayev"}
    assert _names(anon, timeline, {"dyad": "IRN,ISR"}) == {"massacre"}
    assert _names(anon, timeline, {"date_from": "2026-01-27",
                                   "date_to": "2026-01-27"}) == {"visionary_tokayev"}
    assert _names(anon, timeline, {"q": '"visionary leader"'}) == {
        "visionary_aliyev", "visionary_tokayev"}
    assert _names(anon, timeline, {"speaker": "gideon-saar", "about": "IRN",
                                   "medium": "press_conference"}) == {"massacre"}


def test_unknown_speaker_is_a_400_naming_it(anon, timeline):
    assert_error(anon.get(f"{API}/statements/", {"speaker": "nobody-at-all"}),
                 "speaker", "nobody-at-all")


def test_unknown_about_is_a_400_naming_it(anon, timeline):
    assert_error(anon.get(f"{API}/statements/", {"about": "XXX"}), "about")
    assert_error(anon.get(f"{API}/statements/", {"about": "nobody-at-all"}), "about")


def test_unknown_medium_is_a_400_naming_it(anon, timeline):
    assert_error(anon.get(f"{API}/statements/", {"medium": "telepathy"}), "medium")


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
