"""manage.py import_release: verify a release folder, then load it all or nothing.

Each test writes a release of the shipped seed, empties the database (inside the
test's savepoint) so that any stray write would show, and imports. A refused
import must leave every diplomacy table exactly as it was.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from diplomacy import models as m
from diplomacy.services.derived import events_refresh
from diplomacy.services.releases import ReleaseError, release_import, release_write
from tests.test_release import (
    SAAR_ALIYEV_MEETING,
    assert_same_files,
    csv_rows,
    empty_database,
    reseal,
    row_counts,
)

pytestmark = pytest.mark.usefixtures("seed_data")


@pytest.fixture
def release(tmp_path) -> Path:
    """A release of the seed, with the database emptied afterwards."""
    release_write(out_dir=tmp_path / "release", version="1.0")
    empty_database()
    return tmp_path / "release"


def _refused(release: Path, pattern: str) -> ReleaseError:
    before = row_counts()
    with pytest.raises(ReleaseError, match=pattern) as caught:
        release_import(release_dir=release)
    assert row_counts() == before, "a refused import wrote something"
    return caught.value


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _row_of(path: Path, column: str, value: str) -> int:
    """The row number (header = row 1) of the first row whose ``column`` is ``value``."""
    return next(n for n, row in enumerate(csv_rows(path), start=2) if row[column] == value)


# --- Loading ----------------------------------------------------------------------------------

def test_import_into_an_empty_database_then_release_again_gives_the_same_files(release,
                                                                              tmp_path):
    summary = release_import(release_dir=release)
    # The imported release's version is recorded with its checksum, so releasing the same
    # version again is allowed only because the files come out identical.
    release_write(out_dir=tmp_path / "again", version="1.0")

    assert_same_files(release, tmp_path / "again")
    assert summary.version == "1.0" and summary.recorded
    assert summary.counts["events"] == 14
    assert summary.objects == len(json.loads((release / "fixture.json").read_text()))


def test_import_records_the_release_and_starts_the_history(release):
    release_import(release_dir=release)

    recorded = m.Release.objects.get(version="1.0")
    assert recorded.record_count == 15
    history = m.Event.history.filter(history_change_reason="import of release 1.0")
    assert history.count() == 14
    assert {h.history_type for h in history} == {"+"}
    assert {h.history_date for h in history} == {recorded.released_at}
    # Every row written names who imported: the system account unless --user says.
    assert {h.history_user.username for h in history} == {"system"}
    meeting = history.get(uid=SAAR_ALIYEV_MEETING)
    assert {link.topic_id for link in meeting.topics.all()} == {
        "diplomacy", "economy", "energy", "religion", "tourism", "trade"}
    assert m.Agreement.history.filter(history_change_reason="import of release 1.0").count() == 1
    for model in (m.EventParticipant, m.Citation, m.Person, m.Organisation, m.Source):
        rows = model.history.all()
        assert rows.count() == model.objects.count() > 0
        assert set(rows.values_list("history_change_reason", "history_user__username")) == {
            ("import of release 1.0", "system")}


def test_import_builds_the_derived_rows_of_the_events_it_adds(release):
    release_import(release_dir=release)

    # Each event's intensity copy (written with the row) and its derived rows, as a full
    # refresh would build them.
    events = m.Event.objects.select_related("cameo")
    assert [e.sort_intensity for e in events] == [e.cameo.goldstein if e.cameo_id else None
                                                  for e in events]
    tables = (m.EventCountry, m.EventPair, m.EventDirectedPair, m.EventText)
    imported = {model: sorted(model.objects.values_list(*_derived_columns(model)))
                for model in tables}
    assert imported[m.EventText] and imported[m.EventCountry]
    events_refresh()
    assert {model: sorted(model.objects.values_list(*_derived_columns(model)))
            for model in tables} == imported


@pytest.mark.skipif(connection.vendor != "postgresql", reason="planner statistics: PostgreSQL")
def test_import_gives_the_tables_it_loaded_fresh_planner_statistics(release):
    release_import(release_dir=release)

    # ANALYZE counts the rows (all of them, in tables this small) in pg_class.reltuples.
    for model in (m.Event, m.EventParticipant, m.Event.history.model, m.EventCountry):
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s",
                           [model._meta.db_table])
            (estimate,) = cursor.fetchone()
        assert estimate == model.objects.count() > 0, model


def _derived_columns(model) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields if f.attname != "id"]


def test_importing_the_same_release_twice_changes_nothing(release):
    release_import(release_dir=release)
    before = row_counts()

    again = release_import(release_dir=release)

    assert row_counts() == before
    assert (again.created, again.updated, again.recorded) == (0, 0, False)
    assert again.unchanged == again.objects and again.differing == ()


def test_a_version_recorded_with_other_contents_is_refused(release):
    m.Release.objects.create(version="1.0", released_at="2026-01-01T00:00Z", checksum="0" * 64)
    _refused(release, r"datapackage.json: field version: release 1.0 is already recorded")


# --- Checksums --------------------------------------------------------------------------------

def test_one_changed_byte_is_refused_naming_the_file(release):
    path = release / "data/people.csv"
    data = bytearray(path.read_bytes())
    data[-3] = ord("X") if data[-3] != ord("X") else ord("Y")
    path.write_bytes(bytes(data))

    error = _refused(release, r"^data/people.csv: checksum mismatch")
    assert "nothing was imported" in str(error)


def test_a_missing_file_is_refused(release):
    (release / "data/tenures.csv").unlink()
    _refused(release, r"^data/tenures.csv: missing from the release")


def test_a_missing_file_is_refused_even_when_resealed(release):
    (release / "data/tenures.csv").unlink()
    reseal(release)
    _refused(release, r"^data/tenures.csv: missing from the release")


def test_a_missing_checksum_file_is_refused(release):
    (release / "SHA256SUMS").unlink()
    _refused(release, r"^SHA256SUMS: missing")


def test_an_unlisted_file_is_refused(release):
    (release / "data/extra.csv").write_text("id\n1\n")
    _refused(release, r"^data/extra.csv: not listed in SHA256SUMS")


def test_a_path_outside_the_folder_is_refused(release):
    with (release / "SHA256SUMS").open("a") as handle:
        handle.write(f"{'0' * 64}  ../elsewhere.csv\n")
    _refused(release, r"SHA256SUMS: line \d+: path '../elsewhere.csv' is not inside")


# --- Tables -----------------------------------------------------------------------------------

def test_a_truncated_csv_is_refused_naming_file_row_and_field(release):
    path = release / "data/events.csv"
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    reseal(release)

    error = _refused(release, r"^data/events.csv: row \d+, field \w+: truncated")
    assert "nothing was imported" in str(error)


def test_a_row_cut_at_a_line_end_is_refused_naming_the_missing_field(release):
    path = release / "data/people.csv"
    lines = path.read_text().splitlines(keepends=True)
    lines[2] = lines[2].rsplit(",", 2)[0] + "\n"  # drop the last two fields of row 3
    path.write_text("".join(lines))
    reseal(release)

    _refused(release, r"^data/people.csv: row 3, field nationality: missing \(the row has 3 of 5")


def test_an_unknown_enumerated_value_is_refused_naming_file_row_and_field(release):
    path = release / "data/events.csv"
    row = _row_of(path, "id", SAAR_ALIYEV_MEETING)
    _edit(path, f"{SAAR_ALIYEV_MEETING},meeting,", f"{SAAR_ALIYEV_MEETING},summit,")
    reseal(release)

    _refused(release, rf"^data/events.csv: row {row}, field kind: 'summit' is not one of: "
                      r"meeting, visit")


def test_a_malformed_date_is_refused(release):
    path = release / "data/tenures.csv"
    row = _row_of(path, "id", "tn-qwkwr6rp")
    _edit(path, "tn-qwkwr6rp,gideon-saar,isr-minister-of-foreign-affairs,2024-11-01",
          "tn-qwkwr6rp,gideon-saar,isr-minister-of-foreign-affairs,2024-13-01")
    reseal(release)

    _refused(release, rf"^data/tenures.csv: row {row}, field start_date: '2024-13-01' is not "
                      r"a date")


def test_a_missing_required_value_is_refused(release):
    path = release / "data/events.csv"
    row = _row_of(path, "id", SAAR_ALIYEV_MEETING)
    _edit(path, f"{SAAR_ALIYEV_MEETING},meeting,", f"{SAAR_ALIYEV_MEETING},,")
    reseal(release)

    _refused(release, rf"^data/events.csv: row {row}, field kind: a value is required")


def test_a_dangling_reference_is_refused(release):
    path = release / "data/participants.csv"
    _edit(path, ",gideon-saar,", ",nobody-at-all,")
    reseal(release)

    _refused(release, r"^data/participants.csv: row \d+, field actor_person: 'nobody-at-all' "
                      r"is not in people")


def test_a_changed_header_is_refused(release):
    path = release / "data/people.csv"
    _edit(path, "id,name,sort_name", "id,full_name,sort_name")
    reseal(release)

    _refused(release, r"^data/people.csv: row 1 \(header\), field name: found 'full_name'")


def test_a_changed_schema_is_refused(release):
    path = release / "datapackage.json"
    package = json.loads(path.read_text())
    events = next(r for r in package["resources"] if r["name"] == "events")
    next(fld for fld in events["schema"]["fields"] if fld["name"] == "date")["type"] = "string"
    path.write_text(json.dumps(package))
    reseal(release)

    _refused(release, r"^datapackage.json: resource events, field date: does not match")


# --- The fixture ------------------------------------------------------------------------------

def _fixture(release: Path) -> tuple[Path, list[dict]]:
    path = release / "fixture.json"
    return path, json.loads(path.read_text())


def _event_index(objects: list[dict], uid: str) -> int:
    return next(i for i, obj in enumerate(objects)
                if obj["model"] == "diplomacy.event" and obj["fields"]["uid"] == uid)


def test_a_fixture_disagreeing_with_the_csv_is_refused(release):
    path, objects = _fixture(release)
    objects[_event_index(objects, SAAR_ALIYEV_MEETING)]["fields"]["title"] = "Forged"
    path.write_text(json.dumps(objects))
    reseal(release)
    row = _row_of(release / "data/events.csv", "id", SAAR_ALIYEV_MEETING)

    _refused(release, rf"^data/events.csv: row {row}, field title: .* but fixture.json says "
                      r"'Forged'")


def test_an_invalid_fixture_value_is_refused_naming_object_and_field(release):
    path, objects = _fixture(release)
    index = _event_index(objects, SAAR_ALIYEV_MEETING)
    objects[index]["fields"]["date_precision"] = "decade"
    path.write_text(json.dumps(objects))
    reseal(release)

    _refused(release, rf"^fixture.json object {index + 1} \(diplomacy.event {SAAR_ALIYEV_MEETING}"
                      r"\), field date_precision: 'decade' is not an allowed value")


def test_a_fixture_breaking_a_constraint_is_refused_naming_the_object(release):
    path, objects = _fixture(release)
    index = _event_index(objects, SAAR_ALIYEV_MEETING)
    objects[index]["fields"]["date_end"] = "2026-01-01"  # before its date
    path.write_text(json.dumps(objects))
    reseal(release)

    _refused(release, rf"^fixture.json object {index + 1} \(diplomacy.event {SAAR_ALIYEV_MEETING}"
                      r"\): .*event_date_end_not_before_date")


def test_a_draft_in_the_fixture_is_refused(release):
    path, objects = _fixture(release)
    index = _event_index(objects, SAAR_ALIYEV_MEETING)
    objects[index]["fields"]["curation_status"] = "draft"
    path.write_text(json.dumps(objects))
    reseal(release)

    _refused(release, rf"^fixture.json object {index + 1} .*field curation_status: 'draft'; a "
                      r"release holds published records only")


def test_a_foreign_model_in_the_fixture_is_refused(release):
    path, objects = _fixture(release)
    objects.append({"model": "auth.user", "fields": {"username": "mallory"}})
    path.write_text(json.dumps(objects))
    reseal(release)

    _refused(release, rf"^fixture.json object {len(objects)}: model 'auth.user' is not part")


# --- The command ------------------------------------------------------------------------------

class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_command_prints_only_the_summary_when_not_on_a_terminal(release):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_release", str(release), stdout=out, stderr=err)

    # Every object has history now, countries, CAMEO codes and topics included.
    assert out.getvalue().splitlines() == [
        "Imported release 1.0: 175 objects (175 new, 0 unchanged, 0 updated, 0 differing "
        "left alone)"]
    assert err.getvalue() == ""


def test_command_shows_progress_on_a_terminal(release):
    out, err = io.StringIO(), _Terminal()
    call_command("import_release", str(release), stdout=out, stderr=err)

    assert "SHA256SUMS: 24 files verified" in err.getvalue()
    assert "data/events.csv: 14 rows valid" in err.getvalue()


def test_command_refuses_with_the_message(release):
    (release / "data/tenures.csv").unlink()
    before = row_counts()

    with pytest.raises(CommandError, match=r"data/tenures.csv: missing from the release"):
        call_command("import_release", str(release), stdout=io.StringIO(),
                     stderr=io.StringIO())
    assert row_counts() == before
