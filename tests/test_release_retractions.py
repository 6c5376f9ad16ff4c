"""A release carries the retractions it reports: release → import into an empty database
→ release again gives the same files, CHANGES.md with the reason included."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from diplomacy import models as m
from diplomacy.services.releases import release_import, release_write
from tests.test_release import RABBINICAL_CANCELLATION, assert_same_files, empty_database

pytestmark = pytest.mark.usefixtures("seed_data")
REASON = "The source does not support a cancellation."


def _retract(uid: str) -> None:
    event = m.Event.objects.get(uid=uid)
    event.curation_status = m.CurationStatus.RETRACTED
    event.retraction_reason = REASON
    event.save()


@pytest.fixture
def releases(tmp_path) -> tuple[Path, Path]:
    release_write(out_dir=tmp_path / "v1", version="1.0")
    _retract(RABBINICAL_CANCELLATION)
    release_write(out_dir=tmp_path / "v2", version="1.1", previous_dir=tmp_path / "v1")
    return tmp_path / "v1", tmp_path / "v2"


def test_the_release_carries_the_retraction_with_status_and_reason(releases):
    _, v2 = releases
    objects = json.loads((v2 / "fixture.json").read_text(encoding="utf-8"))
    (carried,) = [o for o in objects if o["model"] == "diplomacy.event"
                  and o["fields"]["uid"] == RABBINICAL_CANCELLATION]
    assert (carried["fields"]["curation_status"], carried["fields"]["retraction_reason"]) == (
        "retracted", REASON)
    assert carried["fields"]["about_people"] == [] and carried["fields"]["occasion"] is None
    # The CSVs hold published records only.
    assert RABBINICAL_CANCELLATION not in (v2 / "data/events.csv").read_text()
    assert f"- `{RABBINICAL_CANCELLATION}`: retracted: {REASON}" in (
        v2 / "CHANGES.md").read_text()


def test_release_import_release_is_identical_with_the_retraction(releases, tmp_path):
    v1, v2 = releases
    empty_database()

    release_import(release_dir=v2)
    event = m.Event.objects.get(uid=RABBINICAL_CANCELLATION)
    assert (event.curation_status, event.retraction_reason) == ("retracted", REASON)
    release_write(out_dir=tmp_path / "again", version="1.1", previous_dir=v1)

    assert_same_files(v2, tmp_path / "again")


def test_a_later_release_without_it_says_the_record_is_no_longer_published(tmp_path):
    release_write(out_dir=tmp_path / "v1", version="1.0")
    m.Event.objects.filter(uid=RABBINICAL_CANCELLATION).update(curation_status="draft")
    release_write(out_dir=tmp_path / "v2", version="1.1", previous_dir=tmp_path / "v1")

    changes = (tmp_path / "v2" / "CHANGES.md").read_text()
    assert f"- `{RABBINICAL_CANCELLATION}`: no longer published" in changes
    assert "draft" not in (tmp_path / "v2" / "fixture.json").read_text()


def test_a_carried_retraction_is_applied_only_with_update(releases):
    _, v2 = releases
    m.Release.objects.filter(version="1.1").delete()
    m.Event.objects.filter(uid=RABBINICAL_CANCELLATION).update(curation_status="published",
                                                               retraction_reason="")
    links = m.EventParticipant.objects.filter(event__uid=RABBINICAL_CANCELLATION).count()

    summary = release_import(release_dir=v2)
    assert f"diplomacy.event {RABBINICAL_CANCELLATION}" in summary.differing
    assert m.Event.objects.get(uid=RABBINICAL_CANCELLATION).curation_status == "published"

    release_import(release_dir=v2, update=True)
    event = m.Event.objects.get(uid=RABBINICAL_CANCELLATION)
    assert (event.curation_status, event.retraction_reason) == ("retracted", REASON)
    # Only the status and reason travel: the record's own rows and links stay.
    assert m.EventParticipant.objects.filter(event=event).count() == links
