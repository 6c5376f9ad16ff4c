"""Every list endpoint runs the same number of SQL queries at page sizes 1, 10 and 100.

The data gives every prefetched relation rows to fetch (participants of each actor
type, topics, citations, relations both ways, statements' about lists, agreement
parties and exchanges, aliases, tenures), so a missing select_related or
prefetch_related would show as a count that grows with the page.
"""

from __future__ import annotations

import datetime

import pytest

from diplomacy import models as m
from tests import factories as f
from tests.helpers import built_for_module

from .helpers import API

pytestmark = pytest.mark.django_db

PAGE_SIZES = (1, 10, 100)
ROWS = 105  # more than the largest page


@pytest.fixture(scope="module")
def _timeline_for_module(django_db_setup, django_db_blocker):
    """Built once for the module in an outer transaction rolled back afterwards."""
    with built_for_module(django_db_blocker, _build_timeline):
        yield


@pytest.fixture
def timeline(_timeline_for_module, db):
    """The rows below, visible to each test (run in a savepoint within the outer one)."""


def _build_timeline() -> None:
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
        event = f.EventFactory(kind=kind, date=datetime.date(2026, 1, 1 + n % 28), **extra)
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
            m.EventRelation.objects.create(from_event=event, to_event=previous,
                                           kind=m.RelationKind.FOLLOWS)
        previous = event
        agreement = f.AgreementFactory(first_party=aze, second_party=isr)
        agreement.topics.add(topic)
        m.AgreementParty.objects.create(agreement=agreement, organisation=organisation,
                                        role=m.PartyRole.IMPLEMENTING)
        f.ExchangeFactory(agreement=agreement, via=organisation)
        f.CitationFactory(event=None, agreement=agreement)


# Every request runs inside ATOMIC_REQUESTS: a SAVEPOINT and its RELEASE bracket the
# queries listed for each endpoint below.
EXPECTED = {
    # savepoint, COUNT, page, release
    "countries": 4,
    # savepoint, COUNT, page (with country and parent joined), aliases, release
    "organizations": 5,
    # savepoint, COUNT, page (nationality joined), aliases, tenures (posts joined), release
    "people": 6,
    # savepoint, COUNT, page (location, CAMEO, speaker, post, occasion joined), topics,
    # participants (actors joined), citations (sources, publishers joined), outgoing
    # relations, incoming relations, about countries, about organisations, about people,
    # release
    "events": 12,
    "meetings": 12,
    "statements": 12,
    "incidents": 12,
    # savepoint, COUNT, page (parties joined), topics, further parties, exchanges,
    # citations, release
    "agreements": 8,
    # savepoint, COUNT, page (publisher joined), release
    "sources": 4,
}


@pytest.mark.parametrize("endpoint", sorted(EXPECTED))
@pytest.mark.parametrize("page_size", PAGE_SIZES)
def test_list_queries_do_not_grow_with_the_page(anon, timeline, django_assert_num_queries,
                                                endpoint, page_size):
    with django_assert_num_queries(EXPECTED[endpoint]):
        response = anon.get(f"{API}/{endpoint}/", {"page_size": page_size})
    assert response.status_code == 200
    assert len(response.json()["results"]) == min(page_size, response.json()["count"])


@pytest.mark.parametrize("page_size", PAGE_SIZES)
def test_changes_feed_queries_do_not_grow_with_the_page(anon, timeline,
                                                        django_assert_num_queries, page_size):
    # savepoint, COUNT over the UNION of history parts, the page of it, release
    with django_assert_num_queries(4):
        response = anon.get(f"{API}/changes/", {"since": "2000-01-01", "page_size": page_size})
    assert len(response.json()["results"]) == page_size
