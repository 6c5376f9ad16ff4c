"""events/: the whole timeline, its representation and every filter, on factory data.

Each test builds only the rows it asks about, so the expected id sets are exact.
Anonymous readers see published events only; alice (curator) also sees drafts and
retracted events, in lists, by id and as relation targets.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from diplomacy import models as m
from tests import factories as f

from .helpers import API, full_event, get, id_set, ids, relate

pytestmark = pytest.mark.django_db

D = datetime.date


# --- Representation ------------------------------------------------------------------------


@pytest.fixture
def coded_meeting(countries):
    """A fully described meeting AZE (host) – ISR (guest) with a CAMEO code and topics."""
    cameo = m.CameoCode.objects.create(code="042", name="Make a visit",
                                       goldstein=Decimal("1.9"))
    topic = f.TopicFactory(slug="energy", name="energy")
    event = full_event(
        countries=[countries["AZE"], countries["ISR"]], topics=[topic],
        title="Foreign ministers meet in Baku", summary="Talks on energy.",
        date=D(2026, 1, 26), place="Baku", location_country=countries["AZE"],
        verification=m.Verification.CONFIRMED, cameo=cameo,
        plover_type=m.PloverType.CONSULT, plover_mode="visit", plover_context="diplomatic",
    )
    return event


def test_list_shape_and_pagination_links(anon, countries):
    for day in range(1, 4):
        full_event(countries=[countries["AZE"]], date=D(2026, 1, day))

    first = get(anon, "events/", {"page_size": 2})
    assert set(first) >= {"results", "next", "previous"}
    assert len(first["results"]) == 2
    assert first["previous"] is None
    assert "page=2" in first["next"] and first["next"].startswith("http")
    second = anon.get(first["next"]).json()
    assert len(second["results"]) == 1
    assert second["next"] is None
    assert second["previous"] is not None


def test_representation_of_a_meeting(anon, coded_meeting):
    body = get(anon, f"events/{coded_meeting.uid}/")

    assert body["id"] == coded_meeting.uid
    assert body["url"].endswith(f"/api/v1/events/{coded_meeting.uid}/")
    assert body["url"].startswith("http")
    assert body["kind"] == "meeting"
    assert body["title"] == "Foreign ministers meet in Baku"
    assert body["date"] == "2026-01-26"
    assert body["date_end"] is None
    assert body["date_precision"] == "day"
    assert body["approximate"] is False
    assert body["location"] == {"place": "Baku", "country": "AZE"}
    assert body["topics"] == ["energy"]
    assert body["verification"] == "confirmed"
    assert body["status"] == "published"
    assert body["codes"] == {"cameo": "042", "cameo_name": "Make a visit",
                             "plover_type": "CONSULT", "plover_mode": "visit",
                             "plover_context": "diplomatic", "intensity": 1.9}
    assert body["statement"] is None
    assert body["relations"] == []


def test_participants_show_every_actor_type(anon, coded_meeting):
    body = get(anon, f"events/{coded_meeting.uid}/")
    participants = body["participants"]
    by_type = {p["actor"]["type"]: p for p in participants}

    assert set(by_type) == {"country", "organization", "person", "unresolved"}
    countries = sorted((p["actor"]["id"], p["role"], p["country"])
                       for p in participants if p["actor"]["type"] == "country")
    assert countries == [("AZE", "host", "AZE"), ("ISR", "guest", "ISR")]
    assert [p["actor"]["name"] for p in participants
            if p["actor"]["type"] == "country" and p["actor"]["id"] == "AZE"] == ["Azerbaijan"]

    organisation = coded_meeting.participants.get(actor_organisation__isnull=False)
    assert by_type["organization"]["actor"] == {
        "type": "organization", "id": organisation.actor_organisation.slug,
        "name": organisation.actor_organisation.name}
    assert by_type["organization"]["role"] == "organiser"
    assert by_type["organization"]["country"] == "AZE"

    person = coded_meeting.participants.get(actor_person__isnull=False).actor_person
    assert by_type["person"]["actor"] == {"type": "person", "id": person.slug,
                                          "name": person.name}
    assert by_type["person"]["role"] == "speaker"

    assert by_type["unresolved"]["actor"] == {"type": "unresolved", "id": None,
                                              "name": "three nationals"}
    assert by_type["unresolved"]["role"] == "arrested"
    assert by_type["unresolved"]["country"] == "AZE"


def test_citations_name_their_source(anon, coded_meeting):
    body = get(anon, f"events/{coded_meeting.uid}/")
    citation = coded_meeting.citations.get()
    source = citation.source

    assert body["citations"] == [{
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


def test_the_list_shows_the_same_representation_as_the_detail(anon, coded_meeting):
    listed = get(anon, "events/")["results"]
    assert listed == [get(anon, f"events/{coded_meeting.uid}/")]


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


def test_unknown_id_is_404(anon):
    response = anon.get(f"{API}/events/ev-nothere1/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def test_date_precision_and_span_are_shown(anon, countries):
    year = full_event(countries=[countries["RUS"]], date=D(2024, 1, 1),
                      date_precision=m.DatePrecision.YEAR, approximate=True)
    span = full_event(countries=[countries["AZE"]], date=D(2026, 1, 20),
                      date_end=D(2026, 1, 25))

    body = get(anon, f"events/{year.uid}/")
    assert (body["date"], body["date_end"], body["date_precision"], body["approximate"]) == (
        "2024-01-01", None, "year", True)
    body = get(anon, f"events/{span.uid}/")
    assert (body["date"], body["date_end"], body["date_precision"]) == (
        "2026-01-20", "2026-01-25", "day")


# --- Drafts and retractions ----------------------------------------------------------------


@pytest.fixture
def three_statuses(countries):
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


# --- Filters -------------------------------------------------------------------------------


@pytest.fixture
def kinds(countries):
    meeting = full_event(countries=[countries["AZE"]], kind=m.EventKind.MEETING)
    visit = full_event(countries=[countries["AZE"]], kind=m.EventKind.VISIT)
    incident = full_event(countries=[countries["AZE"]], kind=m.EventKind.INCIDENT)
    return meeting, visit, incident


def test_kind_comma_list_is_any_of(anon, kinds):
    meeting, visit, incident = kinds
    assert id_set(anon, "events/", {"kind": "meeting"}) == {meeting.uid}
    assert id_set(anon, "events/", {"kind": "visit,meeting"}) == {meeting.uid, visit.uid}
    assert id_set(anon, "events/", {"kind": "meeting,incident"}) == {meeting.uid, incident.uid}
    assert id_set(anon, "events/", {"kind": "statement"}) == set()


@pytest.fixture
def dyads(countries):
    aze_isr = full_event(countries=[countries["AZE"], countries["ISR"]])
    isr_aze = full_event(countries=[countries["ISR"], countries["AZE"]])
    aze_only = full_event(countries=[countries["AZE"]])
    isr_kaz = full_event(countries=[countries["ISR"], countries["KAZ"]])
    return aze_isr, isr_aze, aze_only, isr_kaz


def test_country_comma_list_is_any_of(anon, dyads):
    aze_isr, isr_aze, aze_only, isr_kaz = dyads
    assert id_set(anon, "events/", {"country": "AZE"}) == {aze_isr.uid, isr_aze.uid,
                                                           aze_only.uid}
    assert id_set(anon, "events/", {"country": "KAZ"}) == {isr_kaz.uid}
    assert id_set(anon, "events/", {"country": "kaz,AZE"}) == {
        aze_isr.uid, isr_aze.uid, aze_only.uid, isr_kaz.uid}
    assert id_set(anon, "events/", {"country": "IRN"}) == set()


def test_dyad_needs_both_and_ignores_order(anon, dyads):
    aze_isr, isr_aze, _aze_only, isr_kaz = dyads
    expected = {aze_isr.uid, isr_aze.uid}
    assert id_set(anon, "events/", {"dyad": "AZE,ISR"}) == expected
    assert id_set(anon, "events/", {"dyad": "ISR,AZE"}) == expected
    assert id_set(anon, "events/", {"dyad": "isr,aze"}) == expected
    assert id_set(anon, "events/", {"dyad": "KAZ,ISR"}) == {isr_kaz.uid}
    assert id_set(anon, "events/", {"dyad": "AZE,KAZ"}) == set()


def test_dyad_counts_people_and_organisations_under_their_country(anon, countries):
    """A minister counts for the state they serve: no country actor needed."""
    event = f.EventFactory()
    saar = f.PersonFactory(nationality=countries["ISR"])
    dtx = f.OrganisationFactory(country=countries["AZE"])
    f.ParticipantFactory(event=event, actor_country=None, actor_person=saar,
                         country=countries["ISR"])
    f.ParticipantFactory(event=event, actor_country=None, actor_organisation=dtx,
                         country=countries["AZE"])
    assert id_set(anon, "events/", {"dyad": "AZE,ISR"}) == {event.uid}


def test_participant_by_person_or_organisation(anon, countries):
    one = full_event(countries=[countries["AZE"]])
    two = full_event(countries=[countries["AZE"]])
    person = one.participants.get(actor_person__isnull=False).actor_person
    organisation = two.participants.get(actor_organisation__isnull=False).actor_organisation

    assert id_set(anon, "events/", {"participant": person.slug}) == {one.uid}
    assert id_set(anon, "events/", {"participant": organisation.slug}) == {two.uid}


@pytest.fixture
def dated(countries):
    aze = countries["AZE"]
    return {
        "year_2024": full_event(countries=[aze], date=D(2024, 1, 1),
                                date_precision=m.DatePrecision.YEAR),
        "march_2025": full_event(countries=[aze], date=D(2025, 3, 1),
                                 date_precision=m.DatePrecision.MONTH),
        "day_0126": full_event(countries=[aze], date=D(2026, 1, 26)),
        "span_0120_0125": full_event(countries=[aze], date=D(2026, 1, 20),
                                     date_end=D(2026, 1, 25)),
    }


def _dated_ids(client, dated, params) -> set[str]:
    names = {event.uid: name for name, event in dated.items()}
    return {names[uid] for uid in id_set(client, "events/", params)}


def test_year_precision_is_widened_to_its_year(anon, dated):
    assert "year_2024" in _dated_ids(anon, dated, {"date_from": "2024-06-01",
                                                   "date_to": "2024-06-30"})
    assert "year_2024" in _dated_ids(anon, dated, {"date_from": "2024-12-31"})
    assert "year_2024" not in _dated_ids(anon, dated, {"date_from": "2025-01-01"})
    assert "year_2024" not in _dated_ids(anon, dated, {"date_to": "2023-12-31"})


def test_month_precision_is_widened_to_its_month(anon, dated):
    assert _dated_ids(anon, dated, {"date_from": "2025-03-01", "date_to": "2025-03-15"}) == {
        "march_2025"}
    assert "march_2025" in _dated_ids(anon, dated, {"date_to": "2025-03-15"})
    assert "march_2025" in _dated_ids(anon, dated, {"date_from": "2025-03-31"})
    assert "march_2025" not in _dated_ids(anon, dated, {"date_from": "2025-04-01"})
    assert "march_2025" not in _dated_ids(anon, dated, {"date_to": "2025-02-28"})


def test_day_precision_is_exact_and_inclusive(anon, dated):
    assert "day_0126" in _dated_ids(anon, dated, {"date_from": "2026-01-26",
                                                  "date_to": "2026-01-26"})
    assert "day_0126" not in _dated_ids(anon, dated, {"date_from": "2026-01-27"})
    assert "day_0126" not in _dated_ids(anon, dated, {"date_to": "2026-01-25"})


def test_a_span_matches_when_it_overlaps_the_range(anon, dated):
    assert _dated_ids(anon, dated, {"date_from": "2026-01-24", "date_to": "2026-01-30"}) == {
        "span_0120_0125", "day_0126"}
    assert "span_0120_0125" in _dated_ids(anon, dated, {"date_from": "2026-01-10",
                                                        "date_to": "2026-01-20"})
    assert "span_0120_0125" in _dated_ids(anon, dated, {"date_from": "2026-01-22",
                                                        "date_to": "2026-01-23"})
    assert "span_0120_0125" not in _dated_ids(anon, dated, {"date_from": "2026-01-26"})
    assert "span_0120_0125" not in _dated_ids(anon, dated, {"date_to": "2026-01-19"})


def test_topic_and_verification(anon, countries):
    energy = f.TopicFactory(slug="energy")
    security = f.TopicFactory(slug="security")
    both = full_event(countries=[countries["AZE"]], topics=[energy, security],
                      verification=m.Verification.CONFIRMED)
    energy_only = full_event(countries=[countries["AZE"]], topics=[energy],
                             verification=m.Verification.ALLEGED)
    full_event(countries=[countries["AZE"]])

    assert id_set(anon, "events/", {"topic": "security"}) == {both.uid}
    assert id_set(anon, "events/", {"topic": "energy"}) == {both.uid, energy_only.uid}
    # Any of the topics, each event once.
    body = get(anon, "events/", {"topic": "energy,security", "page_size": 50})
    assert sorted(ids(body)) == sorted([both.uid, energy_only.uid])
    assert id_set(anon, "events/", {"verification": "alleged"}) == {energy_only.uid}
    assert id_set(anon, "events/", {"verification": "confirmed"}) == {both.uid}


def test_q_searches_titles_summaries_quotes_and_citations(anon, countries):
    titled = full_event(countries=[countries["AZE"]], title="Energy talks in Baku")
    summarised = full_event(countries=[countries["AZE"]], summary="They discussed pipelines.")
    statement = f.StatementFactory(quote="A visionary leader of his people")
    cited = full_event(countries=[countries["AZE"]])
    cited.citations.update(quote="ministers signed a memorandum")

    assert id_set(anon, "events/", {"q": "energy"}) == {titled.uid}
    assert id_set(anon, "events/", {"q": "pipelines"}) == {summarised.uid}
    assert id_set(anon, "events/", {"q": '"visionary leader"'}) == {statement.uid}
    assert id_set(anon, "events/", {"q": "memorandum"}) == {cited.uid}
    assert id_set(anon, "events/", {"q": "zeppelin"}) == set()


def test_filters_combine(anon, dyads):
    aze_isr, isr_aze, aze_only, _isr_kaz = dyads
    m.Event.objects.filter(pk=isr_aze.pk).update(kind=m.EventKind.VISIT)
    assert id_set(anon, "events/", {"dyad": "AZE,ISR", "kind": "visit"}) == {isr_aze.uid}
    assert id_set(anon, "events/", {"country": "AZE", "kind": "meeting"}) == {
        aze_isr.uid, aze_only.uid}


# --- Ordering and pagination ---------------------------------------------------------------


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
