"""Conditional writes: every record is read with an ETag (its version) and written with
If-Match, so nobody silently undoes somebody else's change.

alice (curator) edits drafts; bob (reviewer) publishes. Without If-Match a write is
428, with a stale one 412 (and the current ETag); a PATCH writes only the fields sent.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from diplomacy import models as m
from tests import factories as f

from .helpers import API, edit, full_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(countries) -> m.Event:
    return f.cited(full_event(countries=[countries["AZE"]], status=m.CurationStatus.DRAFT,
                              title="Talks", summary="First summary"))


def _url(event: m.Event) -> str:
    return f"{API}/events/{event.uid}/"


def test_details_carry_the_version_as_etag(alice_client, draft):
    response = alice_client.get(_url(draft))
    assert response["ETag"] == '"1"'
    edited = edit(alice_client).patch(_url(draft), {"title": "Talks in Baku"}, format="json")
    assert edited["ETag"] == '"2"'
    assert alice_client.get(_url(draft))["ETag"] == '"2"'
    source = f.SourceFactory()
    assert alice_client.get(f"{API}/sources/{source.uid}/")["ETag"] == '"1"'


@pytest.mark.parametrize("write", ["patch", "put", "publish", "retract"])
def test_a_write_without_if_match_is_428_and_changes_nothing(bob_client, draft, write):
    path = {"publish": f"{_url(draft)}publish/", "retract": f"{_url(draft)}retract/"}.get(
        write, _url(draft))
    body = {"kind": "meeting", "title": "Changed", "date": "2026-01-26", "reason": "x"}
    if write in ("patch", "put"):
        body.pop("reason")
    response = getattr(bob_client, "post" if write in ("publish", "retract") else write)(
        path, body, format="json")
    assert response.status_code == 428
    assert "If-Match" in response.json()["detail"]
    draft.refresh_from_db()
    assert (draft.title, draft.version, draft.curation_status) == ("Talks", 1, "draft")


@pytest.mark.parametrize("sent", ['"7"', 'W/"1"', "1", "garbage"])
def test_a_stale_or_malformed_if_match_is_412(alice_client, draft, sent):
    response = alice_client.patch(_url(draft), {"title": "Changed"}, format="json",
                                  HTTP_IF_MATCH=sent)
    assert response.status_code == 412
    if sent == '"7"':
        assert response["ETag"] == '"1"'
    draft.refresh_from_db()
    assert draft.title == "Talks"


def test_if_match_star_writes_whatever_the_version(alice_client, draft):
    response = alice_client.patch(_url(draft), {"title": "Forced"}, format="json",
                                  HTTP_IF_MATCH="*")
    assert response.status_code == 200
    assert response["ETag"] == '"2"'


def test_patch_writes_only_the_fields_sent(alice_client, draft):
    """Two curators read version 1; the first PATCHes the title, the second (after
    re-reading) the summary: both changes stand."""
    etag = alice_client.get(_url(draft))["ETag"]
    first = alice_client.patch(_url(draft), {"title": "New title"}, format="json",
                               HTTP_IF_MATCH=etag)
    second = alice_client.patch(_url(draft), {"summary": "New summary"}, format="json",
                                HTTP_IF_MATCH=etag)
    assert (first.status_code, second.status_code) == (200, 412)
    retried = alice_client.patch(_url(draft), {"summary": "New summary"}, format="json",
                                 HTTP_IF_MATCH=second["ETag"])
    assert retried.status_code == 200
    draft.refresh_from_db()
    assert (draft.title, draft.summary, draft.version) == ("New title", "New summary", 3)


def test_workflow_actions_need_the_current_version(bob_client, draft):
    stale = bob_client.post(f"{_url(draft)}publish/", HTTP_IF_MATCH='"9"')
    assert stale.status_code == 412
    published = edit(bob_client).post(f"{_url(draft)}publish/")
    assert published.status_code == 200, published.content
    assert published["ETag"] == '"2"'


def test_a_child_change_moves_the_parents_version(alice_client, draft):
    response = edit(alice_client).patch(_url(draft), {"participants": [
        {"role": "host", "actor_country": "AZE"}]}, format="json")
    assert response.status_code == 200
    assert response["ETag"] == '"2"'
    assert [p["actor"]["id"] for p in response.json()["participants"]] == ["AZE"]


# --- Many writers at once (PostgreSQL: real concurrent transactions) ---------------------------

# Decided before any database fixture runs, so SQLite never pays for a flush.
needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises writers itself; the race needs PostgreSQL")


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_conflicting_writers_exactly_one_wins(alice, countries):
    from rest_framework.test import APIClient

    event = f.cited(full_event(countries=[countries["AZE"]], status=m.CurationStatus.DRAFT))
    start = threading.Barrier(20)
    results: list[tuple[int, str]] = []

    def writer(number: int) -> None:
        client = APIClient()
        client.force_login(alice)
        start.wait()
        try:
            response = client.patch(_url(event), {"title": f"Title {number}"}, format="json",
                                    HTTP_IF_MATCH='"1"')
            results.append((response.status_code, f"Title {number}"))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    codes = sorted(code for code, _ in results)
    assert codes == [200] + [412] * 19
    winner = next(title for code, title in results if code == 200)
    event.refresh_from_db()
    assert (event.title, event.version) == (winner, 2)
    assert event.history.count() == 2  # created, and the one edit that won


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_that_retry_lose_nothing(alice, countries):
    """Seven curators PATCH seven different fields at once, each re-reading on 412 and
    retrying: every change is in the final record."""
    from rest_framework.test import APIClient

    event = f.cited(full_event(countries=[countries["AZE"]], status=m.CurationStatus.DRAFT))
    changes = {"title": "T", "summary": "S", "place": "Baku", "note": "N",
               "verification": "confirmed", "approximate": True, "language": ""}
    start = threading.Barrier(len(changes))

    def writer(field: str, value) -> None:
        client = APIClient()
        client.force_login(alice)
        start.wait()
        try:
            for _ in range(20):
                tag = client.get(_url(event))["ETag"]
                response = client.patch(_url(event), {field: value}, format="json",
                                        HTTP_IF_MATCH=tag)
                if response.status_code != 412:
                    assert response.status_code == 200, response.content
                    return
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=item) for item in changes.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    event.refresh_from_db()
    assert {field: getattr(event, field) for field in changes} == changes
    assert event.version == 1 + len(changes)
