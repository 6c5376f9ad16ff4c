"""Relations in an event body: ``relations`` lists this event's links to other events
({kind, to, certainty, note}), written on create and replaced as a whole on update; a
link another event makes to this one is shown here (incoming) and written there.
"""

from __future__ import annotations

import pytest

from diplomacy import models as m
from diplomacy.api.write_serializers import ROWS_MAX
from tests import factories as f

from .helpers import API, assert_error, edit, get

pytestmark = pytest.mark.django_db


@pytest.fixture
def visit(countries) -> m.Event:
    return f.EventFactory(kind=m.EventKind.VISIT, title="Visit", curation_status="draft")


@pytest.fixture
def meeting_body(countries) -> dict:
    return {"kind": "meeting", "title": "Talks in Baku", "date": "2026-01-26",
            "participants": [{"role": "host", "actor_country": "AZE"}]}


def test_relations_are_written_on_create(alice_client, visit, meeting_body):
    response = alice_client.post(f"{API}/events/", {**meeting_body, "relations": [
        {"kind": "part_of", "to": visit.uid, "certainty": "likely", "note": "same trip"}]},
        format="json")
    assert response.status_code == 201, response.content
    meeting = response.json()
    assert meeting["relations"] == [{"kind": "part_of", "direction": "outgoing",
                                     "event": visit.uid, "certainty": "likely",
                                     "note": "same trip"}]
    assert get(alice_client, f"events/{visit.uid}/")["relations"] == [
        {"kind": "part_of", "direction": "incoming", "event": meeting["id"],
         "certainty": "likely", "note": "same trip"}]


def test_relations_are_replaced_on_update_and_kept_when_not_sent(alice_client, visit,
                                                                 countries):
    meeting = f.EventFactory(curation_status="draft")
    other = f.EventFactory(curation_status="draft")
    m.EventRelation.objects.create(from_event=meeting, to_event=visit, kind="part_of")
    url = f"{API}/events/{meeting.uid}/"
    kept = edit(alice_client).patch(url, {"title": "Renamed"}, format="json")
    assert [r["event"] for r in kept.json()["relations"]] == [visit.uid]
    replaced = edit(alice_client).patch(url, {"relations": [
        {"kind": "follows", "to": other.uid}]}, format="json")
    assert replaced.status_code == 200, replaced.content
    assert [(r["kind"], r["event"], r["certainty"]) for r in replaced.json()["relations"]] == [
        ("follows", other.uid, "certain")]
    assert replaced["ETag"] == '"3"'
    cleared = edit(alice_client).patch(url, {"relations": []}, format="json")
    assert cleared.json()["relations"] == []
    assert not m.EventRelation.objects.exists()


def test_a_published_events_relation_change_is_in_the_changes_feed(bob_client, alice,
                                                                    countries):
    published = f.EventFactory()
    target = f.EventFactory()
    before = m.Change.objects.count()
    response = edit(bob_client).patch(f"{API}/events/{published.uid}/", {"relations": [
        {"kind": "follows", "to": target.uid}]}, format="json")
    assert response.status_code == 200, response.content
    changes = m.Change.objects.order_by("id")[before:]
    assert [(c.record_id, c.change) for c in changes] == [(published.uid, "changed")]


@pytest.mark.parametrize(("relations", "names"), [
    ([{"kind": "caused", "to": "VISIT"}], ["relations", "kind"]),
    ([{"kind": "follows", "to": "ev-00000000"}], ["relations", "to"]),
    ([{"kind": "follows"}], ["relations", "to"]),
    ([{"kind": "follows", "to": "VISIT", "certainty": "sure"}], ["relations", "certainty"]),
    ([{"kind": "follows", "to": "VISIT", "direction": "incoming"}], ["direction"]),
    ([{"kind": "follows", "to": "VISIT"}] * 2, ["relations", "Row 2",
                                                "this relation to that event is already"]),
    ([{"kind": "follows", "to": "VISIT"}] * (ROWS_MAX + 1), ["relations"]),
    ("VISIT", ["relations"]),
])
def test_bad_relations_write_nothing(alice_client, visit, meeting_body, relations, names):
    def named(value):
        return visit.uid if value == "VISIT" else value
    if isinstance(relations, list):
        relations = [{k: named(v) for k, v in row.items()} for row in relations]
    else:
        relations = named(relations)
    response = alice_client.post(f"{API}/events/", {**meeting_body, "relations": relations},
                                 format="json")
    assert_error(response, *names)
    assert m.Event.objects.count() == 1
    assert not m.EventRelation.objects.exists()


def test_an_event_cannot_relate_to_itself(alice_client, visit):
    response = edit(alice_client).patch(f"{API}/events/{visit.uid}/", {"relations": [
        {"kind": "follows", "to": visit.uid}]}, format="json")
    assert_error(response, "relations", "an event cannot relate to itself")
    visit.refresh_from_db()
    assert visit.version == 1
