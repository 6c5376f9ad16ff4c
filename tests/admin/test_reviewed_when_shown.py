"""In the admin as through the API, what a published record shows changes only by review:
a curator sees such a person, alias or source read-only and a forged save is refused,
while what only drafts show stays hers to edit."""

from __future__ import annotations

import pytest
from django.urls import reverse

from diplomacy import models as m
from tests import factories as f
from tests.api.helpers import full_event

from .helpers import form_data


def _change_url(obj) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


@pytest.fixture
def shown(db):
    """A published event's participant person, one of their aliases, and its source."""
    event = full_event(countries=[f.CountryFactory(iso3="AZE", iso2="AZ", name="Azerbaijan")])
    assert event.curation_status == m.CurationStatus.PUBLISHED
    person = event.participants.get(actor_person__isnull=False).actor_person
    alias = m.PersonAlias.objects.create(person=person, name="Shown alias")
    source = event.citations.first().source
    return {"person": (person, "name"), "alias": (alias, "name"), "source": (source, "title")}


@pytest.mark.parametrize("kind", ["person", "alias", "source"])
def test_a_curator_cannot_change_what_a_published_record_shows(shown, alice_admin, kind):
    record, field = shown[kind]
    before = getattr(record, field)
    client = alice_admin
    page = client.get(_change_url(record))
    assert page.status_code == 200
    assert not page.context["has_change_permission"]  # shown read-only

    response = client.post(_change_url(record), {field: "Renamed by a curator"})

    assert response.status_code == 403
    record.refresh_from_db()
    assert getattr(record, field) == before


def test_a_reviewer_changes_it_and_a_curator_edits_what_only_drafts_show(shown, alice_admin,
                                                                         bob_admin):
    person, _ = shown["person"]
    url = _change_url(person)
    client = bob_admin
    data = form_data(client.get(url)) | {"name": "Renamed on review"}
    assert client.post(url, data).status_code == 302
    person.refresh_from_db()
    assert person.name == "Renamed on review"

    unshown = f.PersonFactory(name="Only a draft's")
    client = alice_admin
    data = form_data(client.get(_change_url(unshown))) | {"name": "Corrected"}
    assert client.post(_change_url(unshown), data).status_code == 302
    unshown.refresh_from_db()
    assert unshown.name == "Corrected"
