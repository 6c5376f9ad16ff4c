"""A list endpoint's number of SQL queries does not grow with its page size (1, 10, 100).

Every row carries everything its representation shows (participants of each actor
type, topics, citations, relations both ways, statements' speaker, post, occasion and
about lists, agreement events' agreement, agreements' parties and exchanges,
people's aliases and tenures, organisations' parents and aliases), so a missing
select_related or prefetch_related shows up as a count that grows with the page; and the
timeline, countries, organisations, people, agreements and sources hold more rows than
the largest page, so that page is full.

Read as anonymous (no session or permission lookups), as alice (a curator), whose
requests add a fixed number of queries for who she is, and with filters, whose checks of
the given ids add a fixed number. The changes feed is counted too.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from diplomacy import models as m
from tests import factories as f
from tests.helpers import built_for_module

from .helpers import API, D, relate

pytestmark = pytest.mark.django_db

PAGE_SIZES = (1, 10, 100)
PER_KIND = 15  # richly linked rows of each kind: more than the middle page size
ROWS = 105     # further rows, so the largest page is full


@pytest.fixture(scope="module")
def _rows_for_module(django_db_setup, django_db_blocker):
    """Built once in an outer transaction that is rolled back after the module."""
    with built_for_module(django_db_blocker, _build):
        yield


@pytest.fixture
def rows(_rows_for_module, db):
    """The rows built below, visible to each test in its own savepoint."""


def _build() -> None:
    _build_linked()
    _build_timeline()


def _build_linked() -> None:
    """PER_KIND rows of every kind, each linked every way its representation shows."""
    countries = [f.CountryFactory(iso3=f"Q{chr(65 + n // 26)}{chr(65 + n % 26)}",
                                  iso2=f"{chr(65 + n // 26)}{chr(65 + n % 26)}",
                                  name=f"Country {n}") for n in range(PER_KIND)]
    topics = [f.TopicFactory(slug="energy"), f.TopicFactory(slug="security")]
    cameo = m.CameoCode.objects.create(code="042", name="Make a visit",
                                       goldstein=Decimal("1.9"), plover_type="CONSULT")
    parent = f.OrganisationFactory(country=countries[0])
    previous = None
    for n in range(PER_KIND):
        home, away = countries[n], countries[(n + 1) % PER_KIND]
        person = f.PersonFactory(nationality=home)
        m.PersonAlias.objects.create(person=person, name=f"Alias {n}")
        post = f.PostFactory(country=home)
        f.TenureFactory(person=person, post=post)
        organisation = f.OrganisationFactory(country=home, parent=parent)
        m.OrganisationAlias.objects.create(organisation=organisation, name=f"Org alias {n}")
        source = f.SourceFactory(publisher=organisation)

        agreement = f.AgreementFactory(first_party=home, second_party=away)
        agreement.topics.set(topics)
        m.AgreementParty.objects.create(agreement=agreement, organisation=organisation,
                                        role=m.PartyRole.IMPLEMENTING)
        f.ExchangeFactory(agreement=agreement, via=organisation)
        f.ExchangeFactory(agreement=agreement, from_country=away, to_country=home,
                          category=m.ExchangeCategory.ARMS)
        f.CitationFactory(event=None, agreement=agreement, source=source)

        meeting = f.EventFactory(kind=m.EventKind.MEETING, date=D(2026, 1, 1 + n),
                                 location_country=home, cameo=cameo, place="Baku")
        incident = f.EventFactory(kind=m.EventKind.INCIDENT, date=D(2026, 2, 1 + n),
                                  incident_type=m.IncidentType.ARREST)
        signing = f.EventFactory(kind=m.EventKind.AGREEMENT, date=D(2026, 3, 1 + n),
                                 agreement=agreement)
        statement = f.StatementFactory(date=D(2026, 4, 1 + n), speaker_person=person,
                                       speaker_post=post, occasion=meeting)
        statement.about_countries.set([home, away])
        statement.about_organisations.set([organisation])
        statement.about_people.set([person])
        for event in (meeting, incident, signing, statement):
            event.topics.set(topics)
            f.ParticipantFactory(event=event, actor_country=home, role="host")
            f.ParticipantFactory(event=event, actor_country=None, actor_person=person,
                                 country=home, role="speaker")
            f.ParticipantFactory(event=event, actor_country=None,
                                 actor_organisation=organisation, country=away, role="guest")
            f.ParticipantFactory(event=event, actor_country=None, name="three nationals",
                                 country=away, role="arrested")
            f.CitationFactory(event=event, source=source, quote="a passage")
        relate(statement, meeting, m.RelationKind.RESPONDS_TO)
        relate(incident, meeting, m.RelationKind.COINCIDED_WITH, m.Certainty.UNCLEAR)
        if previous is not None:
            relate(meeting, previous, m.RelationKind.FOLLOWS)
        previous = meeting


def _build_timeline() -> None:
    """ROWS more events (meetings, incidents and statements in turn) between AZE and ISR,
    each following the one before, each with an agreement, a person and an organisation."""
    aze = f.CountryFactory(iso3="AZE", iso2="AZ", name="Azerbaijan")
    isr = f.CountryFactory(iso3="ISR", iso2="IL", name="Israel")
    topic = f.TopicFactory(slug="security")
    previous = None
    for n in range(ROWS):
        person = f.PersonFactory(nationality=isr)
        organisation = f.OrganisationFactory(country=aze)
        m.OrganisationAlias.objects.create(organisation=organisation, name=f"Org alias {n}")
        m.PersonAlias.objects.create(person=person, name=f"Person alias {n}")
        f.TenureFactory(person=person)
        kind = (m.EventKind.MEETING, m.EventKind.INCIDENT, m.EventKind.STATEMENT)[n % 3]
        extra = ({"speaker_person": person, "quote": "Words", "medium": "readout"}
                 if kind == m.EventKind.STATEMENT else {})
        event = f.EventFactory(kind=kind, date=D(2026, 1, 1 + n % 28), **extra)
        event.topics.add(topic)
        if kind == m.EventKind.STATEMENT:
            event.about_countries.add(aze)
            event.about_organisations.add(organisation)
            event.about_people.add(person)
        f.ParticipantFactory(event=event, actor_country=aze, country=aze)
        f.ParticipantFactory(event=event, actor_country=None, actor_person=person, country=isr)
        f.ParticipantFactory(event=event, actor_country=None, actor_organisation=organisation,
                             country=aze)
        f.CitationFactory(event=event, source=f.SourceFactory(publisher=organisation))
        if previous is not None:
            relate(event, previous, m.RelationKind.FOLLOWS)
        previous = event
        agreement = f.AgreementFactory(first_party=aze, second_party=isr)
        agreement.topics.add(topic)
        m.AgreementParty.objects.create(agreement=agreement, organisation=organisation,
                                        role=m.PartyRole.IMPLEMENTING)
        f.ExchangeFactory(agreement=agreement, via=organisation)
        f.CitationFactory(event=None, agreement=agreement)


# --- Unfiltered lists ------------------------------------------------------------------------

# Reads run in autocommit (writes are atomic in their services), so each query listed is
# one the page needs.
ANONYMOUS = {
    # COUNT, page
    "countries": 2,
    # COUNT, page (country and parent joined), aliases
    "organizations": 3,
    # COUNT, page (nationality joined), aliases, tenures (post and its country
    # joined)
    "people": 4,
    # COUNT (capped at 10,000), the page's ids (keyset, from the timeline's index), the
    # events' own rows (location, CAMEO code, speaker person and organisation, post,
    # visible occasion and agreement looked up by key), topics, participants (actors joined),
    # citations (sources and publishers joined), relations both ways, whom statements
    # are about (countries, organisations and people in one UNION)
    "events": 8,
    "meetings": 8,
    "statements": 8,
    "incidents": 8,
    # COUNT, page (both principal parties joined), topics, further parties
    # (country and organisation joined), exchanges (ends and via joined), citations
    # (sources and publishers joined)
    "agreements": 6,
    # COUNT, page (publisher joined)
    "sources": 2,
}
# A logged-in curator adds the session and the user (read by authentication); curated
# lists (events, its kinds, agreements) add one more to learn whether she may see drafts.
CURATOR_EXTRA = {"countries": 2, "organizations": 2, "people": 2, "sources": 2,
                 "events": 3, "meetings": 3, "statements": 3, "incidents": 3, "agreements": 3}
# These hold more rows than the largest page, so that page is full.
MORE_THAN_A_PAGE = {"countries", "organizations", "people", "events", "agreements", "sources"}


def _rows_shown(response, page_size: int) -> None:
    assert response.status_code == 200, response.content[:500]
    body = response.json()
    assert body["count"] > 10
    assert len(body["results"]) == min(page_size, body["count"])


@pytest.mark.parametrize("page_size", PAGE_SIZES)
@pytest.mark.parametrize("endpoint", sorted(ANONYMOUS))
def test_anonymous_list_queries_do_not_grow_with_the_page(anon, rows, django_assert_num_queries,
                                                          endpoint, page_size):
    with django_assert_num_queries(ANONYMOUS[endpoint]):
        response = anon.get(f"{API}/{endpoint}/", {"page_size": page_size})
    _rows_shown(response, page_size)
    if endpoint in MORE_THAN_A_PAGE:
        assert response.json()["count"] > max(PAGE_SIZES)


@pytest.mark.parametrize("page_size", PAGE_SIZES)
@pytest.mark.parametrize("endpoint", sorted(ANONYMOUS))
def test_curator_list_queries_do_not_grow_with_the_page(alice_client, rows,
                                                        django_assert_num_queries, endpoint,
                                                        page_size):
    with django_assert_num_queries(ANONYMOUS[endpoint] + CURATOR_EXTRA[endpoint]):
        response = alice_client.get(f"{API}/{endpoint}/", {"page_size": page_size})
    _rows_shown(response, page_size)


# --- Filtered lists --------------------------------------------------------------------------


def _some(response, page_size: int) -> None:
    assert response.status_code == 200, response.content[:500]
    body = response.json()
    assert body["count"] >= 2
    assert len(body["results"]) == min(page_size, body["count"])


@pytest.mark.parametrize("page_size", PAGE_SIZES)
def test_filtered_event_queries_do_not_grow_with_the_page(anon, rows, django_assert_num_queries,
                                                          page_size):
    # country codes checked, topic ids checked, COUNT, page ids, events, topics,
    # participants, citations, relations, about
    with django_assert_num_queries(10):
        response = anon.get(f"{API}/events/", {
            "page_size": page_size, "country": "QAA,QAB,QAC", "topic": "energy,security",
            "kind": "meeting,statement", "date_from": "2026-01-01", "date_to": "2026-12-31",
            "verification": "reported", "ordering": "-date", "q": "passage"})
    _some(response, page_size)


@pytest.mark.parametrize("page_size", PAGE_SIZES)
def test_filtered_statement_queries_do_not_grow_with_the_page(anon, rows,
                                                              django_assert_num_queries,
                                                              page_size):
    # country codes checked, about id looked up as a country, COUNT, page ids, events,
    # topics, participants, citations, relations, about
    with django_assert_num_queries(10):
        response = anon.get(f"{API}/statements/", {
            "page_size": page_size, "about": "QAB", "country": "QAB,QAC",
            "medium": "press_conference"})
    _some(response, page_size)


@pytest.mark.parametrize("page_size", PAGE_SIZES)
def test_filtered_agreement_queries_do_not_grow_with_the_page(anon, rows,
                                                              django_assert_num_queries,
                                                              page_size):
    # party looked up as a country, COUNT, page, topics, further parties,
    # exchanges, citations
    with django_assert_num_queries(7):
        response = anon.get(f"{API}/agreements/", [
            ("page_size", page_size), ("party", "QAB"), ("kind", "trade"),
            ("status", "signed"), ("q", "agreement")])
    _some(response, page_size)


@pytest.mark.parametrize("page_size", PAGE_SIZES)
def test_filtered_people_queries_do_not_grow_with_the_page(anon, rows,
                                                           django_assert_num_queries,
                                                           page_size):
    # country codes checked, COUNT, page, aliases, tenures
    with django_assert_num_queries(5):
        response = anon.get(f"{API}/people/", {
            "page_size": page_size, "country": "QAA,QAB,QAC", "in_office_on": "2026-01-01",
            "q": "person"})
    _some(response, page_size)


# --- The changes feed ------------------------------------------------------------------------


@pytest.mark.parametrize("page_size", PAGE_SIZES)
def test_changes_feed_queries_do_not_grow_with_the_page(anon, rows,
                                                        django_assert_num_queries, page_size):
    # COUNT (capped) of the feed's entries since then, the page's keys, the page's entries
    with django_assert_num_queries(3):
        response = anon.get(f"{API}/changes/", {"since": "2000-01-01", "page_size": page_size})
    assert response.status_code == 200, response.content[:500]
    assert len(response.json()["results"]) == page_size
