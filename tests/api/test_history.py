"""events/{id}/history/ and agreements/{id}/history/: the versions of one record.

alice (curator) drafts and edits, bob (reviewer) publishes, edits and retracts, all
through the API. Anonymous readers (anon) and carol (no group) see the published
versions only, each write once, with what changed since the previous published
version; alice sees every version, with usernames.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from diplomacy import models as m
from tests import factories as f

from .helpers import API, assert_error, edit, full_agreement, get

pytestmark = pytest.mark.django_db


def _history(client, path: str, **params) -> list[dict]:
    """The history entries of the record at ``path`` (its full API path)."""
    response = client.get(f"{path}history/", params)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def _summary(rows: list[dict]) -> list[tuple]:
    return [(row["change"], row["status"], row["fields"]) for row in rows]


@pytest.fixture
def story(countries, alice_client, bob_client) -> str:
    """An event's life through the API; returns its path."""
    source = f.SourceFactory()
    created = alice_client.post(f"{API}/events/", {
        "kind": "meeting", "title": "Talks", "date": "2026-01-26",
        "participants": [{"role": "host", "actor_country": "AZE"}],
        "citations": [{"source": source.uid}]}, format="json")
    assert created.status_code == 201, created.content
    path = f"{API}/events/{created.json()['id']}/"
    writes = [
        (alice_client, "patch", {"title": "Talks in Baku"}),           # draft edit
        (bob_client, "post", "publish/"),
        (bob_client, "patch", {"participants": [                        # one change, many rows
            {"role": "host", "actor_country": "AZE"}, {"role": "guest", "actor_country": "ISR"},
            {"role": "guest", "actor_country": "IRN"}, {"role": "guest", "actor_country": "KAZ"},
            {"role": "mentioned", "actor_country": "RUS"}],
            "topics": [f.TopicFactory(slug="energy").slug]}),
        (bob_client, "patch", {"summary": "After a second source"}),
        (bob_client, "post", ("retract/", {"reason": "Duplicate of another record"})),
        (bob_client, "patch", {"title": "Talks in Baku, 26 January"}),  # while retracted
        (bob_client, "post", "publish/"),
    ]
    for client, method, body in writes:
        if method == "patch":
            response = edit(client).patch(path, body, format="json")
        else:
            action, data = body if isinstance(body, tuple) else (body, None)
            response = edit(client).post(f"{path}{action}", data, format="json")
        assert response.status_code == 200, response.content
    return path


def test_readers_see_each_published_write_once_with_what_changed(anon, story):
    rows = _history(anon, story)

    assert _summary(rows) == [
        ("published", "published", ["title"]),  # edited while retracted, shown now
        ("retracted", "retracted", []),
        ("changed", "published", ["summary"]),
        ("changed", "published", ["participants", "topics"]),
        ("published", "published", []),
    ]
    assert rows[1]["reason"] == "Duplicate of another record"
    assert [row["version"] for row in rows] == [8, 6, 5, 4, 3]
    assert {row["by"] for row in rows} == {"curation team"}
    times = [row["at"] for row in rows]
    assert times == sorted(times, reverse=True)


def test_curators_see_drafts_and_usernames(alice_client, story):
    rows = _history(alice_client, story)

    assert [(row["version"], row["change"], row["by"]) for row in rows] == [
        (8, "published", "bob"), (7, "changed", "bob"), (6, "retracted", "bob"),
        (5, "changed", "bob"), (4, "changed", "bob"), (3, "published", "bob"),
        (2, "changed", "alice"), (1, "created", "alice")]
    assert rows[-2]["fields"] == ["title"]
    assert rows[0]["fields"] == []  # against version 7 this time


def test_no_username_or_email_reaches_the_public(anon, carol_client, story):
    for client in (anon, carol_client):
        text = client.get(f"{story}history/").content.decode()
        assert "alice" not in text and "bob" not in text and "@" not in text


def test_a_draft_is_not_found_for_readers(anon, carol_client, alice_client):
    draft = f.cited(f.EventFactory(curation_status=m.CurationStatus.DRAFT))
    path = f"{API}/events/{draft.uid}/history/"
    for client in (anon, carol_client):
        assert_error(client.get(path), "detail", status=404)
    assert _summary(get(alice_client, f"events/{draft.uid}/history/")["results"]) == [
        ("created", "draft", [])]


def test_a_retracted_record_is_not_found_for_readers(anon, story, bob_client):
    edit(bob_client).post(f"{story}retract/", {"reason": "Wrong date"}, format="json")
    assert_error(anon.get(f"{story}history/"), "detail", status=404)


