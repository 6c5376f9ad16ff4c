"""events/: the whole timeline, its representation, every filter and its exports.

Read as anonymous (published records only) unless a test says otherwise; alice (a
curator, by session or by API token) also sees drafts and retracted events, in lists,
by id and as relation targets. Factory-built tests build only the rows they ask about,
so the expected id sets are exact. The seed questions and the seed exports (CSV,
PLOVER, ICEWS) each run in one class that loads the shipped seed once; no other test
sees it. Their answers must be the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest

from diplomacy import models as m
from diplomacy.services.interop import ICEWS_COLUMNS
from tests import factories as f

from .helpers import API, SEED, D, assert_error, full_event, get, id_set, ids, relate

pytestmark = pytest.mark.django_db


# --- Representation --------------------------------------------------------------------------


@pytest.fixture
def cameo(db) -> m.CameoCode:
    code, _ = m.CameoCode.objects.get_or_create(
        code="042", defaults={"name": "Make a visit", "goldstein": Decimal("1.9"),
                              "plover_type": "CONSULT", "plover_mode": "visit"})
    return code


@pytest.fixture
def visit(countries, cameo) -> m.Event:
    """A fully described published visit AZE (host) – ISR (guest), with a CAMEO code."""
    security = f.TopicFactory(slug="security")
    return full_event(countries=[countries["AZE"], countries["ISR"]], kind=m.EventKind.VISIT,
                      topics=[security], title="Minister visits Baku", summary="Talks held.",
                      date=D(2026, 1, 26), date_end=D(2026, 1, 27), place="Baku",
                      location_country=countries["AZE"], verification=m.Verification.CONFIRMED,
                      cameo=cameo, plover_type="CONSULT", plover_mode="visit",
                      plover_context="diplomatic", approximate=True)


def test_list_is_paginated_with_results_next_and_previous(anon, countries):
    for day in range(1, 4):
        full_event(countries=[countries["AZE"]], date=D(2026, 1, day))
    first = get(anon, "events/", {"page_size": 2})
    assert set(first) >= {"count", "count_exact", "results", "next", "previous"}
    assert (first["count"], first["count_exact"]) == (3, True)
    assert len(first["results"]) == 2
    assert first["previous"] is None
    assert first["next"].startswith("http://testserver/api/v1/events/?")
    assert "cursor=" in first["next"]
    second = anon.get(first["next"]).json()
    assert len(second["results"]) == 1
    assert second["next"] is None
    assert second["previous"] is not None
    assert not set(ids(first)) & set(ids(second))
    # previous leads back to the same first page.
    assert ids(anon.get(second["previous"]).json()) == ids(first)


def test_detail_shows_every_field_of_the_event(anon, visit):
    body = get(anon, f"events/{visit.uid}/")
    assert body["id"] == visit.uid
    assert body["url"] == f"http://testserver/api/v1/events/{visit.uid}/"
    assert body["kind"] == "visit"
    assert body["title"] == "Minister visits Baku"
    assert body["summary"] == "Talks held."
    assert (body["date"], body["date_end"]) == ("2026-01-26", "2026-01-27")
    assert body["date_precision"] == "day"
    assert body["approximate"] is True
    assert body["location"] == {"place": "Baku", "country": "AZE"}
    assert body["topics"] == ["security"]
    assert body["verification"] == "confirmed"
    assert body["status"] == "published"
    assert body["codes"] == {"cameo": "042", "cameo_name": "Make a visit",
                             "plover_type": "CONSULT", "plover_mode": "visit",
                             "plover_context": "diplomatic", "intensity": 1.9}
    assert body["statement"] is None
    assert body["relations"] == []


def test_participants_show_every_actor_type_with_id_name_role_and_country(anon, visit):
    participants = get(anon, f"events/{visit.uid}/")["participants"]
    by_type = {p["actor"]["type"]: p for p in participants}
    assert set(by_type) == {"country", "organization", "person", "unresolved"}
    countries = sorted((p["actor"]["id"], p["actor"]["name"], p["role"], p["country"])
                       for p in participants if p["actor"]["type"] == "country")
    assert countries == [("AZE", "Azerbaijan", "host", "AZE"), ("ISR", "Israel", "guest", "ISR")]
    organisation = visit.participants.get(actor_organisation__isnull=False).actor_organisation
    assert by_type["organization"] == {
        "actor": {"type": "organization", "id": organisation.slug, "name": organisation.name},
        "role": "organiser", "country": "AZE", "note": ""}
    person = visit.participants.get(actor_person__isnull=False).actor_person
    assert by_type["person"]["actor"] == {"type": "person", "id": person.slug,
                                          "name": person.name}
    assert by_type["person"]["role"] == "speaker"
    assert by_type["unresolved"] == {
        "actor": {"type": "unresolved", "id": None, "name": "three nationals"},
        "role": "arrested", "country": "AZE", "note": ""}


def test_a_participants_note_travels_with_it(anon, countries):
    event = full_event(countries=[countries["AZE"]])
    event.participants.filter(name="three nationals").update(note="reportedly linked")
    rows = {p["actor"]["name"]: p for p in get(anon, f"events/{event.uid}/")["participants"]}
    assert rows["three nationals"]["note"] == "reportedly linked"


def test_citations_name_their_source_and_quote(anon, visit):
    source = visit.citations.get().source
    assert get(anon, f"events/{visit.uid}/")["citations"] == [{
        "source": {"id": source.uid, "title": source.title,
                   "publisher": source.publisher.name, "link": source.url,
                   "published_on": "2026-01-27"},
        "quote": "the passage that supports it",
        "note": "",
    }]


def test_relations_are_shown_from_both_ends(anon, countries):
    visit = full_event(countries=[countries["AZE"]], kind=m.EventKind.VISIT)
    meeting = full_event(countries=[countries["AZE"]])
    relate(meeting, visit, kind=m.RelationKind.PART_OF, certainty=m.Certainty.LIKELY,
           note="same trip")
    assert get(anon, f"events/{meeting.uid}/")["relations"] == [
        {"kind": "part_of", "direction": "outgoing", "event": visit.uid,
         "certainty": "likely", "note": "same trip"}]
    assert get(anon, f"events/{visit.uid}/")["relations"] == [
        {"kind": "part_of", "direction": "incoming", "event": meeting.uid,
         "certainty": "likely", "note": "same trip"}]


def test_list_rows_match_the_detail(anon, countries, visit):
    meeting = full_event(countries=[countries["AZE"], countries["ISR"]],
                         title="Meeting with the president", date=D(2026, 1, 26))
    relate(meeting, visit, m.RelationKind.PART_OF, m.Certainty.LIKELY, "during the visit")
    listed = get(anon, "events/")["results"]
    assert {row["id"] for row in listed} == {visit.uid, meeting.uid}
    assert listed == [get(anon, f"events/{row['id']}/") for row in listed]


def test_a_statement_carries_its_statement_block(anon, countries):
    speaker = f.PersonFactory(slug="gideon-saar", name="Gideon Sa'ar",
                              nationality=countries["ISR"])
    statement = f.StatementFactory(speaker_person=speaker, quote="visionary leader",
                                   medium=m.StatementMedium.SOCIAL_MEDIA, language="en")
    statement.about_countries.add(countries["AZE"])
    block = get(anon, f"events/{statement.uid}/")["statement"]
    assert block["speaker"] == {"type": "person", "id": "gideon-saar", "name": "Gideon Sa'ar"}
    assert block["quote"] == "visionary leader"
    assert block["medium"] == "social_media"
    assert block["about"] == [{"type": "country", "id": "AZE", "name": "Azerbaijan"}]


def test_date_precision_span_and_approximation_are_shown_as_stored(anon, countries):
    year = full_event(countries=[countries["RUS"]], date=D(2024, 1, 1),
                      date_precision=m.DatePrecision.YEAR, approximate=True)
    span = full_event(countries=[countries["AZE"]], date=D(2026, 1, 20),
                      date_end=D(2026, 1, 25))
    body = get(anon, f"events/{year.uid}/")
    assert (body["date"], body["date_end"], body["date_precision"], body["approximate"]) == (
        "2024-01-01", None, "year", True)
    body = get(anon, f"events/{span.uid}/")
    assert (body["date"], body["date_end"], body["date_precision"], body["approximate"]) == (
        "2026-01-20", "2026-01-25", "day", False)


def test_agreement_event_links_its_agreement(anon, countries):
    agreement = f.AgreementFactory(first_party=countries["AZE"], second_party=countries["ISR"])
    event = f.EventFactory(kind=m.EventKind.AGREEMENT, agreement=agreement)
    assert get(anon, f"events/{event.uid}/")["agreement"] == agreement.uid


def test_unknown_id_is_a_json_404(anon):
    response = anon.get(f"{API}/events/ev-nothere1/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()


# --- Visibility: drafts and retractions ------------------------------------------------------


@pytest.fixture
def three_statuses(countries) -> tuple[m.Event, m.Event, m.Event]:
    published = full_event(countries=[countries["AZE"]], title="Published meeting")
    draft = full_event(countries=[countries["AZE"]], status=m.CurationStatus.DRAFT,
                       title="Draft meeting")
    retracted = full_event(countries=[countries["AZE"]], status=m.CurationStatus.RETRACTED,
                           retraction_reason="Misreported", title="Retracted meeting")
    return published, draft, retracted


def test_anonymous_sees_only_published_events(anon, three_statuses):
    published, draft, retracted = three_statuses
    assert id_set(anon, "events/") == {published.uid}
    assert get(anon, f"events/{published.uid}/")["status"] == "published"
    for hidden in (draft, retracted):
        assert anon.get(f"{API}/events/{hidden.uid}/").status_code == 404
        assert anon.get(f"{API}/meetings/{hidden.uid}/").status_code == 404


def test_anonymous_gets_nothing_when_asking_for_drafts(anon, three_statuses):
    assert id_set(anon, "events/", {"status": "draft"}) == set()
    assert id_set(anon, "events/", {"status": "retracted"}) == set()


def test_curator_sees_drafts_and_retracted(alice_client, three_statuses):
    published, draft, retracted = three_statuses
    assert id_set(alice_client, "events/") == {published.uid, draft.uid, retracted.uid}
    assert id_set(alice_client, "events/", {"status": "draft"}) == {draft.uid}
    assert id_set(alice_client, "events/", {"status": "retracted"}) == {retracted.uid}
    assert id_set(alice_client, "events/", {"status": "published"}) == {published.uid}
    body = get(alice_client, f"events/{retracted.uid}/")
    assert body["status"] == "retracted"
    assert body["retraction_reason"] == "Misreported"


def test_token_client_sees_drafts_too(alice_token_client, three_statuses):
    _, draft, _ = three_statuses
    assert get(alice_token_client, f"events/{draft.uid}/")["status"] == "draft"


def test_hidden_events_are_not_relation_targets_for_anonymous(anon, alice_client, countries):
    visit = full_event(countries=[countries["AZE"]], kind=m.EventKind.VISIT)
    draft = full_event(countries=[countries["AZE"]], status=m.CurationStatus.DRAFT)
    retracted = full_event(countries=[countries["AZE"]], status=m.CurationStatus.RETRACTED,
                           retraction_reason="wrong")
    relate(draft, visit)
    relate(visit, retracted, kind=m.RelationKind.FOLLOWS)
    assert get(anon, f"events/{visit.uid}/")["relations"] == []
    seen = {(r["direction"], r["event"]) for r in
            get(alice_client, f"events/{visit.uid}/")["relations"]}
    assert seen == {("incoming", draft.uid), ("outgoing", retracted.uid)}


# --- Filter: kind ----------------------------------------------------------------------------


@pytest.fixture
def kinds(countries) -> dict[str, m.Event]:
    return {
        "meeting": full_event(countries=[countries["AZE"]], kind=m.EventKind.MEETING),
        "visit": full_event(countries=[countries["AZE"]], kind=m.EventKind.VISIT),
        "incident": full_event(countries=[countries["AZE"]], kind=m.EventKind.INCIDENT),
        "statement": f.StatementFactory(),
    }


@pytest.mark.parametrize(("kind", "expected"), [
    ("meeting", {"meeting"}),
    ("meeting,incident", {"meeting", "incident"}),
    ("visit,meeting", {"meeting", "visit"}),
    ("visit, statement", {"visit", "statement"}),  # blanks around items are ignored
    ("press_conference", set()),  # a known kind nobody recorded
])
def test_kind_comma_list_matches_any(anon, kinds, kind, expected):
    assert id_set(anon, "events/", {"kind": kind}) == {kinds[name].uid for name in expected}


def test_unknown_kind_is_refused(anon, kinds):
    assert_error(anon.get(f"{API}/events/", {"kind": "meeting,party"}), "kind")


# --- Filters: country, dyad, participant -----------------------------------------------------


@pytest.fixture
def dyads(countries) -> dict[str, m.Event]:
    """Meetings AZE (host) + ISR, ISR (host) + AZE, AZE + IRN, AZE alone and KAZ + ISR."""
    aze, isr, irn, kaz = (countries[code] for code in ("AZE", "ISR", "IRN", "KAZ"))
    return {
        "aze_isr": full_event(countries=[aze, isr]),
        "isr_aze": full_event(countries=[isr, aze]),
        "aze_irn": full_event(countries=[aze, irn]),
        "aze_only": full_event(countries=[aze]),
        "kaz_isr": full_event(countries=[kaz, isr]),
    }


@pytest.mark.parametrize(("country", "expected"), [
    ("IRN", {"aze_irn"}),
    ("KAZ", {"kaz_isr"}),
    ("AZE", {"aze_isr", "isr_aze", "aze_irn", "aze_only"}),
    ("aze", {"aze_isr", "isr_aze", "aze_irn", "aze_only"}),
    ("IRN,KAZ", {"aze_irn", "kaz_isr"}),
    ("kaz,AZE", {"aze_isr", "isr_aze", "aze_irn", "aze_only", "kaz_isr"}),
    ("RUS", set()),  # a known country with no events
])
def test_country_comma_list_matches_any(anon, dyads, country, expected):
    assert id_set(anon, "events/", {"country": country}) == {
        dyads[name].uid for name in expected}


@pytest.mark.parametrize(("dyad", "expected"), [
    ("AZE,ISR", {"aze_isr", "isr_aze"}),  # whoever hosted
    ("ISR,AZE", {"aze_isr", "isr_aze"}),
    ("isr,aze", {"aze_isr", "isr_aze"}),
    ("KAZ,ISR", {"kaz_isr"}),
    ("AZE,KAZ", set()),
    ("KAZ,AZE", set()),
])
def test_dyad_is_unordered_and_requires_both(anon, dyads, dyad, expected):
    assert id_set(anon, "events/", {"dyad": dyad}) == {dyads[name].uid for name in expected}


def test_country_and_dyad_count_people_and_organisations_under_their_country(anon, countries):
    """A minister counts for the state they serve: no country actor needed."""
    event = f.EventFactory()
    saar = f.PersonFactory(nationality=countries["ISR"])
    dtx = f.OrganisationFactory(country=countries["AZE"])
    f.ParticipantFactory(event=event, actor_country=None, actor_person=saar,
                         country=countries["ISR"])
    f.ParticipantFactory(event=event, actor_country=None, actor_organisation=dtx,
                         country=countries["AZE"])
    assert id_set(anon, "events/", {"dyad": "AZE,ISR"}) == {event.uid}
    assert id_set(anon, "events/", {"country": "ISR"}) == {event.uid}
    assert id_set(anon, "events/", {"country": "AZE"}) == {event.uid}


def test_participant_by_person_or_organisation(anon, countries):
    one = full_event(countries=[countries["AZE"]])
    two = full_event(countries=[countries["AZE"]])
    person = one.participants.get(actor_person__isnull=False).actor_person
    organisation = two.participants.get(actor_organisation__isnull=False).actor_organisation
    assert id_set(anon, "events/", {"participant": person.slug}) == {one.uid}
    assert id_set(anon, "events/", {"participant": organisation.slug}) == {two.uid}


# --- Filters: date_from and date_to, widened by each event's precision ------------------------


@pytest.fixture
def dated(db) -> dict[str, m.Event]:
    year, month, day = m.DatePrecision.YEAR, m.DatePrecision.MONTH, m.DatePrecision.DAY
    return {
        "year_2024": f.EventFactory(date=D(2024, 1, 1), date_precision=year),
        "month_2024_03": f.EventFactory(date=D(2024, 3, 1), date_precision=month),
        "day_2024_06_10": f.EventFactory(date=D(2024, 6, 10), date_precision=day),
        "span_2024_05_30_to_06_02": f.EventFactory(date=D(2024, 5, 30),
                                                   date_end=D(2024, 6, 2), date_precision=day),
        "months_2023_11_to_2024_02": f.EventFactory(date=D(2023, 11, 1),
                                                    date_end=D(2024, 2, 1),
                                                    date_precision=month),
        "day_2025_01_01": f.EventFactory(date=D(2025, 1, 1), date_precision=day),
        "month_2025_03": f.EventFactory(date=D(2025, 3, 1), date_precision=month),
        "day_2026_01_26": f.EventFactory(date=D(2026, 1, 26), date_precision=day),
        "span_2026_01_20_to_25": f.EventFactory(date=D(2026, 1, 20), date_end=D(2026, 1, 25),
                                                date_precision=day),
    }


BEFORE_2025 = {"year_2024", "month_2024_03", "day_2024_06_10", "span_2024_05_30_to_06_02",
               "months_2023_11_to_2024_02"}


@pytest.mark.parametrize(("date_from", "date_to", "expected"), [
    # A June range: the 2024 year overlaps it, the March month does not.
    ("2024-06-01", "2024-06-30", {"year_2024", "day_2024_06_10", "span_2024_05_30_to_06_02"}),
    # The range touches March 2024 on its last day only.
    ("2024-03-31", "2024-04-15", {"year_2024", "month_2024_03"}),
    ("2024-02-15", "2024-03-01",
     {"year_2024", "month_2024_03", "months_2023_11_to_2024_02"}),
    # Inclusive at both ends.
    ("2024-06-10", "2024-06-10", {"year_2024", "day_2024_06_10"}),
    # A day event outside the range does not match; the span overlapping it does.
    ("2024-06-01", "2024-06-09", {"year_2024", "span_2024_05_30_to_06_02"}),
    ("2024-05-01", "2024-05-30", {"year_2024", "span_2024_05_30_to_06_02"}),
    ("2024-06-03", "2024-06-09", {"year_2024"}),
    # A multi-month span is matched by a day inside it, widened to whole months.
    ("2023-12-25", "2023-12-25", {"months_2023_11_to_2024_02"}),
    ("2024-02-29", "2024-02-29", {"year_2024", "months_2023_11_to_2024_02"}),
    ("2025-01-01", "2025-12-31", {"day_2025_01_01", "month_2025_03"}),
    # Either end alone; a year reaches its last day and no further.
    ("2024-12-31", None, {"year_2024", "day_2025_01_01", "month_2025_03", "day_2026_01_26",
                          "span_2026_01_20_to_25"}),
    ("2025-01-01", None, {"day_2025_01_01", "month_2025_03", "day_2026_01_26",
                          "span_2026_01_20_to_25"}),
    (None, "2023-12-31", {"months_2023_11_to_2024_02"}),
    # A month is widened to the whole month, at either end.
    ("2025-03-01", "2025-03-15", {"month_2025_03"}),
    (None, "2025-03-15", BEFORE_2025 | {"day_2025_01_01", "month_2025_03"}),
    ("2025-03-31", None, {"month_2025_03", "day_2026_01_26", "span_2026_01_20_to_25"}),
    ("2025-04-01", None, {"day_2026_01_26", "span_2026_01_20_to_25"}),
    (None, "2025-02-28", BEFORE_2025 | {"day_2025_01_01"}),
    # A day is exact and inclusive.
    ("2026-01-26", "2026-01-26", {"day_2026_01_26"}),
    ("2026-01-27", None, set()),
    (None, "2026-01-25", BEFORE_2025 | {"day_2025_01_01", "month_2025_03",
                                        "span_2026_01_20_to_25"}),
    # A span matches when it overlaps the range.
    ("2026-01-24", "2026-01-30", {"span_2026_01_20_to_25", "day_2026_01_26"}),
    ("2026-01-10", "2026-01-20", {"span_2026_01_20_to_25"}),
    ("2026-01-22", "2026-01-23", {"span_2026_01_20_to_25"}),
    ("2026-01-26", None, {"day_2026_01_26"}),
    (None, "2026-01-19", BEFORE_2025 | {"day_2025_01_01", "month_2025_03"}),
])
def test_date_range_widens_each_event_by_its_precision(anon, dated, date_from, date_to,
                                                       expected):
    params = {name: value for name, value in (("date_from", date_from), ("date_to", date_to))
              if value is not None}
    assert id_set(anon, "events/", params) == {dated[name].uid for name in expected}


# --- Filters: topic, verification, text search, several at once ------------------------------


def test_topic_comma_list_matches_any_each_event_once(anon, db):
    energy, trade = f.TopicFactory(slug="energy"), f.TopicFactory(slug="trade")
    f.TopicFactory(slug="tourism")
    both = f.EventFactory()
    both.topics.set([energy, trade])
    only_trade = f.EventFactory()
    only_trade.topics.set([trade])
    f.EventFactory()
    assert id_set(anon, "events/", {"topic": "energy"}) == {both.uid}
    assert id_set(anon, "events/", {"topic": "trade"}) == {both.uid, only_trade.uid}
    assert id_set(anon, "events/", {"topic": "energy,trade"}) == {both.uid, only_trade.uid}
    assert id_set(anon, "events/", {"topic": "tourism"}) == set()
    # An event with both topics is listed once.
    body = get(anon, "events/", {"topic": "energy,trade", "page_size": 50})
    assert sorted(ids(body)) == sorted([both.uid, only_trade.uid])


def test_verification(anon, db):
    alleged = f.EventFactory(verification=m.Verification.ALLEGED)
    confirmed = f.EventFactory(verification=m.Verification.CONFIRMED)
    f.EventFactory()
    assert id_set(anon, "events/", {"verification": "alleged"}) == {alleged.uid}
    assert id_set(anon, "events/", {"verification": "confirmed"}) == {confirmed.uid}


def test_q_searches_title_summary_statement_quote_and_cited_passages(anon, db):
    by_title = f.EventFactory(title="Pipeline talks in Baku")
    by_summary = f.EventFactory(summary="They discussed the pipeline.")
    by_quote = f.StatementFactory(quote="This pipeline is a lifeline.")
    by_citation = f.EventFactory(title="Unrelated title")
    f.CitationFactory(event=by_citation, quote="the new pipeline opened")
    f.EventFactory(title="Tourism fair")
    assert id_set(anon, "events/", {"q": "pipeline"}) == {
        by_title.uid, by_summary.uid, by_quote.uid, by_citation.uid}
    assert id_set(anon, "events/", {"q": "zeppelin"}) == set()


def test_q_keeps_quoted_phrases_whole(anon, db):
    phrase = f.EventFactory(title="He called him a visionary leader")
    apart = f.EventFactory(title="A leader with a visionary plan")
    quoted = f.StatementFactory(quote="A visionary leader of his people")
    assert id_set(anon, "events/", {"q": '"visionary leader"'}) == {phrase.uid, quoted.uid}
    assert id_set(anon, "events/", {"q": "visionary leader"}) == {
        phrase.uid, apart.uid, quoted.uid}


def test_filters_combine(anon, dyads):
    for key, change in (("isr_aze", {"kind": m.EventKind.VISIT}),
                        ("aze_isr", {"verification": m.Verification.ALLEGED})):
        event = m.Event.objects.get(pk=dyads[key].pk)
        for name, value in change.items():
            setattr(event, name, value)
        event.save()
    assert id_set(anon, "events/", {"dyad": "AZE,ISR", "kind": "visit"}) == {
        dyads["isr_aze"].uid}
    assert id_set(anon, "events/", {"country": "AZE", "kind": "meeting"}) == {
        dyads["aze_isr"].uid, dyads["aze_irn"].uid, dyads["aze_only"].uid}
    assert id_set(anon, "events/", {"country": "ISR", "verification": "alleged",
                                    "kind": "meeting", "date_from": "2026-01-26"}) == {
        dyads["aze_isr"].uid}


# --- Filters: location, role, precision, codes, intensity, sources, relations --------------


@pytest.fixture
def coded(countries) -> dict[str, m.Event]:
    root = m.CameoCode.objects.create(code="18", name="Assault", goldstein=Decimal("-9.0"))
    bomb = m.CameoCode.objects.create(code="183", name="Suicide bombing", root=root,
                                      goldstein=Decimal("-10.0"))
    visit = m.CameoCode.objects.create(code="042", name="Make a visit", goldstein=Decimal("1.9"))
    aze, irn = countries["AZE"], countries["IRN"]
    attack = f.EventFactory(kind=m.EventKind.INCIDENT, incident_type="attack", cameo=bomb,
                            location_country=irn, date_precision=m.DatePrecision.YEAR,
                            date=D(2023, 1, 1), approximate=True)
    f.ParticipantFactory(event=attack, actor_country=aze, role=m.ParticipantRole.TARGET)
    meeting = full_event(countries=[aze, irn], cameo=visit, plover_type="CONSULT")
    return {"attack": attack, "meeting": meeting, "uncoded": full_event(countries=[aze])}


def test_country_also_counts_where_it_happened_and_location_only_that(anon, coded):
    """The 2023 attack on Azerbaijan's embassy in Tehran: Iran is where, not who."""
    assert coded["attack"].uid in id_set(anon, "events/", {"country": "IRN"})
    assert id_set(anon, "events/", {"location": "IRN"}) == {coded["attack"].uid}
    assert id_set(anon, "events/", {"dyad": "AZE,IRN"}) == {coded["meeting"].uid}


