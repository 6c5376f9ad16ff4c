"""meetings/: meetings only, detailed under their own path, with the events/ filters.

Read as anonymous (published records only) unless a test says otherwise; alice (a
curator) also sees draft meetings. The seed questions run in one class that loads
the shipped seed once; no other test sees it.
"""

from __future__ import annotations

import pytest

from diplomacy import models as m

from .helpers import API, SEED, D, assert_error, full_event, get, id_set, ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def timeline(countries) -> dict[str, m.Event]:
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


# --- Representation --------------------------------------------------------------------------


def test_detail_has_the_event_representation_under_its_own_url(anon, timeline):
    baku = timeline["baku"]
    body = get(anon, f"meetings/{baku.uid}/")
    assert body["id"] == baku.uid
    assert body["url"] == f"http://testserver/api/v1/meetings/{baku.uid}/"
    assert body["kind"] == "meeting"
    for field in ("kind", "date", "date_end", "date_precision", "approximate", "location",
                  "participants", "topics", "verification", "codes", "citations",
                  "relations"):
        assert field in body
    assert body["statement"] is None
    assert {p["actor"]["type"] for p in body["participants"]} == {
        "country", "organization", "person", "unresolved"}
    assert body["citations"][0]["source"]["id"]
    listed = get(anon, "meetings/", {"dyad": "AZE,ISR"})["results"]
    assert [row["url"] for row in listed] == [body["url"]]


def test_other_kinds_and_drafts_are_not_found_here(anon, timeline):
    for other in ("visit", "incident", "draft"):
        response = anon.get(f"{API}/meetings/{timeline[other].uid}/")
        assert response.status_code == 404, other


# --- Visibility ------------------------------------------------------------------------------


def test_lists_published_meetings_only(anon, timeline):
    body = get(anon, "meetings/")
    assert set(ids(body)) == {timeline[name].uid for name in ("baku", "astana", "aze_only")}
    assert body["previous"] is None and body["next"] is None
    assert {row["kind"] for row in body["results"]} == {"meeting"}


def test_curator_also_sees_draft_meetings(alice_client, timeline):
    assert _names(alice_client, timeline) == {"baku", "astana", "aze_only", "draft"}
    assert _names(alice_client, timeline, {"status": "draft"}) == {"draft"}
    assert get(alice_client, f"meetings/{timeline['draft'].uid}/")["status"] == "draft"


# --- Filters ---------------------------------------------------------------------------------


def test_country_and_dyad(anon, timeline):
    assert _names(anon, timeline, {"dyad": "ISR,AZE"}) == {"baku"}
    assert _names(anon, timeline, {"dyad": "ISR,KAZ"}) == {"astana"}
    assert _names(anon, timeline, {"country": "KAZ"}) == {"astana"}


def test_date_range_widens_a_month_precision_meeting(anon, timeline):
    assert _names(anon, timeline, {"date_from": "2026-01-27"}) == {"astana"}
    assert _names(anon, timeline, {"date_from": "2026-01-27",
                                   "date_to": "2026-01-31"}) == {"astana"}
    # A May 2025 month-precision meeting is in any range touching May 2025.
    assert _names(anon, timeline, {"date_from": "2025-05-31",
                                   "date_to": "2025-06-30"}) == {"aze_only"}
    assert _names(anon, timeline, {"country": "AZE", "date_to": "2025-12-31"}) == {"aze_only"}


def test_kind_filter_cannot_widen_the_endpoint(anon, timeline):
    assert _names(anon, timeline, {"kind": "visit"}) == set()


@pytest.mark.parametrize("dyad", [
    "AZE,XYZ",  # an unknown country code
    "AZE,AZE",  # not two different countries
])
def test_a_bad_dyad_is_a_400_naming_it(anon, timeline, dyad):
    assert_error(anon.get(f"{API}/meetings/", {"dyad": dyad}), "dyad")


# --- Ordering --------------------------------------------------------------------------------


def test_ordering_newest_first(anon, timeline):
    assert ids(get(anon, "meetings/", {"ordering": "-date"})) == [
        timeline[name].uid for name in ("astana", "baku", "aze_only")]


# --- Export ----------------------------------------------------------------------------------


def test_csv(anon, timeline):
    response = anon.get(f"{API}/meetings/", {"format": "csv", "dyad": "AZE,ISR"})
    assert response.status_code == 200
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0].startswith("id,kind,title,date")
    assert len(lines) == 2
    assert lines[1].startswith(f"{timeline['baku'].uid},meeting,")


# --- Seed questions --------------------------------------------------------------------------


@pytest.mark.usefixtures("seed_data")
class TestSeedQuestions:
    def test_meetings_between_azerbaijan_and_israel(self, anon):
        found = id_set(anon, "meetings/", {"dyad": "AZE,ISR"})
        assert SEED["meeting_aliyev"] in found
        assert SEED["meeting_tokayev"] not in found
        assert SEED["visit_aze"] not in found  # a visit, not a meeting
        participant = id_set(anon, "meetings/", {"participant": "kassym-jomart-tokayev"})
        assert participant == {SEED["meeting_tokayev"]}
