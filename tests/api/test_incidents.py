"""incidents/: attacks, foiled plots and arrests, detailed under their own path, with
the events/ filters.

Read as anonymous (published records only) unless a test says otherwise; alice (a
curator) also sees retracted incidents. The seed questions run in one class that
loads the shipped seed once; no other test sees it.
"""

from __future__ import annotations

import pytest

from diplomacy import models as m

from .helpers import API, SEED, D, assert_error, full_event, get, id_set, ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def timeline(countries) -> dict[str, m.Event]:
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


# --- Representation --------------------------------------------------------------------------


def test_detail_shows_the_incident_type_and_roles_under_its_own_url(anon, timeline):
    plot = timeline["plot"]
    body = get(anon, f"incidents/{plot.uid}/")
    assert body["id"] == plot.uid
    assert body["url"] == f"http://testserver/api/v1/incidents/{plot.uid}/"
    assert body["kind"] == "incident"
    assert body["incident_type"] == "foiled_plot"
    assert body["verification"] == "alleged"
    assert body["statement"] is None
    assert {p["role"] for p in body["participants"]} >= {"arrested", "host", "guest"}
    assert {"type": "unresolved", "id": None, "name": "three nationals"} in [
        p["actor"] for p in body["participants"]]


def test_other_kinds_and_hidden_incidents_are_404(anon, timeline):
    for other in ("meeting", "retracted"):
        response = anon.get(f"{API}/incidents/{timeline[other].uid}/")
        assert response.status_code == 404, other


# --- Visibility ------------------------------------------------------------------------------


def test_lists_published_incidents_only_oldest_first(anon, timeline):
    body = get(anon, "incidents/")
    assert ids(body) == [timeline[name].uid for name in ("embassy", "crocus", "plot")]
    assert body["next"] is None and body["previous"] is None


def test_curator_also_sees_retracted_incidents(alice_client, timeline):
    assert _names(alice_client, timeline, {"status": "retracted"}) == {"retracted"}
    body = get(alice_client, f"incidents/{timeline['retracted'].uid}/")
    assert body["status"] == "retracted"
    assert body["retraction_reason"] == "hoax"


# --- Filters ---------------------------------------------------------------------------------


def test_country_dyad_and_verification(anon, timeline):
    assert _names(anon, timeline, {"dyad": "AZE,ISR"}) == {"plot"}
    assert _names(anon, timeline, {"dyad": "IRN,AZE"}) == {"embassy"}
    assert _names(anon, timeline, {"country": "AZE"}) == {"plot", "embassy"}
    assert _names(anon, timeline, {"country": "IRN"}) == {"embassy"}
    assert _names(anon, timeline, {"verification": "alleged"}) == {"plot"}


def test_date_range_widens_a_year_precision_incident(anon, timeline):
    # The 2024 attack is known to the year only: any range inside 2024 finds it.
    assert _names(anon, timeline, {"date_from": "2024-03-01",
                                   "date_to": "2024-03-31"}) == {"crocus"}
    assert _names(anon, timeline, {"date_from": "2024-07-01",
                                   "date_to": "2024-07-31"}) == {"crocus"}
    assert _names(anon, timeline, {"date_from": "2023-01-27",
                                   "date_to": "2023-01-27"}) == {"embassy"}
    assert _names(anon, timeline, {"date_from": "2025-01-01"}) == {"plot"}


def test_a_bad_date_is_a_400_naming_it(anon, timeline):
    assert_error(anon.get(f"{API}/incidents/", {"date_to": "2024-13-01"}), "date_to")


# --- Ordering --------------------------------------------------------------------------------


def test_ordering_newest_first(anon, timeline):
    assert ids(get(anon, "incidents/", {"ordering": "-date"})) == [
        timeline[name].uid for name in ("plot", "crocus", "embassy")]


# --- Seed questions --------------------------------------------------------------------------


@pytest.mark.usefixtures("seed_data")
class TestSeedQuestions:
    def test_incidents_before_2025(self, anon):
        found = id_set(anon, "incidents/", {"date_to": "2024-12-31"})
        assert {SEED["crocus"], SEED["embassy_attack_iran"]} <= found
        assert SEED["plot"] not in found
        assert id_set(anon, "incidents/", {"participant": "islamic-state-khorasan"}) >= {
            SEED["crocus"]}
        assert SEED["plot"] in id_set(anon, "incidents/", {"dyad": "AZE,ISR"})