def test_role_narrows_country_and_participant(anon, coded):
    assert id_set(anon, "events/", {"country": "AZE", "role": "target"}) == {
        coded["attack"].uid}
    assert id_set(anon, "events/", {"country": "AZE", "role": "host"}) == {
        coded["meeting"].uid, coded["uncoded"].uid}
    person = coded["meeting"].participants.get(actor_person__isnull=False).actor_person
    assert id_set(anon, "events/", {"participant": person.slug, "role": "speaker"}) == {
        coded["meeting"].uid}
    assert id_set(anon, "events/", {"participant": person.slug, "role": "host"}) == set()
    assert_error(anon.get(f"{API}/events/", {"role": "host"}), "role")


@pytest.mark.parametrize(("params", "expected"), [
    ({"precision": "year"}, {"attack"}),
    ({"precision": "day,month"}, {"meeting", "uncoded"}),
    ({"approximate": "true"}, {"attack"}),
    ({"approximate": "false"}, {"meeting", "uncoded"}),
    ({"cameo": "18"}, {"attack"}),
    ({"cameo": "183"}, {"attack"}),
    ({"cameo": "04"}, {"meeting"}),
    ({"plover_type": "CONSULT"}, {"meeting"}),
    ({"intensity_max": "-9.5"}, {"attack"}),
    ({"intensity_min": "0"}, {"meeting"}),
    ({"intensity_min": "-10", "intensity_max": "10"}, {"attack", "meeting"}),
])
def test_precision_codes_and_intensity(anon, coded, params, expected):
    assert id_set(anon, "events/", params) == {coded[name].uid for name in expected}


