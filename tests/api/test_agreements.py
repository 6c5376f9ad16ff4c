"""agreements/: durable relations with their parties and directed exchanges.

Read as anonymous (published records only). Seed tests come last (the seed stays
loaded for the rest of the module).
"""

from __future__ import annotations

import pytest

from diplomacy import models as m
from tests import factories as f

from .helpers import API, SEED, D, full_agreement, get, id_set, ids

pytestmark = pytest.mark.django_db

IN_FORCE, TERMINATED, SIGNED = (m.AgreementStatus.IN_FORCE, m.AgreementStatus.TERMINATED,
                                m.AgreementStatus.SIGNED)


@pytest.fixture
def energy_for_arms(countries) -> m.Agreement:
    return full_agreement(first=countries["AZE"], second=countries["ISR"],
                          kind=m.AgreementKind.ENERGY_FOR_ARMS, status=IN_FORCE,
                          title="Energy for arms", summary="Oil one way, weapons the other.")


def test_list_and_detail_have_id_url_parties_and_exchanges(anon, energy_for_arms):
    agreement = energy_for_arms
    body = get(anon, "agreements/")
    assert ids(body) == [agreement.uid]
    assert body["next"] is None and body["previous"] is None
    detail = get(anon, f"agreements/{agreement.uid}/")
    assert body["results"][0] == detail
    assert detail["id"] == agreement.uid
    assert detail["url"] == f"http://testserver/api/v1/agreements/{agreement.uid}/"
    assert (detail["kind"], detail["status"], detail["curation_status"]) == (
        "energy_for_arms", "in_force", "published")
    company = agreement.parties.get().organisation
    assert detail["parties"] == [
        {"actor": {"type": "country", "id": "AZE", "name": "Azerbaijan"}, "role": "party"},
        {"actor": {"type": "country", "id": "ISR", "name": "Israel"}, "role": "party"},
        {"actor": {"type": "organization", "id": company.slug, "name": company.name},
         "role": "implementing"},
    ]
    flows = [{key: x[key] for key in ("from", "to", "category", "description", "via")}
             for x in detail["exchanges"]]
    assert flows == [
        {"from": "AZE", "to": "ISR", "category": "energy", "description": "oil",
         "via": company.slug},
        {"from": "ISR", "to": "AZE", "category": "arms", "description": "modern weapons",
         "via": None},
    ]
    assert detail["citations"][0]["quote"] == "energy for arms"
    assert detail["citations"][0]["source"]["id"]


@pytest.fixture
def parties(countries) -> dict[str, m.Agreement]:
    aze, isr, kaz, irn = (countries[c] for c in ("AZE", "ISR", "KAZ", "IRN"))
    three = f.AgreementFactory(first_party=aze, second_party=kaz)
    m.AgreementParty.objects.create(agreement=three, country=isr)
    return {
        "aze_isr": f.AgreementFactory(first_party=aze, second_party=isr),
        "isr_aze": f.AgreementFactory(first_party=isr, second_party=aze),
        "aze_kaz_isr": three,
        "irn_kaz": f.AgreementFactory(first_party=irn, second_party=kaz),
    }


def test_party_repeated_means_all_listed_parties(anon, parties):
    both = {parties[name].uid for name in ("aze_isr", "isr_aze", "aze_kaz_isr")}
    assert id_set(anon, "agreements/", [("party", "AZE"), ("party", "ISR")]) == both
    assert id_set(anon, "agreements/", [("party", "ISR"), ("party", "aze")]) == both
    assert id_set(anon, "agreements/", [("party", "ISR"), ("party", "KAZ")]) == {
        parties["aze_kaz_isr"].uid}
    assert id_set(anon, "agreements/", [("party", "KAZ")]) == {
        parties["aze_kaz_isr"].uid, parties["irn_kaz"].uid}
    assert id_set(anon, "agreements/", [("party", "IRN"), ("party", "ISR")]) == set()


def test_party_may_be_an_implementing_organisation(anon, energy_for_arms, parties):
    company = energy_for_arms.parties.get().organisation
    assert id_set(anon, "agreements/", [("party", company.slug), ("party", "ISR")]) == {
        energy_for_arms.uid}


