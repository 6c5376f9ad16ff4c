"""Every model's history page opens, for the shipped records (the agreement's once was a 500)."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from tests import factories as f

HISTORY_ADMINS = sorted(
    ((model, model_admin) for model, model_admin in admin.site._registry.items()
     if isinstance(model_admin, SimpleHistoryAdmin)),
    key=lambda pair: pair[0]._meta.model_name)


@pytest.mark.parametrize("model", [model for model, _ in HISTORY_ADMINS],
                         ids=lambda model: model._meta.model_name)
def test_history_page_opens_for_shipped_records(seed_data, root_client, model):
    records = list(model._default_manager.order_by("pk")[:3])
    assert records, f"the seed data holds no {model._meta.verbose_name}"
    for record in records:
        url = reverse(f"admin:diplomacy_{model._meta.model_name}_history", args=[record.pk])
        response = root_client.get(url)
        assert response.status_code == 200, url


def test_agreement_history_after_edits_opens(db, root_client):
    agreement = f.AgreementFactory()
    agreement.title = "Renamed"
    agreement.save()
    url = reverse("admin:diplomacy_agreement_history", args=[agreement.pk])
    response = root_client.get(url)
    assert response.status_code == 200
    assert "Renamed" in response.content.decode()


def test_a_history_url_under_change_leads_to_the_history_page(db, root_client):
    agreement = f.AgreementFactory()
    response = root_client.get(f"/admin/diplomacy/agreement/{agreement.pk}/change/history/")
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:diplomacy_agreement_history",
                                           args=[agreement.pk])


@pytest.mark.parametrize("path", ["/admin/diplomacy/agreement/x/y/history/",
                                  "/admin/diplomacy/event/abc/history/",
                                  "/admin/diplomacy/person/abc/history/1/"])
def test_a_history_url_without_a_key_is_not_found(db, root_client, path):
    assert root_client.get(path).status_code == 404
