"""Two people editing one record: the second save, made from the older version, is refused.

Every change form carries the version it was read at (``seen_version``); the save
locks the row, compares and bumps the version, so nothing is silently undone.
"""

from __future__ import annotations

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from diplomacy import models as m
from diplomacy.services import curation
from tests import factories as f

from .helpers import form_data, form_errors


def _change_url(obj) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])




@pytest.mark.parametrize("build, field", [
    (lambda: f.EventFactory(curation_status=m.CurationStatus.DRAFT), "title"),
    (lambda: f.AgreementFactory(curation_status=m.CurationStatus.DRAFT), "title"),
    (lambda: f.SourceFactory(), "title"),
    (lambda: f.PersonFactory(), "name"),
    (lambda: f.PostFactory(), "label"),
])
def test_the_second_save_from_a_stale_form_is_refused(db, root_admin, bob_admin, build, field):
    record = build()
    url = _change_url(record)
    # Both open the same version.
    first = form_data(root_admin.get(url))
    second = form_data(bob_admin.get(url))
    assert first["seen_version"] == second["seen_version"] == str(record.version)

    response = root_admin.post(url, {**first, field: "First writer's words"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.version == int(first["seen_version"]) + 1
    history = record.history.count()
    logged = LogEntry.objects.count()

    response = bob_admin.post(url, {**second, field: "Second writer's words"})

    assert response.status_code == 200
    assert any("Someone saved this record after you opened it" in e
               for e in form_errors(response))
    assert "Nothing was saved" in response.content.decode()
    record.refresh_from_db()
    assert getattr(record, field) == "First writer's words"
    assert record.version == int(first["seen_version"]) + 1
    assert record.history.count() == history
    assert LogEntry.objects.count() == logged


def test_a_fresh_form_saves_and_the_next_form_carries_the_new_version(db, root_admin):
    event = f.EventFactory(curation_status=m.CurationStatus.DRAFT)
    url = _change_url(event)
    data = form_data(root_admin.get(url))
    assert root_admin.post(url, {**data, "title": "Once"}).status_code == 302
    data = form_data(root_admin.get(url))
    assert data["seen_version"] == str(event.version + 1)
    assert root_admin.post(url, {**data, "title": "Twice"}).status_code == 302
    event.refresh_from_db()
    assert (event.title, event.version) == ("Twice", 3)


def test_a_form_without_its_version_is_refused(db, root_admin):
    event = f.EventFactory(curation_status=m.CurationStatus.DRAFT)
    url = _change_url(event)
    data = form_data(root_admin.get(url))
    del data["seen_version"]
    response = root_admin.post(url, {**data, "title": "Blind write"})
    assert response.status_code == 200
    event.refresh_from_db()
    assert event.title != "Blind write"


def test_publishing_between_open_and_save_makes_the_form_stale(db, root_admin, bob):
    """A workflow action bumps the version too: an edit cannot undo a publication."""
    event = f.EventFactory(curation_status=m.CurationStatus.DRAFT)
    f.CitationFactory(event=event)
    url = _change_url(event)
    data = form_data(root_admin.get(url))
    curation.record_publish(record=event, actor=bob)
    response = root_admin.post(url, {**data, "title": "Edited after publication"})
    assert response.status_code == 200
    event.refresh_from_db()
    assert event.curation_status == m.CurationStatus.PUBLISHED
    assert event.title != "Edited after publication"

