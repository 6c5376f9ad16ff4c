"""Helpers and record builders for the v1 API tests (personas are in tests/conftest.py)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable

from rest_framework.test import APIClient

from diplomacy import models as m
from tests import factories as f

D = datetime.date
API = "/api/v1"

# Public ids of seed records the tests ask about (fixtures/seed.json).
SEED = {
    "visit_aze": "ev-s44tte2r",
    "plot": "ev-5jv1fv6f",
    "meeting_aliyev": "ev-w733d3pf",
    "press_conference": "ev-pqvehdb8",
    "iran_statement": "ev-sfftmw0b",
    "visionary_aliyev": "ev-pfqdwryf",
    "fascinating_meeting": "ev-cz9ve531",
    "readout": "ev-fb7w0jev",
    "visit_kaz": "ev-wfm9x0qx",
    "meeting_tokayev": "ev-8kjphmrc",
    "visionary_tokayev": "ev-w77tngf9",
    "crocus": "ev-7ywby6fq",
    "embassy_attack_iran": "ev-1e0y17p1",
    "rabbinical_cancellation": "ev-3gvpjbzr",
    "agreement": "ag-jrd28ync",
}


# --- Small helpers -------------------------------------------------------------------------


def get(client: APIClient, path: str, params: dict | list | None = None, status: int = 200):
    """GET an API path, check the status and return the decoded JSON body."""
    response = client.get(f"{API}/{path}", params or {})
    assert response.status_code == status, response.content[:2000]
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def ids(body: dict) -> list[str]:
    return [row["id"] for row in body["results"]]


def id_set(client: APIClient, path: str, params: dict | list | None = None) -> set[str]:
    body = get(client, path, {"page_size": 500, **(params or {})}
               if isinstance(params, dict | None) else [*params, ("page_size", 500)])
    return set(ids(body))


def assert_error(response, *names: str, status: int = 400) -> dict:
    """A 4xx with a JSON body whose text names each of ``names``."""
    assert response.status_code == status, response.content[:2000]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    text = str(body)
    for name in names:
        assert name in text, (name, body)
    return body


def country(iso3: str) -> m.Country:
    return f.CountryFactory(iso3=iso3, iso2=iso3[:2], name=f"Country {iso3}")


# --- Records -------------------------------------------------------------------------------


def full_event(*, countries: Iterable[m.Country], kind: str = m.EventKind.MEETING,
               status: str = m.CurationStatus.PUBLISHED, topics: Iterable[m.Topic] = (),
               **fields) -> m.Event:
    """An event with a participant of every actor type (countries given, plus one
    organisation, one person and one unresolved name), topics and a cited source."""
    countries = list(countries)
    event = f.EventFactory(kind=kind, curation_status=status, **fields)
    first = countries[0]
    for index, each in enumerate(countries):
        f.ParticipantFactory(event=event, actor_country=each,
                             role=m.ParticipantRole.HOST if index == 0
                             else m.ParticipantRole.GUEST)
    organisation = f.OrganisationFactory(country=first)
    person = f.PersonFactory(nationality=first)
    f.ParticipantFactory(event=event, actor_country=None, actor_organisation=organisation,
                         country=first, role=m.ParticipantRole.ORGANISER)
    f.ParticipantFactory(event=event, actor_country=None, actor_person=person, country=first,
                         role=m.ParticipantRole.SPEAKER)
    f.ParticipantFactory(event=event, actor_country=None, name="three nationals",
                         country=first, role=m.ParticipantRole.ARRESTED)
    event.topics.set(list(topics))
    f.CitationFactory(event=event, source=f.SourceFactory(publisher=organisation),
                      quote="the passage that supports it")
    return event


def relate(from_event: m.Event, to_event: m.Event, kind: str = m.RelationKind.PART_OF,
           certainty: str = m.Certainty.CERTAIN, note: str = "") -> m.EventRelation:
    return m.EventRelation.objects.create(from_event=from_event, to_event=to_event, kind=kind,
                                          certainty=certainty, note=note)


def full_agreement(*, first: m.Country, second: m.Country, **fields) -> m.Agreement:
    """An agreement with an implementing organisation and two opposite exchanges."""
    agreement = f.AgreementFactory(first_party=first, second_party=second, **fields)
    company = f.OrganisationFactory(country=first, kind=m.OrganisationKind.STATE_COMPANY)
    m.AgreementParty.objects.create(agreement=agreement, organisation=company,
                                    role=m.PartyRole.IMPLEMENTING)
    f.ExchangeFactory(agreement=agreement, from_country=first, to_country=second,
                      category=m.ExchangeCategory.ENERGY, description="oil", via=company)
    f.ExchangeFactory(agreement=agreement, from_country=second, to_country=first,
                      category=m.ExchangeCategory.ARMS, description="modern weapons")
    f.CitationFactory(event=None, agreement=agreement, quote="energy for arms")
    return agreement


class Editor:
    """Writes as a careful client does: GET the record's ETag, send it back in If-Match.

    ``edit(alice_client).patch(path, body, format="json")``; for a workflow action
    (``…/publish/``) the ETag is read from the record's own URL. A client that may not
    read the record gets no ETag and sends none (its write is refused anyway).
    """

    def __init__(self, client: APIClient) -> None:
        self.client = client

    def _if_match(self, path: str) -> dict[str, str]:
        record = re.sub(r"(publish|retract)/$", "", path)
        response = self.client.get(record)
        return {"HTTP_IF_MATCH": response["ETag"]} if response.has_header("ETag") else {}

    def patch(self, path: str, data=None, **kwargs):
        return self.client.patch(path, data, **self._if_match(path), **kwargs)

    def put(self, path: str, data=None, **kwargs):
        return self.client.put(path, data, **self._if_match(path), **kwargs)

    def post(self, path: str, data=None, **kwargs):
        return self.client.post(path, data, **self._if_match(path), **kwargs)


def edit(client: APIClient) -> Editor:
    return Editor(client)