@pytest.mark.parametrize(("params", "name"), [
    ({"approximate": "yes"}, "approximate"), ({"cameo": "4"}, "cameo"),
    ({"cameo": "0x4"}, "cameo"), ({"intensity_min": "-11"}, "intensity_min"),
    ({"intensity_max": "ten"}, "intensity_max"), ({"precision": "week"}, "precision"),
    ({"plover_type": "HUG"}, "plover_type"), ({"source": "src-nothing0"}, "source"),
    ({"related_to": "ev-nothing0"}, "related_to"), ({"location": "XYZ"}, "location"),
])
def test_bad_values_of_the_new_filters_are_named(anon, coded, params, name):
    assert_error(anon.get(f"{API}/events/", params), name)


def test_source_finds_every_claim_resting_on_it(anon, countries):
    source = f.SourceFactory()
    one, two = full_event(countries=[countries["AZE"]]), full_event(countries=[countries["ISR"]])
    f.CitationFactory(event=one, source=source)
    f.CitationFactory(event=two, source=source)
    full_event(countries=[countries["AZE"]])
    assert id_set(anon, "events/", {"source": source.uid}) == {one.uid, two.uid}


def test_related_to_follows_relations_both_ways(anon, countries):
    visit = full_event(countries=[countries["AZE"]], kind=m.EventKind.VISIT)
    meeting = full_event(countries=[countries["AZE"]])
    reply = full_event(countries=[countries["ISR"]])
    relate(meeting, visit)
    relate(visit, reply, kind=m.RelationKind.FOLLOWS)
    full_event(countries=[countries["AZE"]])
    assert id_set(anon, "events/", {"related_to": visit.uid}) == {meeting.uid, reply.uid}


