"""incidents/: only incidents, detailed under their own path, with the events/ filters."""

from __future__ import annotations

import datetime

import pytest

from diplomacy import models as m

from .helpers import API, full_event, get, id_set

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def timeline(countries):
    aze, isr, rus, irn = countries["AZE"], countries["ISR"], countries["RUS"], countries["IRN"]
    return {
        "plot": full_event(countries=[aze, isr], kind=m.EventKind.INCIDENT, date=D(2026, 1, 26),
                           incident_type=m.IncidentType.FOILED_PLOT,
                           verification=m.Verification.ALLEGED),
        "crocus": full_event(countries=[rus], kind=m.EventKind.INCIDENT, date=D(2024, 1, 1),
                             date_precision=m.DatePrecision.YEAR,
                             incident_type=m.IncidentType.ATTACK),
        "embassy": full_event(countries=[aze, irn], kind=m.EventKind.INCIDENT,
                              date=D(2023, 1, 27), incident_type=m.IncidentType.ATTACK),
        "retracted": full_event(countries=[aze, isr], kind=m.EventKind.INCIDENT,
                                status=m.CurationStatus.RETRACTED, retraction_reason="hoax"),
        "meeting": full_event(countries=[aze, isr], kind=m.EventKind.MEETING,
                              date=D(2026, 1, 26)),
    }


def _names(client, timeline, params=None) -> set[str]:
    by_uid = {event.uid: name for name, event in timeline.items()}
    return {by_uid[uid] for uid in id_set(client, "incidents/", params)}


def test_only_published_incidents(anon, timeline):
    assert _names(anon, timeline) == {"plot", "crocus", "embassy"}


def test_curator_also_sees_retracted_incidents(alice_client, timeline):
    assert _names(alice_client, timeline, {"status": "retracted"}) == {"retracted"}
    body = get(alice_client, f"incidents/{timeline['retracted'].uid}/")
    assert body["status"] == "retracted"
    assert body["retraction_reason"] == "hoax"


def test_detail_under_its_own_path(anon, timeline):
    plot = timeline["plot"]
    body = get(anon, f"incidents/{plot.uid}/")
    assert body["id"] == plot.uid
    assert body["kind"] == "incident"
    assert body["incident_type"] == "foiled_plot"
    assert body["verification"] == "alleged"
    assert body["url"].startswith("http")
    assert body["url"].endswith(f"/api/v1/incidents/{plot.uid}/")
    assert body["statement"] is None
    assert {"type": "unresolved", "id": None, "name": "three nationals"} in [
        p["actor"] for p in body["participants"]]


def test_other_kinds_and_hidden_incidents_are_404(anon, timeline):
    for other in ("meeting", "retracted"):
        response = anon.get(f"{API}/incidents/{timeline[other].uid}/")
        assert response.status_code == 404, other


def test_dyad_and_date_range(anon, timeline):
    assert _names(anon, timeline, {"dyad": "AZE,ISR"}) == {"plot"}
    assert _names(anon, timeline, {"dyad": "IRN,AZE"}) == {"embassy"}
    assert _names(anon, timeline, {"country": "AZE"}) == {"plot", "embassy"}
    # The year-precision 2024 attack is in March 2024.
    assert _names(anon, timeline, {"date_from": "2024-03-01",
                                   "date_to": "2024-03-31"}) == {"crocus"}
    assert _names(anon, timeline, {"date_from": "2023-01-27",
                                   "date_to": "2023-01-27"}) == {"embassy"}
    assert _names(anon, timeline, {"date_from": "2025-01-01"}) == {"plot"}


def test_ordering(anon, timeline):
    newest_first = get(anon, "incidents/", {"ordering": "-date"})["results"]
    assert [row["id"] for row in newest_first] == [
        timeline[name].uid for name in ("plot", "crocus", "embassy")]


def test_bad_filter_is_named(anon, timeline):
    response = anon.get(f"{API}/incidents/", {"date_to": "2024-13-01"})
    assert response.status_code == 400
    assert "date_to" in response.json()