def test_kind_and_status(anon, countries):
    trade = f.AgreementFactory(first_party=countries["AZE"], second_party=countries["ISR"],
                               kind=m.AgreementKind.TRADE, status=SIGNED)
    defence = f.AgreementFactory(first_party=countries["AZE"], second_party=countries["ISR"],
                                 kind=m.AgreementKind.DEFENCE, status=IN_FORCE)
    assert id_set(anon, "agreements/", {"kind": "trade"}) == {trade.uid}
    assert id_set(anon, "agreements/", {"status": "in_force"}) == {defence.uid}
    assert id_set(anon, "agreements/", {"kind": "trade", "status": "in_force"}) == set()


@pytest.fixture
def spans(countries) -> dict[str, m.Agreement]:
    def make(**fields) -> m.Agreement:
        return f.AgreementFactory(first_party=countries["AZE"], second_party=countries["ISR"],
                                  **fields)

    month = m.DatePrecision.MONTH
    return {
        "open": make(status=IN_FORCE),
        "started": make(status=IN_FORCE, start_date=D(2020, 5, 1)),
        "starts_later": make(status=IN_FORCE, start_date=D(2026, 2, 1)),
        "started_that_month": make(status=IN_FORCE, start_date=D(2026, 1, 1),
                                   start_precision=month),
        "ended_that_month": make(status=TERMINATED, start_date=D(2020, 1, 1),
                                 end_date=D(2026, 1, 1), end_precision=month),
        "terminated_before": make(status=TERMINATED, start_date=D(2020, 1, 1),
                                  end_date=D(2025, 12, 31)),
        "terminated_after": make(status=TERMINATED, end_date=D(2026, 6, 30)),
        "ends_that_day": make(status=IN_FORCE, end_date=D(2026, 1, 26)),
        "only_signed": make(status=SIGNED, start_date=D(2020, 1, 1)),
    }


def test_in_force_on_treats_unknown_ends_as_open_and_excludes_ended_ones(anon, spans):
    found = id_set(anon, "agreements/", {"in_force_on": "2026-01-26"})
    assert found == {spans[name].uid for name in (
        "open", "started", "started_that_month", "ended_that_month", "terminated_after",
        "ends_that_day")}


def test_q_searches_title_and_summary(anon, countries):
    pipeline = f.AgreementFactory(first_party=countries["AZE"], second_party=countries["ISR"],
                                  title="Pipeline accord")
    by_summary = f.AgreementFactory(first_party=countries["AZE"],
                                    second_party=countries["KAZ"],
                                    summary="Oil through the pipeline.")
    f.AgreementFactory(first_party=countries["AZE"], second_party=countries["IRN"],
                       title="Tourism")
    assert id_set(anon, "agreements/", {"q": "pipeline"}) == {pipeline.uid, by_summary.uid}
    assert id_set(anon, "agreements/", {"q": '"pipeline accord"'}) == {pipeline.uid}


def test_drafts_and_retractions_are_hidden_from_anonymous(anon, alice_client, countries):
    draft = f.AgreementFactory(first_party=countries["AZE"], second_party=countries["ISR"],
                               curation_status=m.CurationStatus.DRAFT)
    assert id_set(anon, "agreements/") == set()
    assert anon.get(f"{API}/agreements/{draft.uid}/").status_code == 404
    assert id_set(alice_client, "agreements/") == {draft.uid}


@pytest.mark.parametrize(("params", "name"), [
    ([("party", "AZE"), ("party", "XYZ")], "party"),
    ({"kind": "arms_for_energy"}, "kind"),
    ({"status": "alive"}, "status"),
    ({"in_force_on": "2026-13-01"}, "in_force_on"),
    ({"in_force_on": "2026-02-30"}, "in_force_on"),
])
def test_bad_filters_are_refused(anon, countries, params, name):
    response = anon.get(f"{API}/agreements/", params)
    assert response.status_code == 400
    assert name in response.json()


def test_seed_energy_for_arms_agreements_in_force_with_azerbaijan_and_israel(anon, seed_data):
    body = get(anon, "agreements/", [("kind", "energy_for_arms"), ("in_force_on", "2026-01-26"),
                                     ("party", "AZE"), ("party", "ISR")])
    assert ids(body) == [SEED["agreement"]]
    [agreement] = body["results"]
    assert {(x["from"], x["to"], x["category"]) for x in agreement["exchanges"]} == {
        ("AZE", "ISR", "energy"), ("ISR", "AZE", "arms")}
    assert {"type": "organization", "id": "socar"} in [
        {k: p["actor"][k] for k in ("type", "id")} for p in agreement["parties"]]
    assert id_set(anon, "agreements/", [("party", "AZE"), ("party", "KAZ")]) == set()