# --- Full text: one language, the same on SQLite and PostgreSQL --------------------------------


@pytest.fixture
def texts(countries) -> dict[str, m.Event]:
    tokayev = f.PersonFactory(name="Kassym-Jomart Tokayev", nationality=countries["KAZ"])
    f.PersonAliasFactory(person=tokayev, name="Tokaev")
    met = f.EventFactory(title="Talks in Astana")
    f.ParticipantFactory(event=met, actor_country=None, actor_person=tokayev,
                         country=countries["KAZ"])
    return {
        "iran": f.EventFactory(title="Iranian delegation arrives"),
        "kazakhstan": f.EventFactory(title="Kazakhstan signs a memorandum"),
        "both": f.EventFactory(title="Iran and Kazakhstan talk trade"),
        "tokayev": met,
        "other": f.EventFactory(title="Energy conference in Baku"),
    }


@pytest.mark.parametrize(("q", "expected"), [
    ("Iran OR Kazakhstan", {"iran", "kazakhstan", "both"}),
    ("iran kazakhstan", {"both"}),
    ("Iran -Kazakhstan", {"iran"}),
    ('"Iran and Kazakhstan"', {"both"}),
    ("tokaev", {"tokayev"}),              # an alias of someone taking part
    ("TOKAYEV", {"tokayev"}),
    ("irán", {"iran", "both"}),           # accents and case folded; a word's start matches
    ("astana OR baku", {"tokayev", "other"}),
])
def test_search_language(anon, texts, q, expected):
    assert id_set(anon, "events/", {"q": q}) == {texts[name].uid for name in expected}


