"""meetings/: meetings only, with the events/ representation and filters.

Read as anonymous (published records only). Seed tests come last (the seed stays
loaded for the rest of the module).
"""

from __future__ import annotations

import pytest

from diplomacy import models as m

from .helpers import API, SEED, D, full_event, get, id_set, ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def timeline(countries) -> dict[str, m.Event]:
    aze, isr, kaz = countries["AZE"], countries["ISR"], countries["KAZ"]
    return {
        "meeting_aze_isr": full_event(countries=[aze, isr], date=D(2026, 1, 26)),
        "meeting_kaz_isr": full_event(countries=[kaz, isr], date=D(2026, 1, 27)),
        "visit_aze_isr": full_event(countries=[aze, isr], kind=m.EventKind.VISIT),
        "draft_meeting": full_event(countries=[aze, isr],
                                    status=m.CurationStatus.DRAFT),
    }


def test_lists_published_meetings_only(anon, timeline):
    body = get(anon, "meetings/")
    assert set(ids(body)) == {timeline["meeting_aze_isr"].uid, timeline["meeting_kaz_isr"].uid}
    assert body["previous"] is None and body["next"] is None
    assert {row["kind"] for row in body["results"]} == {"meeting"}


def test_detail_has_the_event_representation_and_its_own_url(anon, timeline):
    meeting = timeline["meeting_aze_isr"]
    body = get(anon, f"meetings/{meeting.uid}/")
    assert body["id"] == meeting.uid
    assert body["url"] == f"http://testserver/api/v1/meetings/{meeting.uid}/"
    for field in ("kind", "date", "date_end", "date_precision", "approximate", "location",
                  "participants", "topics", "verification", "codes", "citations",
                  "relations"):
        assert field in body
    assert {p["actor"]["type"] for p in body["participants"]} == {
        "country", "organization", "person", "unresolved"}
    assert body["citations"][0]["source"]["id"]


def test_another_kind_or_a_draft_is_not_found_here(anon, alice_client, timeline):
    assert anon.get(f"{API}/meetings/{timeline['visit_aze_isr'].uid}/").status_code == 404
    assert anon.get(f"{API}/meetings/{timeline['draft_meeting'].uid}/").status_code == 404
    assert alice_client.get(
        f"{API}/meetings/{timeline['draft_meeting'].uid}/").status_code == 200


def test_events_filters_apply(anon, timeline):
    assert id_set(anon, "meetings/", {"dyad": "ISR,AZE"}) == {timeline["meeting_aze_isr"].uid}
    assert id_set(anon, "meetings/", {"country": "KAZ"}) == {timeline["meeting_kaz_isr"].uid}
    assert id_set(anon, "meetings/", {"date_from": "2026-01-27"}) == {
        timeline["meeting_kaz_isr"].uid}
    assert ids(get(anon, "meetings/", {"ordering": "-date"})) == [
        timeline["meeting_kaz_isr"].uid, timeline["meeting_aze_isr"].uid]
    assert id_set(anon, "meetings/", {"kind": "visit"}) == set()


def test_a_bad_filter_is_a_400_naming_it(anon, timeline):
    response = anon.get(f"{API}/meetings/", {"dyad": "AZE,XYZ"})
    assert response.status_code == 400
    assert "dyad" in response.json()


def test_seed_meetings_between_azerbaijan_and_israel(anon, seed_data):
    found = id_set(anon, "meetings/", {"dyad": "AZE,ISR"})
    assert SEED["meeting_aliyev"] in found
    assert SEED["meeting_tokayev"] not in found
    assert SEED["visit_aze"] not in found  # a visit, not a meeting
    participant = id_set(anon, "meetings/", {"participant": "kassym-jomart-tokayev"})
    assert participant == {SEED["meeting_tokayev"]}
