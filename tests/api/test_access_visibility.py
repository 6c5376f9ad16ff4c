"""What each persona sees of records around a hidden one, and how credentials fail.

test_access.py holds the role and workflow matrix; this module adds:
- anonymous never sees a draft or retracted event as the other end of a relation,
  in either direction, in lists or details; alice (curator) sees them all;
- a bad API token is refused and writes nothing;
- statements and the other event kinds are published through events/ by bob
  (reviewer) and then appear under their own list for anonymous readers.
"""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from diplomacy import models as m
from tests import factories as f

from .helpers import API, full_event, get, id_set, relate

pytestmark = pytest.mark.django_db

DRAFT, PUBLISHED, RETRACTED = (m.CurationStatus.DRAFT, m.CurationStatus.PUBLISHED,
                               m.CurationStatus.RETRACTED)


@pytest.fixture
def linked(countries) -> dict[str, m.Event]:
    visit = full_event(countries=[countries["AZE"], countries["ISR"]], kind=m.EventKind.VISIT)
    draft = f.EventFactory(curation_status=DRAFT)
    retracted = f.EventFactory(curation_status=RETRACTED, retraction_reason="duplicate")
    published = f.EventFactory()
    relate(draft, visit)                                   # incoming from a draft
    relate(visit, retracted, m.RelationKind.FOLLOWS)       # outgoing to a retraction
    relate(published, visit)                               # incoming, public
    relate(retracted, published, m.RelationKind.RESPONDS_TO)
    return {"visit": visit, "draft": draft, "retracted": retracted, "published": published}


def test_hidden_events_are_not_relation_targets_for_anonymous(anon, linked):
    visit, published = linked["visit"], linked["published"]
    detail = get(anon, f"events/{visit.uid}/")["relations"]
    assert [(r["event"], r["direction"]) for r in detail] == [(published.uid, "incoming")]
    listed = {row["id"]: row for row in get(anon, "events/")["results"]}
    assert set(listed) == {visit.uid, published.uid}
    assert [r["event"] for r in listed[visit.uid]["relations"]] == [published.uid]
    assert [r["event"] for r in listed[published.uid]["relations"]] == [visit.uid]
    # Nor under the kind's own list.
    [meeting] = get(anon, "meetings/")["results"]
    assert [r["event"] for r in meeting["relations"]] == [visit.uid]


def test_curators_see_every_relation(alice_client, linked):
    shown = {(r["event"], r["direction"])
             for r in get(alice_client, f"events/{linked['visit'].uid}/")["relations"]}
    assert shown == {(linked["draft"].uid, "incoming"), (linked["retracted"].uid, "outgoing"),
                     (linked["published"].uid, "incoming")}


def test_hidden_events_stay_out_of_every_filter_for_anonymous(anon, linked):
    for params in ({}, {"status": "draft"}, {"status": "retracted"}, {"country": "AZE"},
                   {"q": "Meeting"}, {"kind": "meeting"}, {"date_from": "2000-01-01"}):
        found = id_set(anon, "events/", params)
        assert not found & {linked["draft"].uid, linked["retracted"].uid}, params


@pytest.mark.parametrize("header", ["Token not-a-real-key", "Token ", "Bearer abc"])
def test_a_bad_token_is_refused_and_writes_nothing(countries, header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    response = client.post(f"{API}/events/", {"kind": "meeting", "title": "x",
                                              "date": "2026-01-26"}, format="json")
    # 403 rather than 401: session authentication, listed first, sends no challenge.
    assert response.status_code in (401, 403)
    assert "detail" in response.json()
    assert not m.Event.objects.exists()


def test_a_token_is_alices_own(alice_token_client, alice, countries):
    response = alice_token_client.post(f"{API}/events/", {
        "kind": "meeting", "title": "By token", "date": "2026-01-26"}, format="json")
    assert response.status_code == 201, response.content
    event = m.Event.objects.get(uid=response.json()["id"])
    assert event.history.latest().history_user == alice
    # Her token does not make her a reviewer.
    assert alice_token_client.post(f"{API}/events/{event.uid}/publish/").status_code == 403


@pytest.mark.parametrize(("endpoint", "make"), [
    ("statements", lambda: f.StatementFactory(curation_status=DRAFT)),
    ("meetings", lambda: f.EventFactory(kind=m.EventKind.MEETING, curation_status=DRAFT)),
    ("incidents", lambda: f.EventFactory(kind=m.EventKind.INCIDENT, curation_status=DRAFT)),
])
def test_kinds_are_published_through_events(bob_client, anon, countries, endpoint, make):
    record = make()
    assert anon.get(f"{API}/{endpoint}/{record.uid}/").status_code == 404
    response = bob_client.post(f"{API}/events/{record.uid}/publish/")
    assert response.status_code == 200, response.content
    assert get(anon, f"{endpoint}/{record.uid}/")["status"] == "published"
    response = bob_client.post(f"{API}/events/{record.uid}/retract/",
                               {"reason": "Misattributed."}, format="json")
    assert (response.status_code, response.json()["retraction_reason"]) == (
        200, "Misattributed.")
    assert anon.get(f"{API}/{endpoint}/{record.uid}/").status_code == 404