@pytest.mark.parametrize("q", ["!!!", '"   "', "-"])
def test_a_query_without_a_word_is_refused(anon, texts, q):
    assert_error(anon.get(f"{API}/events/", {"q": q}), "q")


# --- Ordering and pagination -----------------------------------------------------------------


def test_ordering_by_date_both_ways_ties_broken_by_id(anon, countries):
    events = [full_event(countries=[countries["AZE"]], date=D(2026, 1, 1 + n % 3))
              for n in range(7)]
    by_date_then_id = sorted(events, key=lambda e: (e.date, e.uid))
    assert ids(get(anon, "events/", {"ordering": "date"})) == [e.uid for e in by_date_then_id]
    assert ids(get(anon, "events/")) == [e.uid for e in by_date_then_id]
    descending = sorted(events, key=lambda e: (e.date, e.uid), reverse=True)
    assert ids(get(anon, "events/", {"ordering": "-date"})) == [e.uid for e in descending]


@pytest.mark.parametrize("ordering", ["date", "-date"])
def test_walking_next_yields_each_event_exactly_once(anon, countries, ordering):
    # Many ties on the date: only a unique secondary key keeps pages apart.
    events = [f.EventFactory(date=D(2026, 1, 1 + n % 2)) for n in range(25)]
    seen: list[str] = []
    response = anon.get(f"{API}/events/", {"page_size": 10, "ordering": ordering})
    pages = 0
    while True:
        assert response.status_code == 200
        body = response.json()
        seen.extend(ids(body))
        pages += 1
        if body["next"] is None:
            break
        response = anon.get(body["next"])
    assert pages == 3
    assert len(seen) == 25
    assert set(seen) == {e.uid for e in events}
    dates = [m.Event.objects.get(uid=uid).date for uid in seen]
    assert dates == sorted(dates, reverse=ordering == "-date")


