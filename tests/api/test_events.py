"""events/: the whole timeline, its representation and every §4 filter.

Read as anonymous (published records only) unless a test says otherwise; alice
(a curator) also sees drafts. Tests on the shipped seed come last in the module:
the seed is loaded once per module and stays visible to every later test.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from diplomacy import models as m
from tests import factories as f

from .helpers import API, SEED, D, full_event, get, id_set, ids, relate

pytestmark = pytest.mark.django_db


@pytest.fixture
def cameo(db) -> m.CameoCode:
    code, _ = m.CameoCode.objects.get_or_create(
        code="042", defaults={"name": "Make a visit", "goldstein": Decimal("1.9"),
                              "plover_type": "CONSULT", "plover_mode": "visit"})
    return code


@pytest.fixture
def visit(countries, cameo) -> m.Event:
    """A fully described published visit, with a meeting that is part of it."""
    security = f.TopicFactory(slug="security")
    event = full_event(countries=[countries["AZE"], countries["ISR"]], kind=m.EventKind.VISIT,
                       topics=[security], title="Minister visits Baku", summary="Talks held.",
                       date=D(2026, 1, 26), date_end=D(2026, 1, 27), place="Baku",
                       location_country=countries["AZE"], verification=m.Verification.CONFIRMED,
                       cameo=cameo, plover_type="CONSULT", plover_mode="visit",
                       plover_context="diplomatic", approximate=True)
    meeting = full_event(countries=[countries["AZE"], countries["ISR"]],
                         title="Meeting with the president", date=D(2026, 1, 26))
    relate(meeting, event, m.RelationKind.PART_OF, m.Certainty.LIKELY, "during the visit")
    return event


# --- Representation --------------------------------------------------------------------------


def test_list_is_paginated_with_results_next_and_previous(anon, countries):
    for day in range(1, 4):
        f.EventFactory(date=D(2026, 1, day))
    first = get(anon, "events/", {"page_size": 2})
    assert first["count"] == 3
    assert len(first["results"]) == 2
    assert first["previous"] is None
    assert first["next"].startswith("http://testserver/api/v1/events/?")
    second = anon.get(first["next"]).json()
    assert len(second["results"]) == 1
    assert second["next"] is None
    assert second["previous"] is not None
    assert not set(ids(first)) & set(ids(second))


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


def test_participants_show_actor_type_id_name_and_role(anon, visit):
    participants = get(anon, f"events/{visit.uid}/")["participants"]
    by_type = {p["actor"]["type"]: p for p in participants}
    assert set(by_type) == {"country", "organization", "person", "unresolved"}
    organisation = visit.participants.get(actor_organisation__isnull=False).actor_organisation
    person = visit.participants.get(actor_person__isnull=False).actor_person
    assert by_type["organization"] == {
        "actor": {"type": "organization", "id": organisation.slug, "name": organisation.name},
        "role": "organiser", "country": "AZE"}
    assert by_type["person"]["actor"] == {"type": "person", "id": person.slug,
                                          "name": person.name}
    assert by_type["person"]["role"] == "speaker"
    assert by_type["unresolved"]["actor"] == {"type": "unresolved", "id": None,
                                              "name": "three nationals"}
    countries = {(p["actor"]["id"], p["actor"]["name"], p["role"]) for p in participants
                 if p["actor"]["type"] == "country"}
    assert countries == {("AZE", "Azerbaijan", "host"), ("ISR", "Israel", "guest")}


def test_citations_show_source_and_quote(anon, visit):
    citation = visit.citations.get()
    source = citation.source
    [shown] = get(anon, f"events/{visit.uid}/")["citations"]
    assert shown["quote"] == "the passage that supports it"
    assert shown["source"] == {"id": source.uid, "title": source.title,
                               "publisher": source.publisher.name, "link": source.url,
                               "published_on": source.published_on.isoformat()}


def test_relations_show_kind_certainty_and_the_other_event(anon, visit):
    meeting = visit.related_from.get().from_event
    [incoming] = get(anon, f"events/{visit.uid}/")["relations"]
    assert incoming == {"kind": "part_of", "direction": "incoming", "event": meeting.uid,
                        "certainty": "likely", "note": "during the visit"}
    [outgoing] = get(anon, f"events/{meeting.uid}/")["relations"]
    assert (outgoing["kind"], outgoing["direction"], outgoing["event"]) == (
        "part_of", "outgoing", visit.uid)


def test_list_rows_match_the_detail(anon, visit):
    listed = {row["id"]: row for row in get(anon, "events/")["results"]}
    assert listed[visit.uid] == get(anon, f"events/{visit.uid}/")


def test_year_precision_and_approximate_dates_are_shown_as_stored(anon):
    event = f.EventFactory(date=D(2024, 1, 1), date_precision=m.DatePrecision.YEAR,
                           approximate=True)
    body = get(anon, f"events/{event.uid}/")
    assert (body["date"], body["date_precision"], body["approximate"]) == (
        "2024-01-01", "year", True)


def test_agreement_event_links_its_agreement(anon, countries):
    agreement = f.AgreementFactory(first_party=countries["AZE"], second_party=countries["ISR"])
    event = f.EventFactory(kind=m.EventKind.AGREEMENT, agreement=agreement)
    assert get(anon, f"events/{event.uid}/")["agreement"] == agreement.uid


def test_unknown_id_is_a_json_404(anon, db):
    response = anon.get(f"{API}/events/ev-00000000/")
    assert response.status_code == 404
    assert "detail" in response.json()


# --- Filters -----------------------------------------------------------------------------------


@pytest.fixture
def kinds(countries) -> dict[str, m.Event]:
    return {
        "meeting": f.EventFactory(kind=m.EventKind.MEETING),
        "visit": f.EventFactory(kind=m.EventKind.VISIT),
        "incident": f.EventFactory(kind=m.EventKind.INCIDENT),
        "statement": f.StatementFactory(),
    }


def test_kind_comma_list_matches_any(anon, kinds):
    assert id_set(anon, "events/", {"kind": "meeting"}) == {kinds["meeting"].uid}
    assert id_set(anon, "events/", {"kind": "meeting,incident"}) == {
        kinds["meeting"].uid, kinds["incident"].uid}
    assert id_set(anon, "events/", {"kind": "visit, statement"}) == {
        kinds["visit"].uid, kinds["statement"].uid}


def test_unknown_kind_is_refused(anon, kinds):
    response = anon.get(f"{API}/events/", {"kind": "meeting,party"})
    assert response.status_code == 400
    assert "kind" in response.json()


@pytest.fixture
def dyads(countries) -> dict[str, m.Event]:
    """Events involving AZE+ISR, AZE+IRN, ISR alone, and KAZ+ISR."""
    return {
        "aze_isr": full_event(countries=[countries["AZE"], countries["ISR"]]),
        "aze_irn": full_event(countries=[countries["AZE"], countries["IRN"]]),
        "isr": full_event(countries=[countries["ISR"]]),
        "kaz_isr": full_event(countries=[countries["KAZ"], countries["ISR"]]),
    }


def test_country_comma_list_matches_any(anon, dyads):
    assert id_set(anon, "events/", {"country": "IRN"}) == {dyads["aze_irn"].uid}
    assert id_set(anon, "events/", {"country": "IRN,KAZ"}) == {
        dyads["aze_irn"].uid, dyads["kaz_isr"].uid}
    assert id_set(anon, "events/", {"country": "aze"}) == {
        dyads["aze_isr"].uid, dyads["aze_irn"].uid}


def test_country_counts_a_person_or_organisation_under_its_country(anon, countries):
    person = f.PersonFactory(nationality=countries["KAZ"])
    event = f.EventFactory()
    f.ParticipantFactory(event=event, actor_country=None, actor_person=person,
                         country=countries["KAZ"])
    assert id_set(anon, "events/", {"country": "KAZ"}) == {event.uid}


def test_dyad_is_unordered_and_requires_both(anon, dyads):
    expected = {dyads["aze_isr"].uid}
    assert id_set(anon, "events/", {"dyad": "AZE,ISR"}) == expected
    assert id_set(anon, "events/", {"dyad": "ISR,AZE"}) == expected
    assert id_set(anon, "events/", {"dyad": "isr,aze"}) == expected
    assert id_set(anon, "events/", {"dyad": "KAZ,AZE"}) == set()


def test_participant_matches_a_person_or_an_organisation(anon, dyads):
    event = dyads["aze_irn"]
    person = event.participants.get(actor_person__isnull=False).actor_person
    organisation = event.participants.get(actor_organisation__isnull=False).actor_organisation
    assert id_set(anon, "events/", {"participant": person.slug}) == {event.uid}
    assert id_set(anon, "events/", {"participant": organisation.slug}) == {event.uid}


@pytest.fixture
def dated(db) -> dict[str, m.Event]:
    year, month, day = m.DatePrecision.YEAR, m.DatePrecision.MONTH, m.DatePrecision.DAY
    return {
        "year_2024": f.EventFactory(date=D(2024, 1, 1), date_precision=year),
        "month_2024_03": f.EventFactory(date=D(2024, 3, 1), date_precision=month),
        "day_2024_06_10": f.EventFactory(date=D(2024, 6, 10), date_precision=day),
        "span_05_30_to_06_02": f.EventFactory(date=D(2024, 5, 30), date_end=D(2024, 6, 2),
                                              date_precision=day),
        "months_2023_11_to_2024_02": f.EventFactory(date=D(2023, 11, 1),
                                                    date_end=D(2024, 2, 1),
                                                    date_precision=month),
        "day_2025_01_01": f.EventFactory(date=D(2025, 1, 1), date_precision=day),
    }


@pytest.mark.parametrize(("date_from", "date_to", "expected"), [
    # A June range: the 2024 year overlaps it, the March month does not.
    ("2024-06-01", "2024-06-30", {"year_2024", "day_2024_06_10", "span_05_30_to_06_02"}),
    # The range touches March 2024 on its last day only.
    ("2024-03-31", "2024-04-15", {"year_2024", "month_2024_03"}),
    ("2024-02-15", "2024-03-01",
     {"year_2024", "month_2024_03", "months_2023_11_to_2024_02"}),
    # Inclusive at both ends.
    ("2024-06-10", "2024-06-10", {"year_2024", "day_2024_06_10"}),
    # A day event outside the range does not match; the span overlapping it does.
    ("2024-06-01", "2024-06-09", {"year_2024", "span_05_30_to_06_02"}),
    ("2024-05-01", "2024-05-30", {"year_2024", "span_05_30_to_06_02"}),
    ("2024-06-03", "2024-06-09", {"year_2024"}),
    # A multi-month span is matched by a day inside it, widened to whole months.
    ("2023-12-25", "2023-12-25", {"months_2023_11_to_2024_02"}),
    ("2024-02-29", "2024-02-29", {"year_2024", "months_2023_11_to_2024_02"}),
    ("2025-01-01", "2025-12-31", {"day_2025_01_01"}),
])
def test_date_range_widens_each_event_by_its_precision(anon, dated, date_from, date_to,
                                                       expected):
    found = id_set(anon, "events/", {"date_from": date_from, "date_to": date_to})
    assert found == {dated[name].uid for name in expected}


def test_date_from_and_date_to_work_alone(anon, dated):
    assert id_set(anon, "events/", {"date_from": "2024-12-31"}) == {
        dated["year_2024"].uid, dated["day_2025_01_01"].uid}
    assert id_set(anon, "events/", {"date_to": "2023-12-31"}) == {
        dated["months_2023_11_to_2024_02"].uid}


def test_topic_comma_list_matches_any(anon, db):
    energy, trade = f.TopicFactory(slug="energy"), f.TopicFactory(slug="trade")
    f.TopicFactory(slug="tourism")
    both = f.EventFactory()
    both.topics.set([energy, trade])
    only_trade = f.EventFactory()
    only_trade.topics.set([trade])
    f.EventFactory()
    assert id_set(anon, "events/", {"topic": "energy"}) == {both.uid}
    assert id_set(anon, "events/", {"topic": "energy,trade"}) == {both.uid, only_trade.uid}
    assert id_set(anon, "events/", {"topic": "tourism"}) == set()
    # An event with both topics is listed once.
    assert len(get(anon, "events/", {"topic": "energy,trade"})["results"]) == 2


def test_verification(anon, db):
    alleged = f.EventFactory(verification=m.Verification.ALLEGED)
    f.EventFactory(verification=m.Verification.CONFIRMED)
    assert id_set(anon, "events/", {"verification": "alleged"}) == {alleged.uid}


def test_status_lets_curators_ask_for_drafts_and_anonymous_never_sees_them(
        anon, alice_client, db):
    published = f.EventFactory()
    draft = f.EventFactory(curation_status=m.CurationStatus.DRAFT)
    retracted = f.EventFactory(curation_status=m.CurationStatus.RETRACTED,
                               retraction_reason="duplicate")
    assert id_set(alice_client, "events/", {"status": "draft"}) == {draft.uid}
    assert id_set(alice_client, "events/", {"status": "retracted"}) == {retracted.uid}
    assert id_set(alice_client, "events/") == {published.uid, draft.uid, retracted.uid}
    assert id_set(anon, "events/", {"status": "draft"}) == set()
    assert id_set(anon, "events/", {"status": "retracted"}) == set()
    assert id_set(anon, "events/") == {published.uid}


def test_q_searches_title_summary_statement_quote_and_cited_passages(anon, db):
    by_title = f.EventFactory(title="Pipeline talks in Baku")
    by_summary = f.EventFactory(summary="They discussed the pipeline.")
    by_quote = f.StatementFactory(quote="This pipeline is a lifeline.")
    by_citation = f.EventFactory(title="Unrelated title")
    f.CitationFactory(event=by_citation, quote="the new pipeline opened")
    f.EventFactory(title="Tourism fair")
    assert id_set(anon, "events/", {"q": "pipeline"}) == {
        by_title.uid, by_summary.uid, by_quote.uid, by_citation.uid}


def test_q_keeps_quoted_phrases_whole(anon, db):
    phrase = f.EventFactory(title="He called him a visionary leader")
    apart = f.EventFactory(title="A leader with a visionary plan")
    assert id_set(anon, "events/", {"q": '"visionary leader"'}) == {phrase.uid}
    assert id_set(anon, "events/", {"q": "visionary leader"}) == {phrase.uid, apart.uid}


def test_ordering_by_date_both_ways_with_a_stable_tie_break(anon, db):
    late = f.EventFactory(date=D(2026, 3, 1))
    early = f.EventFactory(date=D(2026, 1, 1))
    middle_a = f.EventFactory(date=D(2026, 2, 1))
    middle_b = f.EventFactory(date=D(2026, 2, 1))
    middle = sorted([middle_a.uid, middle_b.uid])
    assert ids(get(anon, "events/", {"ordering": "date"})) == [early.uid, *middle, late.uid]
    assert ids(get(anon, "events/", {"ordering": "-date"})) == [
        late.uid, *reversed(middle), early.uid]
    assert ids(get(anon, "events/")) == [early.uid, *middle, late.uid]


def test_filters_combine(anon, dyads, db):
    event = dyads["aze_isr"]
    event.verification = m.Verification.ALLEGED
    event.save()
    assert id_set(anon, "events/", {"country": "ISR", "verification": "alleged",
                                    "kind": "meeting", "date_from": "2026-01-26"}) == {
        event.uid}


# --- The shipped seed: questions researchers ask ------------------------------------------------


def _involves(body: dict, code: str) -> bool:
    return any(p["country"] == code for p in body["participants"])


def test_seed_events_between_azerbaijan_and_israel_in_january_2026(anon, seed_data):
    body = get(anon, "events/", {"dyad": "AZE,ISR", "date_from": "2026-01-01",
                                 "date_to": "2026-01-31", "page_size": 100})
    found = set(ids(body))
    assert {SEED["visit_aze"], SEED["plot"], SEED["meeting_aliyev"], SEED["press_conference"],
            SEED["iran_statement"], SEED["visionary_aliyev"], SEED["fascinating_meeting"],
            SEED["readout"]} <= found
    # Kazakhstan's leg of the trip and the older incidents are not between them then.
    assert not {SEED["visit_kaz"], SEED["meeting_tokayev"], SEED["visionary_tokayev"],
                SEED["crocus"], SEED["rabbinical_cancellation"]} & found
    for row in body["results"]:
        assert _involves(row, "AZE") and _involves(row, "ISR"), row["id"]
        assert "2026-01-01" <= row["date"] <= "2026-01-31"
    assert found == id_set(anon, "events/", {"dyad": "ISR,AZE", "date_from": "2026-01-01",
                                             "date_to": "2026-01-31"})


def test_seed_year_precision_events_match_ranges_inside_their_year(anon, seed_data):
    found = id_set(anon, "events/", {"date_from": "2024-06-01", "date_to": "2024-06-30"})
    assert SEED["crocus"] in found  # dated only to 2024
    assert SEED["embassy_attack_iran"] not in found  # 2023


# The same phrase-aware search finds the same seed records on SQLite and PostgreSQL.
@pytest.mark.parametrize(("q", "expected"), [
    ('"visionary leader"', {"visionary_aliyev", "visionary_tokayev", "meeting_tokayev"}),
    # The Aliyev statement's summary notes the same words were later said of Tokayev.
    ('Tokayev "visionary leader"', {"visionary_aliyev", "visionary_tokayev",
                                    "meeting_tokayev"}),
    ('"visionary leader" Kazakhstan', {"visionary_tokayev", "meeting_tokayev"}),
    ("massacre", {"iran_statement"}),
    ("embassy plot", {"plot", "embassy_attack_iran"}),
])
def test_seed_full_text_search(anon, seed_data, q, expected):
    assert id_set(anon, "events/", {"q": q}) == {SEED[name] for name in expected}