def test_the_kind_routes_share_it_and_keep_to_their_kind(anon):
    meeting = f.EventFactory(kind=m.EventKind.MEETING)
    assert len(get(anon, f"meetings/{meeting.uid}/history/")["results"]) == 1
    assert_error(anon.get(f"{API}/statements/{meeting.uid}/history/"), status=404)


def test_an_agreements_parties_and_exchanges_are_one_change_each(countries, anon):
    agreement = full_agreement(first=countries["AZE"], second=countries["ISR"])
    with_version = m.Agreement.objects.get(pk=agreement.pk)
    with_version.summary = "Energy for arms"
    with_version.version += 1
    with_version.save()
    for exchange in agreement.exchanges.all():
        exchange.description += " (reported)"
        exchange.save()

    rows = _history(anon, f"{API}/agreements/{agreement.uid}/")

    assert _summary(rows)[0] == ("changed", "published", ["summary", "exchanges"])


def test_imports_and_the_system_are_named_as_such(anon):
    event = f.EventFactory()  # no user: the system
    event.title = "From a release"
    event._change_reason = "imported release 2026.01"
    event.save()

    rows = _history(anon, f"{API}/events/{event.uid}/")

    assert [(row["by"], row["fields"]) for row in rows] == [("import", ["title"]),
                                                           ("system", [])]


def test_pages_follow_next_and_previous(anon, story):
    first = get(anon, "events/" + story.rsplit("/", 2)[1] + "/history/", {"page_size": 2})
    assert (first["count"], len(first["results"]), first["previous"]) == (5, 2, None)
    second = anon.get(first["next"]).json()
    third = anon.get(second["next"]).json()
    assert [len(page["results"]) for page in (second, third)] == [2, 1]
    assert third["next"] is None
    back = anon.get(third["previous"]).json()
    assert back["results"] == second["results"]
    versions = [row["version"] for page in (first, second, third) for row in page["results"]]
    assert versions == [8, 6, 5, 4, 3]


@pytest.mark.parametrize("params", [
    {"kind": "meeting"}, {"page": "2"}, {"page_size": "0"}, {"page_size": "501"},
    {"cursor": "not-a-cursor"}, {"cursor": ""}, {"format": "csv"},
])
def test_bad_parameters_are_a_400_naming_them(anon, params):
    event = f.EventFactory()
    response = anon.get(f"{API}/events/{event.uid}/history/", params)
    assert response.status_code in (400, 404)
    if response.status_code == 400:
        assert set(response.json()) <= {*params, "detail"}
    else:  # format=csv: no such rendering of a history
        assert "format" in params


def _history_queries(client, event: m.Event) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{API}/events/{event.uid}/history/")
    assert response.status_code == 200
    return len(queries)


def _edit_many_times(event: m.Event, times: int) -> None:
    topic = f.TopicFactory()
    for number in range(times):
        event = m.Event.objects.get(pk=event.pk)
        event.title = f"Edit {number}"
        event.version += 1
        event._change_reason = "edited: title, topics"  # as the services write
        event.save()
        event.topics.set([topic] if number % 2 else [])
        f.ParticipantFactory(event=event, role=m.ParticipantRole.MENTIONED)


def test_queries_do_not_grow_with_the_history(anon, alice_client, django_assert_num_queries):
    short, long = f.EventFactory(), f.EventFactory()
    _edit_many_times(short, 1)
    _edit_many_times(long, 30)

    # The event; its history rows with their users; participants', citations' and
    # relations' history; the four many-to-many snapshots (topics, about_countries,
    # about_organisations, about_people).
    with django_assert_num_queries(9):
        anon.get(f"{API}/events/{short.uid}/history/")
    with django_assert_num_queries(9):
        rows = anon.get(f"{API}/events/{long.uid}/history/").json()["results"]
    assert len(rows) == 31
    # A curator's request asks once more: is this user a curator?
    assert _history_queries(alice_client, short) == _history_queries(alice_client, long)


def test_history_is_documented_in_the_schema(anon):
    schema = anon.get("/api/schema/", {"format": "json"}).json()
    for path in ("events", "meetings", "statements", "incidents", "agreements"):
        operation = schema["paths"][f"/api/v1/{path}/{{id}}/history/"]["get"]
        assert {p["name"] for p in operation["parameters"]} == {"id", "cursor", "page_size"}


def test_the_timestamps_are_the_writes(anon):
    event = f.EventFactory()
    rows = _history(anon, f"{API}/events/{event.uid}/")
    at = datetime.datetime.fromisoformat(rows[0]["at"])
    assert at == m.Event.history.get(id=event.pk).history_date