def test_pages_stay_apart_while_events_are_added(anon, countries):
    """A cursor marks a place in the timeline, not an offset: rows inserted before it
    neither repeat on the next page nor push one out."""
    events = [f.EventFactory(date=D(2026, 1, 10 + n)) for n in range(6)]
    first = get(anon, "events/", {"page_size": 3})
    f.EventFactory(date=D(2026, 1, 1))  # lands on the first page, already read
    second = anon.get(first["next"]).json()
    assert ids(first) + ids(second) == [e.uid for e in events]


@pytest.mark.parametrize("cursor", ["nonsense", "eyJkIjoieCJ9", "eyJkIjoibiIsImsiOlsxLDJdfQ"])
def test_a_cursor_this_api_did_not_give_is_refused(anon, countries, cursor):
    assert_error(anon.get(f"{API}/events/", {"cursor": cursor}), "cursor")


def test_exports_say_how_many_rows_they_hold(anon, countries):
    for _ in range(3):
        full_event(countries=[countries["AZE"]])
    csv_response = anon.get(f"{API}/events/", {"format": "csv"})
    lines = b"".join(csv_response.streaming_content).decode().splitlines()
    assert csv_response["X-Row-Count"] == "3" == str(len(lines) - 1)
    plover = anon.get(f"{API}/events/", {"format": "plover"})
    assert plover["X-Row-Count"] == "3" == str(len(b"".join(plover.streaming_content)
                                                   .splitlines()))
    assert anon.get(f"{API}/events/", {"format": "icews"})["X-Event-Count"] == "3"


# --- Seed questions: what researchers ask of the shipped seed --------------------------------

BAKU_DAY = {SEED[name] for name in (
    "visit_aze", "plot", "meeting_aliyev", "press_conference", "iran_statement",
    "visionary_aliyev", "fascinating_meeting", "readout")}
KAZAKHSTAN = {SEED[name] for name in ("visit_kaz", "meeting_tokayev", "visionary_tokayev")}


def _involves(row: dict, code: str) -> bool:
    return any(p["country"] == code for p in row["participants"])


