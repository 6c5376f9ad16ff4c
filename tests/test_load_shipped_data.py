"""manage.py load_shipped_data: setup adds the shipped data where it is missing and never
reverts curation; a second run adds nothing."""

from __future__ import annotations

import io
import json
from collections import Counter
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command

from diplomacy import models as m
from tests.test_release import BAKU_VISIT, SAAR_ALIYEV_MEETING, row_counts

pytestmark = pytest.mark.django_db
FIXTURES = sorted(Path(settings.BASE_DIR, "fixtures").glob("*.json"))


def _load() -> str:
    out = io.StringIO()
    call_command("load_shipped_data", stdout=out)
    return out.getvalue()


def test_an_empty_database_gets_every_shipped_object_with_a_first_history_entry():
    expected = Counter(entry["model"] for path in FIXTURES
                       for entry in json.loads(path.read_text(encoding="utf-8")))

    assert f"{sum(expected.values())} added" in _load()

    for label, count in expected.items():
        assert apps.get_model(label)._base_manager.count() == count, label
    history = m.Event.history.all()
    assert history.count() == m.Event.objects.count()
    assert set(history.values_list("history_type", "history_user__username",
                                   "history_change_reason")) == {("+", "system", "shipped data")}
    # The derived rows of the events it added are there, as refresh_derived makes them.
    derived = row_counts()
    call_command("refresh_derived", stdout=io.StringIO())
    assert row_counts() == derived and derived["diplomacy_eventcountry"] > 0


def test_running_it_again_adds_nothing():
    _load()
    before = row_counts()

    assert "0 added" in _load()

    assert row_counts() == before


def test_a_curators_edit_and_a_retraction_survive_running_it_again():
    _load()
    m.Event.objects.filter(uid=SAAR_ALIYEV_MEETING).update(title="Edited by a curator")
    m.Event.objects.filter(uid=BAKU_VISIT).update(curation_status="retracted",
                                                  retraction_reason="Wrong date")
    m.EventParticipant.objects.filter(event__uid=SAAR_ALIYEV_MEETING).delete()

    out = _load()

    assert "0 added" in out and "0 kept" not in out
    assert m.Event.objects.get(uid=SAAR_ALIYEV_MEETING).title == "Edited by a curator"
    assert not m.EventParticipant.objects.filter(event__uid=SAAR_ALIYEV_MEETING).exists()
    baku = m.Event.objects.get(uid=BAKU_VISIT)
    assert (baku.curation_status, baku.retraction_reason) == ("retracted", "Wrong date")


def test_a_record_deleted_here_comes_back():
    _load()
    source = m.Source.objects.filter(citations__isnull=True).first() or m.Source.objects.first()
    m.Citation.objects.filter(source=source).delete()
    source.delete()

    _load()

    assert m.Source.objects.filter(uid=source.uid).exists()
