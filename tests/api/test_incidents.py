"""incidents/: attacks, foiled plots and arrests, with the events/ filters.

Read as anonymous (published records only). Seed tests come last (the seed stays
loaded for the rest of the module).
"""

from __future__ import annotations

import pytest

from diplomacy import models as m

from .helpers import API, SEED, D, full_event, get, id_set, ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def incidents(countries) -> dict[str, m.Event]:
    aze, isr, irn = countries["AZE"], countries["ISR"], countries["IRN"]
    return {
        "plot": full_event(countries=[aze, isr], kind=m.EventKind.INCIDENT,
                           incident_type=m.IncidentType.FOILED_PLOT,
                           verification=m.Verification.ALLEGED, date=D(2026, 1, 26)),
        "attack_2023": full_event(countries=[aze, irn], kind=m.EventKind.INCIDENT,
                                  incident_type=m.IncidentType.ATTACK, date=D(2023, 1, 1),
                                  date_precision=m.DatePrecision.YEAR),
        "meeting": full_event(countries=[aze, isr]),
        "retracted": full_event(countries=[aze, isr], kind=m.EventKind.INCIDENT,
                                status=m.CurationStatus.RETRACTED,
                                retraction_reason="did not happen"),
    }


def test_lists_published_incidents_only(anon, incidents):
    body = get(anon, "incidents/")
    assert ids(body) == [incidents["attack_2023"].uid, incidents["plot"].uid]
    assert body["next"] is None and body["previous"] is None


def test_detail_shows_the_incident_type_and_roles(anon, incidents):
    plot = incidents["plot"]
    body = get(anon, f"incidents/{plot.uid}/")
    assert body["id"] == plot.uid
    assert body["url"] == f"http://testserver/api/v1/incidents/{plot.uid}/"
    assert body["kind"] == "incident"
    assert body["incident_type"] == "foiled_plot"
    assert body["verification"] == "alleged"
    assert {p["role"] for p in body["participants"]} >= {"arrested", "host", "guest"}


def test_other_kinds_and_retracted_incidents_are_not_found(anon, incidents):
    assert anon.get(f"{API}/incidents/{incidents['meeting'].uid}/").status_code == 404
    assert anon.get(f"{API}/incidents/{incidents['retracted'].uid}/").status_code == 404


def test_events_filters_apply(anon, incidents):
    assert id_set(anon, "incidents/", {"country": "IRN"}) == {incidents["attack_2023"].uid}
    assert id_set(anon, "incidents/", {"verification": "alleged"}) == {incidents["plot"].uid}
    # The 2023 attack is known to the year only: any range inside 2023 finds it.
    assert id_set(anon, "incidents/", {"date_from": "2023-07-01",
                                       "date_to": "2023-07-31"}) == {
        incidents["attack_2023"].uid}
    assert ids(get(anon, "incidents/", {"ordering": "-date"})) == [
        incidents["plot"].uid, incidents["attack_2023"].uid]


def test_seed_incidents_before_2025(anon, seed_data):
    found = id_set(anon, "incidents/", {"date_to": "2024-12-31"})
    assert {SEED["crocus"], SEED["embassy_attack_iran"]} <= found
    assert SEED["plot"] not in found
    assert id_set(anon, "incidents/", {"participant": "islamic-state-khorasan"}) >= {
        SEED["crocus"]}
    assert SEED["plot"] in id_set(anon, "incidents/", {"dyad": "AZE,ISR"})