@pytest.mark.usefixtures("seed_data")
class TestSeedQuestions:
    def test_events_between_azerbaijan_and_israel_in_january_2026(self, anon):
        body = get(anon, "events/", {"dyad": "AZE,ISR", "date_from": "2026-01-01",
                                     "date_to": "2026-01-31", "page_size": 100})
        found = set(ids(body))
        assert found == BAKU_DAY
        # Kazakhstan's leg of the trip and the older incidents are not between them then.
        assert not {SEED["visit_kaz"], SEED["meeting_tokayev"], SEED["visionary_tokayev"],
                    SEED["crocus"], SEED["rabbinical_cancellation"]} & found
        for row in body["results"]:
            assert _involves(row, "AZE") and _involves(row, "ISR"), row["id"]
            assert "2026-01-01" <= row["date"] <= "2026-01-31"
        # Order of the pair does not matter.
        assert id_set(anon, "events/", {"dyad": "ISR,AZE", "date_from": "2026-01-01",
                                        "date_to": "2026-01-31"}) == found

    def test_the_baku_day_in_order(self, anon):
        body = get(anon, "events/", {"dyad": "AZE,ISR", "date_from": "2026-01-26",
                                     "date_to": "2026-01-26", "ordering": "date"})
        assert [row["id"] for row in body["results"]] == sorted(BAKU_DAY)
        assert {row["kind"] for row in body["results"]} == {
            "visit", "incident", "meeting", "press_conference", "statement"}

    def test_statements_of_the_baku_day(self, anon):
        found = id_set(anon, "events/", {"dyad": "AZE,ISR", "kind": "statement",
                                         "date_from": "2026-01-01", "date_to": "2026-01-31"})
        assert found == {SEED["iran_statement"], SEED["visionary_aliyev"],
                         SEED["fascinating_meeting"], SEED["readout"]}

    def test_israel_and_kazakhstan(self, anon):
        assert id_set(anon, "events/", {"dyad": "ISR,KAZ"}) == KAZAKHSTAN
        assert id_set(anon, "events/", {"dyad": "KAZ,ISR"}) == KAZAKHSTAN

    def test_participant_filter_on_the_seed(self, anon):
        assert id_set(anon, "events/", {"participant": "kassym-jomart-tokayev"}) == {
            SEED["meeting_tokayev"], SEED["visionary_tokayev"]}
        assert id_set(anon, "events/", {"participant": "islamic-state-khorasan"}) == {
            SEED["plot"], SEED["crocus"]}

    def test_the_year_precision_crocus_attack_matches_ranges_inside_2024(self, anon):
        found = id_set(anon, "events/", {"date_from": "2024-03-01", "date_to": "2024-03-31"})
        assert found == {SEED["crocus"]}
        june = id_set(anon, "events/", {"date_from": "2024-06-01", "date_to": "2024-06-30"})
        assert SEED["crocus"] in june  # dated only to 2024
        assert SEED["embassy_attack_iran"] not in june  # 2023
        body = get(anon, f"events/{SEED['crocus']}/")
        assert (body["date"], body["date_precision"]) == ("2024-01-01", "year")
        assert SEED["crocus"] not in id_set(anon, "events/", {"date_from": "2025-01-01"})

    def test_the_approximate_2025_cancellation_matches_2025_ranges(self, anon):
        uid = SEED["rabbinical_cancellation"]
        for date_from, date_to in [("2025-01-01", "2025-12-31"), ("2025-06-01", "2025-06-30"),
                                   ("2025-11-15", "2026-03-01"), ("2024-12-01", "2025-01-01")]:
            found = id_set(anon, "events/", {"date_from": date_from, "date_to": date_to})
            assert uid in found, (date_from, date_to)
        assert uid not in id_set(anon, "events/", {"date_from": "2026-01-01"})
        assert uid not in id_set(anon, "events/", {"date_to": "2024-12-31"})
        body = get(anon, f"events/{uid}/")
        assert (body["kind"], body["date_precision"], body["approximate"]) == (
            "cancellation", "year", True)

    def test_the_embassy_attack_in_2023(self, anon):
        found = id_set(anon, "events/", {"date_from": "2023-01-27", "date_to": "2023-01-27"})
        assert found == {SEED["embassy_attack_iran"]}

    def test_the_baku_visit_in_full(self, anon):
        body = get(anon, f"events/{SEED['visit_aze']}/")
        assert body["kind"] == "visit"
        assert body["location"] == {"place": "Baku", "country": "AZE"}
        assert body["approximate"] is True
        assert {(p["actor"]["type"], p["actor"]["id"], p["role"], p["country"])
                for p in body["participants"]} == {
            ("person", "gideon-saar", "guest", "ISR"), ("country", "AZE", "host", "AZE")}
        assert {(r["kind"], r["direction"], r["event"], r["certainty"])
                for r in body["relations"]} == {
            ("part_of", "incoming", SEED["meeting_aliyev"], "certain"),
            ("part_of", "incoming", SEED["press_conference"], "certain"),
            ("coincided_with", "incoming", SEED["plot"], "unclear")}
        assert body["codes"]["cameo"] == "042"
        assert body["citations"], "the visit rests on cited sources"
        for citation in body["citations"]:
            assert citation["source"]["id"] and citation["source"]["title"]

    def test_the_foiled_plot_names_an_unresolved_actor(self, anon):
        body = get(anon, f"events/{SEED['plot']}/")
        assert body["verification"] == "alleged"
        assert {"type": "unresolved", "id": None, "name": "three Azerbaijani nationals"} in [
            p["actor"] for p in body["participants"]]
        assert [r for r in body["relations"] if r["event"] == SEED["visit_aze"]] == [
            {"kind": "coincided_with", "direction": "outgoing", "event": SEED["visit_aze"],
             "certainty": "unclear", "note": body["relations"][0]["note"]}]
        assert "unclear" in body["relations"][0]["note"]

    # The same phrase-aware search finds the same seed records on SQLite and PostgreSQL.
    @pytest.mark.parametrize(("q", "expected"), [
        # The Tokayev meeting's summary quotes the phrase too; nothing without it matches.
        ('"visionary leader"', {"visionary_aliyev", "visionary_tokayev", "meeting_tokayev"}),
        # The Aliyev statement's summary notes the same words were later said of Tokayev.
        ('Tokayev "visionary leader"', {"visionary_aliyev", "visionary_tokayev",
                                        "meeting_tokayev"}),
        ('"visionary leader" Kazakhstan', {"visionary_tokayev", "meeting_tokayev"}),
        ("massacre", {"iran_statement"}),
        ("embassy plot", {"plot", "embassy_attack_iran"}),
    ])
    def test_full_text_search(self, anon, q, expected):
        assert id_set(anon, "events/", {"q": q}) == {SEED[name] for name in expected}

    def test_visionary_leader_as_a_phrase_in_the_query_string_and_with_kind(self, anon):
        response = anon.get(f"{API}/events/?q=%22visionary+leader%22&page_size=500")
        assert response.status_code == 200
        found = {row["id"] for row in response.json()["results"]}
        assert found == {SEED["visionary_aliyev"], SEED["visionary_tokayev"],
                         SEED["meeting_tokayev"]}
        assert SEED["fascinating_meeting"] not in found
        by_kind = anon.get(f"{API}/events/?q=%22visionary+leader%22&kind=statement")
        assert {row["id"] for row in by_kind.json()["results"]} == {
            SEED["visionary_aliyev"], SEED["visionary_tokayev"]}


# --- Exports: CSV, PLOVER and ICEWS ----------------------------------------------------------


def _streamed(response) -> str:
    assert response.status_code == 200
    assert response.streaming
    return b"".join(response.streaming_content).decode()


def _csv(client, params: dict) -> tuple[object, list[list[str]]]:
    response = client.get(f"{API}/events/", {**params, "format": "csv"})
    text = _streamed(response)
    assert response["Content-Type"].startswith("text/csv")
    return response, list(csv.reader(io.StringIO(text)))


def _plover(client, **params) -> dict[str, dict]:
    response = client.get(f"{API}/events/", {"format": "plover", **params})
    assert response["Content-Type"].startswith("application/jsonl")
    lines = _streamed(response).splitlines()
    return {record["id"]: record for record in map(json.loads, lines)}


def _icews(client, **params) -> list[dict]:
    response = client.get(f"{API}/events/", {"format": "icews", **params})
    assert response["Content-Type"].startswith("text/tab-separated-values")
    reader = csv.reader(io.StringIO(_streamed(response)), delimiter="\t")
    header = next(reader)
    assert header == ICEWS_COLUMNS
    return [dict(zip(header, row, strict=True)) for row in reader]


@pytest.mark.parametrize("export", ["csv", "plover", "icews"])
def test_an_export_of_a_bad_query_is_a_json_400(anon, countries, export):
    response = anon.get(f"{API}/events/", {"dyad": "ISR", "format": export})
    assert_error(response, "dyad")


