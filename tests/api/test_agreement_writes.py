"""Curators record agreements with their parties and directed exchanges through the API.

alice (curator) creates and edits drafts; bob (reviewer) publishes; anonymous
readers cannot write. Every broken rule is a 400 naming the field, with nothing written.
"""

from __future__ import annotations

import pytest

from diplomacy.models import Agreement, CurationStatus, Exchange
from tests import factories as f

from .helpers import API

pytestmark = pytest.mark.django_db

ENERGY_FOR_ARMS = {
    "title": "Energy for arms",
    "kind": "energy_for_arms",
    "formality": "informal",
    "status": "in_force",
    "first_party": "AZE",
    "second_party": "ISR",
    "parties": [{"organisation": "socar", "role": "implementing"}],
    "exchanges": [
        {"from": "AZE", "to": "ISR", "category": "energy", "via": "socar",
         "description": "oil through the state company"},
        {"from": "ISR", "to": "AZE", "category": "arms", "description": "modern weapons"},
    ],
}


@pytest.fixture
def socar(countries):
    return f.OrganisationFactory(slug="socar", name="SOCAR", kind="state_company",
                                 country=countries["AZE"])


def test_curator_creates_a_draft_agreement_with_exchanges(alice_client, socar):
    response = alice_client.post(f"{API}/agreements/", ENERGY_FOR_ARMS, format="json")

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["curation_status"] == CurationStatus.DRAFT
    assert [(x["from"], x["to"], x["category"], x["via"]) for x in body["exchanges"]] == [
        ("AZE", "ISR", "energy", "socar"), ("ISR", "AZE", "arms", None)]
    assert [p["actor"]["id"] for p in body["parties"]] == ["AZE", "ISR", "socar"]
    agreement = Agreement.objects.get(uid=body["id"])
    assert agreement.history.latest().history_user.username == "alice"


def test_server_owned_fields_are_ignored(alice_client, socar):
    payload = {**ENERGY_FOR_ARMS, "id": "ag-chosen00", "curation_status": "published",
               "retraction_reason": "x"}
    body = alice_client.post(f"{API}/agreements/", payload, format="json").json()
    assert body["id"] != "ag-chosen00"
    assert body["curation_status"] == CurationStatus.DRAFT
    assert body["retraction_reason"] == ""


@pytest.mark.parametrize(("change", "field"), [
    ({"second_party": "AZE"}, "__all__"),                       # one country twice
    ({"exchanges": [{"from": "AZE", "to": "AZE", "category": "energy"}]}, "__all__"),
    ({"exchanges": [{"from": "AZE", "to": "IRN", "category": "energy"}]}, "exchanges"),
    ({"first_party": "XXX"}, "first_party"),                     # unknown country
    ({"kind": "barter"}, "kind"),
    ({"title": "nul\x00byte"}, "title"),
    ({"start_date": "2026-02-30"}, "start_date"),
])
def test_broken_rules_are_refused_and_nothing_is_written(alice_client, socar, change, field):
    response = alice_client.post(f"{API}/agreements/", {**ENERGY_FOR_ARMS, **change},
                                 format="json")
    assert response.status_code == 400, response.content
    body = response.json()
    assert field in body or any(field in str(value) for value in body.values()), body
    assert not Agreement.objects.exists()
    assert not Exchange.objects.exists()


def test_curator_edits_a_draft_but_not_a_published_agreement(alice_client, bob_client, socar):
    uid = alice_client.post(f"{API}/agreements/", ENERGY_FOR_ARMS, format="json").json()["id"]
    edited = alice_client.patch(f"{API}/agreements/{uid}/", {"status": "suspended"},
                                format="json")
    assert edited.status_code == 200
    assert edited.json()["status"] == "suspended"

    assert bob_client.post(f"{API}/agreements/{uid}/publish/").status_code == 200
    refused = alice_client.patch(f"{API}/agreements/{uid}/", {"status": "terminated"},
                                 format="json")
    assert refused.status_code == 403
    assert Agreement.objects.get(uid=uid).status == "suspended"


def test_anonymous_cannot_write(anon, socar):
    response = anon.post(f"{API}/agreements/", ENERGY_FOR_ARMS, format="json")
    assert response.status_code in (401, 403)
    assert not Agreement.objects.exists()
