"""Importing never clobbers: what is new is added, what exists here and differs is
reported and left alone unless --update, a local draft keeps its status, and every
written row's history names the importing user and the release."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from diplomacy import models as m
from diplomacy.services.releases import ReleaseError, release_import, release_write
from tests.test_release import BAKU_VISIT, SAAR_ALIYEV_MEETING, reseal, row_counts

pytestmark = pytest.mark.usefixtures("seed_data")
REASON = "import of release 1.0"


@pytest.fixture
def release(tmp_path) -> Path:
    """A release of the seed; the database keeps the seed (every record exists here)."""
    release_write(out_dir=tmp_path / "release", version="1.0")
    m.Release.objects.all().delete()  # as if written by another installation
    return tmp_path / "release"


def _retitle_in_release(release: Path, uid: str, title: str) -> None:
    """Change an event's title in both fixture and CSV and reseal: a valid release."""
    old = m.Event.objects.get(uid=uid).title
    for name in ("fixture.json", "data/events.csv"):
        path = release / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) >= 1
        path.write_text(text.replace(old, title), encoding="utf-8")
    reseal(release)


def test_the_same_data_imports_as_unchanged(release):
    before = row_counts()
    summary = release_import(release_dir=release)
    after = row_counts()
    after.pop("diplomacy_release")
    before.pop("diplomacy_release")
    assert after == before
    assert (summary.created, summary.updated, summary.differing) == (0, 0, ())
    assert summary.unchanged == summary.objects


def test_a_locally_edited_record_is_reported_and_left_alone(release):
    m.Event.objects.filter(uid=SAAR_ALIYEV_MEETING).update(title="Edited locally")
    history = m.Event.history.count()

    summary = release_import(release_dir=release)

    assert summary.differing == (f"diplomacy.event {SAAR_ALIYEV_MEETING}",)
    assert m.Event.objects.get(uid=SAAR_ALIYEV_MEETING).title == "Edited locally"
    assert m.Event.history.count() == history


def test_a_changed_release_never_retitles_a_published_record(release):
    _retitle_in_release(release, SAAR_ALIYEV_MEETING, "Forged but resealed")
    title = m.Event.objects.get(uid=SAAR_ALIYEV_MEETING).title

    summary = release_import(release_dir=release)

    assert f"diplomacy.event {SAAR_ALIYEV_MEETING}" in summary.differing
    assert m.Event.objects.get(uid=SAAR_ALIYEV_MEETING).title == title


def test_a_changed_release_never_publishes_a_local_draft(release):
    m.Event.objects.filter(uid=BAKU_VISIT).update(curation_status="draft")

    summary = release_import(release_dir=release)

    assert f"diplomacy.event {BAKU_VISIT}" in summary.differing
    assert m.Event.objects.get(uid=BAKU_VISIT).curation_status == "draft"


def test_update_overwrites_with_history_naming_user_and_release(release, bob):
    m.Event.objects.filter(uid=SAAR_ALIYEV_MEETING).update(title="Edited locally")
    version = m.Event.objects.get(uid=SAAR_ALIYEV_MEETING).version

    summary = release_import(release_dir=release, user=bob, update=True)

    event = m.Event.objects.get(uid=SAAR_ALIYEV_MEETING)
    assert event.title.startswith("Gideon Sa'ar meets")
    assert event.version == version + 1
    assert summary.updated_records == (f"diplomacy.event {SAAR_ALIYEV_MEETING}",)
    last = m.Event.history.filter(uid=SAAR_ALIYEV_MEETING).latest("history_id")
    assert (last.history_type, last.history_user, last.history_change_reason) == (
        "~", bob, REASON)


def test_update_never_changes_a_local_drafts_status(release):
    m.Event.objects.filter(uid=BAKU_VISIT).update(curation_status="draft", title="Draft title")

    release_import(release_dir=release, update=True)

    event = m.Event.objects.get(uid=BAKU_VISIT)
    assert event.curation_status == "draft"
    assert event.title != "Draft title"  # the rest of the record was updated


def test_rows_of_a_differing_record_are_not_added(release):
    event = m.Event.objects.get(uid=SAAR_ALIYEV_MEETING)
    participants = event.participants.count()
    event.participants.all().delete()
    m.Event.objects.filter(pk=event.pk).update(title="Edited locally")

    summary = release_import(release_dir=release)

    assert event.participants.count() == 0
    assert sum(label.startswith("diplomacy.eventparticipant") for label in summary.differing
               ) == participants


def test_a_csv_disagreeing_with_the_fixture_is_refused_even_for_a_record_left_alone(release):
    # The CSVs are checked against the fixture itself, not against this database: a
    # record that differs here (and so is left alone) is no exception.
    released = m.Event.objects.get(uid=SAAR_ALIYEV_MEETING).title
    m.Event.objects.filter(uid=SAAR_ALIYEV_MEETING).update(title="Edited locally")
    path = release / "data/events.csv"
    text = path.read_text(encoding="utf-8")
    assert text.count(released) == 1
    path.write_text(text.replace(released, "Forged in the CSV only"), encoding="utf-8")
    reseal(release)
    before = row_counts()

    with pytest.raises(ReleaseError, match=r"^data/events.csv: row \d+, field title: "
                                           r"'Forged in the CSV only' but fixture.json says"):
        release_import(release_dir=release)

    assert row_counts() == before
    assert m.Event.objects.get(uid=SAAR_ALIYEV_MEETING).title == "Edited locally"


def test_a_missing_record_is_added_with_history_naming_the_user(release, alice):
    source = m.Source.objects.filter(citations__isnull=False).first()
    citations = source.citations.count()
    source.citations.all().delete()
    source.delete()

    summary = release_import(release_dir=release, user=alice)

    added = m.Source.objects.get(uid=source.uid)
    assert summary.created == 1 + citations and summary.differing == ()
    (entry,) = m.Source.history.filter(uid=source.uid, history_change_reason=REASON)
    assert (entry.history_type, entry.history_user) == ("+", alice)
    assert set(m.Citation.history.filter(source_id=added.pk).values_list(
        "history_user__username", "history_change_reason")) == {("alice", REASON)}


def test_command_lists_the_records_left_alone(release, bob):
    m.Event.objects.filter(uid=SAAR_ALIYEV_MEETING).update(title="Edited locally")
    out = io.StringIO()

    call_command("import_release", str(release), "--user", "bob", stdout=out,
                 stderr=io.StringIO())

    assert f"differs here, left alone: diplomacy.event {SAAR_ALIYEV_MEETING}" in out.getvalue()
    assert "1 differing left alone" in out.getvalue()


def test_command_refuses_an_unknown_user(release):
    with pytest.raises(CommandError, match="--user nobody: no such user"):
        call_command("import_release", str(release), "--user", "nobody",
                     stdout=io.StringIO(), stderr=io.StringIO())