@pytest.mark.usefixtures("seed_data")
class TestSeedExports:
    """events/?format=csv, plover and icews: the published timeline for spreadsheets and
    for people who combine it with machine-coded event data (PLOVER, ICEWS)."""

    def test_csv_of_the_kazakhstan_query(self, anon):
        response, rows = _csv(anon, {"dyad": "ISR,KAZ"})
        assert "attachment" in response["Content-Disposition"]
        header = rows[0]
        assert header[:4] == ["id", "kind", "title", "date"]
        assert {"participants", "countries", "topics", "source_ids"} <= set(header)
        records = [dict(zip(header, row, strict=True)) for row in rows[1:]]
        assert {r["id"] for r in records} == KAZAKHSTAN
        meeting = next(r for r in records if r["id"] == SEED["meeting_tokayev"])
        assert meeting["countries"] == "ISR;KAZ"
        assert set(meeting["participants"].split(";")) == {
            "person:gideon-saar:guest", "person:kassym-jomart-tokayev:host"}
        assert meeting["date"] == "2026-01-27"
        assert meeting["date_precision"] == "day"
        assert meeting["topics"] == "diplomacy"
        assert all(";" not in uid and uid for uid in
                   (r["source_ids"].split(";")[0] for r in records))

    def test_csv_is_every_matching_row_without_pagination(self, anon):
        _, rows = _csv(anon, {"page_size": 1})
        assert len(rows) - 1 == len(id_set(anon, "events/"))
        _, rows = _csv(anon, {"dyad": "AZE,ISR", "date_from": "2026-01-01",
                              "date_to": "2026-01-31"})
        assert {row[0] for row in rows[1:]} == BAKU_DAY

    def test_plover_lines_cover_the_published_timeline(self, anon):
        records = _plover(anon)
        published = set(m.Event.objects.filter(curation_status=m.CurationStatus.PUBLISHED)
                        .values_list("uid", flat=True))
        assert set(records) == published
        meeting = records[SEED["meeting_aliyev"]]
        assert meeting["date"] == "2026-01-26"
        assert meeting["event_type"] == "CONSULT"
        assert meeting["cameo"] == "040"
        assert [(a["id"], a["country"]) for a in meeting["actors"]] == [("gideon-saar", "ISR")]
        assert [(r["id"], r["country"]) for r in meeting["recipients"]] == [
            ("ilham-aliyev", "AZE")]
        assert meeting["citation"]["id"].startswith("src-")

    def test_plover_statement_is_made_by_its_speaker_about_its_subject(self, anon):
        statement = _plover(anon)[SEED["iran_statement"]]
        # Bayramov looked on: he is no actor of Sa'ar's words.
        assert [a["id"] for a in statement["actors"]] == ["gideon-saar"]
        assert [r["id"] for r in statement["recipients"]] == ["IRN"]

    def test_plover_respects_the_filters(self, anon):
        records = _plover(anon, dyad="ISR,KAZ")
        assert records
        assert all({"ISR", "KAZ"} <= {p["country"] for p in r["actors"] + r["recipients"]}
                   for r in records.values())

    def test_icews_rows_are_dyadic(self, anon):
        rows = _icews(anon)
        meeting = [r for r in rows if r["Event ID"] == SEED["meeting_aliyev"]]
        assert [(r["Source Name"], r["Source Country"], r["Target Name"], r["Target Country"])
                for r in meeting] == [("Gideon Sa'ar", "ISR", "Ilham Aliyev", "AZE")]
        assert meeting[0]["CAMEO Code"] == "040"
        assert meeting[0]["Intensity"] == "1.0"

    def test_icews_pairs_actors_by_role(self, anon):
        plot = {(r["Source Name"], r["Target Name"])
                for r in _icews(anon) if r["Event ID"] == SEED["plot"]}
        sources = {name for name, _ in plot}
        assert any("State Security Service" in s or "DTX" in s for s in sources)
        # The security service arrested the suspects; the armed group targeted the embassy.
        assert all(("Khorasan" in source) != ("nationals" in target) for source, target in plot)

    def test_every_published_event_exports_even_with_no_actor(self, anon):
        rows = _icews(anon)
        assert {r["Event ID"] for r in rows} == set(_plover(anon))
        cancellation = [r for r in rows if r["Event ID"] == SEED["rabbinical_cancellation"]]
        assert [(r["Source Country"], r["Target Country"], r["Country"], r["Approximate"],
                 r["Date Precision"]) for r in cancellation] == [("", "", "AZE", "true",
                                                                  "year")]

    def test_each_directed_country_pair_once_per_event_as_the_counts(self, anon):
        """Summing ICEWS by country pair counts each event once, as events/counts/ does."""
        pairs: dict[tuple[str, str], set[str]] = {}
        for row in _icews(anon):
            if row["Source Country"] and row["Target Country"] and (
                    row["Source Country"] != row["Target Country"]):
                key = (row["Source Country"], row["Target Country"])
                assert row["Event ID"] not in pairs.get(key, set()), (key, row["Event ID"])
                pairs.setdefault(key, set()).add(row["Event ID"])
        counts = get(anon, "events/counts/", {"by": "directed_dyad"})["rows"]
        assert {(r["source"], r["target"]): r["count"] for r in counts if r["source"]} == {
            key: len(events) for key, events in pairs.items()}
        dyads = {uid: {tuple(pair) for pair in record["dyads"]}
                 for uid, record in _plover(anon).items()}
        assert {key: {uid for uid, found in dyads.items() if key in found}
                for key in pairs} == pairs

    def test_a_participants_note_travels_into_the_exports(self, anon):
        participant = m.EventParticipant.objects.filter(
            event__uid=SEED["plot"], role="arrested").first()
        participant.note = "reportedly linked"
        participant.save()
        record = _plover(anon)[SEED["plot"]]
        assert "reportedly linked" in [r["note"] for r in record["recipients"]]
        assert "reportedly linked" in [r["Target Note"] for r in _icews(anon)
                                       if r["Event ID"] == SEED["plot"]]

    def test_drafts_stay_out_of_interop_exports(self, anon):
        meeting = m.Event.objects.get(uid=SEED["meeting_aliyev"])
        meeting.curation_status = m.CurationStatus.DRAFT
        meeting.save()
        assert SEED["meeting_aliyev"] not in _plover(anon)
        assert SEED["meeting_aliyev"] not in {r["Event ID"] for r in _icews(anon)}
