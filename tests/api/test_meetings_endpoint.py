"""meetings/: only meetings, detailed under their own path, with the events/ filters."""

from __future__ import annotations

import datetime

import pytest

from diplomacy import models as m

from .helpers import API, full_event, get, id_set

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def timeline(countries):
    aze, isr, kaz = countries["AZE"], countries["ISR"], countries["KAZ"]
    return {
        "baku": full_event(countries=[aze, isr], kind=m.EventKind.MEETING, date=D(2026, 1, 26)),
        "astana": full_event(countries=[kaz, isr], kind=m.EventKind.MEETING,
                             date=D(2026, 1, 27)),
        "aze_only": full_event(countries=[aze], kind=m.EventKind.MEETING, date=D(2025, 5, 1),
                               date_precision=m.DatePrecision.MONTH),
        "draft": full_event(countries=[aze, isr], kind=m.EventKind.MEETING,
                            status=m.CurationStatus.DRAFT),
        "visit": full_event(countries=[aze, isr], kind=m.EventKind.VISIT, date=D(2026, 1, 26)),
        "incident": full_event(countries=[aze, isr], kind=m.EventKind.INCIDENT,
                               date=D(2026, 1, 26)),
    }


def _names(client, timeline, params=None) -> set[str]:
    by_uid = {event.uid: name for name, event in timeline.items()}
    return {by_uid[uid] for uid in id_set(client, "meetings/", params)}


def test_only_published_meetings(anon, timeline):
    assert _names(anon, timeline) == {"baku", "astana", "aze_only"}


def test_curator_also_sees_draft_meetings(alice_client, timeline):
    assert _names(alice_client, timeline) == {"baku", "astana", "aze_only", "draft"}
    assert _names(alice_client, timeline, {"status": "draft"}) == {"draft"}


def test_detail_under_its_own_path(anon, timeline):
    baku = timeline["baku"]
    body = get(anon, f"meetings/{baku.uid}/")
    assert body["id"] == baku.uid
    assert body["kind"] == "meeting"
    assert body["url"].startswith("http")
    assert body["url"].endswith(f"/api/v1/meetings/{baku.uid}/")
    assert body["statement"] is None
    assert {p["actor"]["type"] for p in body["participants"]} == {
        "country", "organization", "person", "unresolved"}
    listed = get(anon, "meetings/", {"dyad": "AZE,ISR"})["results"]
    assert [row["url"] for row in listed] == [body["url"]]


def test_other_kinds_are_not_meetings(anon, timeline):
    for other in ("visit", "incident", "draft"):
        response = anon.get(f"{API}/meetings/{timeline[other].uid}/")
        assert response.status_code == 404, other


def test_dyad_and_date_range(anon, timeline):
    assert _names(anon, timeline, {"dyad": "ISR,AZE"}) == {"baku"}
    assert _names(anon, timeline, {"dyad": "ISR,KAZ"}) == {"astana"}
    assert _names(anon, timeline, {"date_from": "2026-01-27",
                                   "date_to": "2026-01-31"}) == {"astana"}
    # A May 2025 month-precision meeting is in any range touching May 2025.
    assert _names(anon, timeline, {"date_from": "2025-05-31",
                                   "date_to": "2025-06-30"}) == {"aze_only"}
    assert _names(anon, timeline, {"country": "AZE", "date_to": "2025-12-31"}) == {"aze_only"}


def test_kind_filter_cannot_widen_the_endpoint(anon, timeline):
    assert _names(anon, timeline, {"kind": "visit"}) == set()


def test_bad_filter_is_named(anon, timeline):
    response = anon.get(f"{API}/meetings/", {"dyad": "AZE,AZE"})
    assert response.status_code == 400
    assert "dyad" in response.json()


def test_csv(anon, timeline):
    response = anon.get(f"{API}/meetings/", {"format": "csv", "dyad": "AZE,ISR"})
    assert response.status_code == 200
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0].startswith("id,kind,title,date")
    assert len(lines) == 2
    assert lines[1].startswith(f"{timeline['baku'].uid},meeting,")
