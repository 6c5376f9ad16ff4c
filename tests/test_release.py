"""manage.py release: the release folder of the published records.

Every test runs on the shipped seed (14 published events, one published agreement).
Tests that need an empty database delete every diplomacy row inside the test; the
deletion is rolled back with the test's savepoint.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from diplomacy import models as m
from diplomacy.services.releases import (
    TABLES,
    ReleaseError,
    codebook_markdown,
    release_selection,
    release_write,
)
from diplomacy.services.releases.contents import INCLUDED
from diplomacy.services.roles import ACTING_ROLES, DYAD_PARTNERS, RECEIVING_ROLES
from tests import factories as f

pytestmark = pytest.mark.usefixtures("seed_data")

SEED_ROWS = {
    "events": 14, "statements": 5, "participants": 29, "event_relations": 4,
    "agreements": 1, "agreement_parties": 1, "exchanges": 2, "sources": 7, "citations": 23,
    "people": 4, "person_aliases": 20, "organisations": 9, "organisation_aliases": 24,
    "posts": 4, "tenures": 4, "countries": 5, "cameo_codes": 14, "topics": 10,
}
RELEASE_FILES = {
    "fixture.json", "datapackage.json", "CODEBOOK.md", "CHANGES.md", "SHA256SUMS",
    "events.plover.jsonl", "events.icews.tsv", *(table.path for table in TABLES),
}
SAAR_ALIYEV_MEETING = "ev-w733d3pf"
BAKU_VISIT = "ev-s44tte2r"
RABBINICAL_CANCELLATION = "ev-3gvpjbzr"


# --- Helpers shared with test_import_release ---------------------------------------------------

def folder_files(path: Path) -> dict[str, bytes]:
    return {p.relative_to(path).as_posix(): p.read_bytes()
            for p in sorted(path.rglob("*")) if p.is_file()}


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def reseal(path: Path) -> None:
    """Rewrite SHA256SUMS for the folder as it is now, as a forger would."""
    files = {k: v for k, v in folder_files(path).items() if k != "SHA256SUMS"}
    (path / "SHA256SUMS").write_text("".join(
        f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in sorted(files.items())
    ))


def diplomacy_tables() -> list[str]:
    return [model._meta.db_table
            for model in apps.get_app_config("diplomacy").get_models(include_auto_created=True)]


def empty_database() -> None:
    """Delete every diplomacy row, history and releases included: an empty migrated
    database. Foreign keys are deferred on both backends, so order does not matter."""
    with connection.cursor() as cursor:
        for table in diplomacy_tables():
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608


def row_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in diplomacy_tables():
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def _country(iso3: str) -> m.Country:
    return m.Country.objects.get(iso3=iso3)


def assert_same_files(a: Path, b: Path) -> None:
    first, second = folder_files(a), folder_files(b)
    assert sorted(first) == sorted(second)
    for name in first:
        assert first[name] == second[name], f"{name} differs"


# --- Contents ---------------------------------------------------------------------------------

def test_release_of_the_seed_has_every_file_and_row(tmp_path):
    summary = release_write(out_dir=tmp_path / "r", version="1.0")

    assert set(folder_files(tmp_path / "r")) == RELEASE_FILES
    assert summary.counts == SEED_ROWS
    for table in TABLES:
        assert len(csv_rows(tmp_path / "r" / table.path)) == SEED_ROWS[table.name]
    release = m.Release.objects.get(version="1.0")
    assert release.record_count == summary.record_count == 15
    sums = (tmp_path / "r" / "SHA256SUMS").read_bytes()
    assert release.checksum == summary.checksum == hashlib.sha256(sums).hexdigest()


def test_sha256sums_lists_every_other_file_sorted_in_sha256sum_format(tmp_path):
    release_write(out_dir=tmp_path / "r", version="1.0")
    files = folder_files(tmp_path / "r")
    lines = files["SHA256SUMS"].decode().splitlines()

    paths = [line.split("  ", 1)[1] for line in lines]
    assert paths == sorted(RELEASE_FILES - {"SHA256SUMS"})
    for line in lines:
        digest, name = line.split("  ", 1)
        assert hashlib.sha256(files[name]).hexdigest() == digest


@pytest.mark.skipif(not shutil.which("sha256sum"), reason="needs coreutils' sha256sum")
def test_sha256sum_accepts_the_checksums(tmp_path):
    release_write(out_dir=tmp_path / "r", version="1.0")
    subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=tmp_path / "r",  # noqa: S607
                   check=True, capture_output=True)


def test_csv_conventions(tmp_path):
    release_write(out_dir=tmp_path / "r", version="1.0")
    raw = (tmp_path / "r" / "data/events.csv").read_bytes()
    events = {row["id"]: row for row in csv_rows(tmp_path / "r" / "data/events.csv")}
    tenures = {row["id"]: row for row in csv_rows(tmp_path / "r" / "data/tenures.csv")}

    assert b"\r\n" not in raw.replace(b'\r\n"', b"")  # rows end in \n
    assert list(events) == sorted(events)  # sorted by primary key
    meeting = events[SAAR_ALIYEV_MEETING]
    assert meeting["date"] == "2026-01-26" and meeting["date_precision"] == "day"
    assert meeting["approximate"] == "true"
    assert meeting["topics"] == "diplomacy;economy;energy;religion;tourism;trade"
    assert meeting["cameo_code"] == "040"
    saar = tenures["tn-qwkwr6rp"]
    assert (saar["start_date"], saar["start_precision"]) == ("2024-11-01", "month")
    # An unknown end has no precision either.
    assert (saar["end_date"], saar["end_precision"]) == ("", "")
    codes = {row["code"]: row for row in csv_rows(tmp_path / "r" / "data/cameo_codes.csv")}
    assert codes["042"]["goldstein"] == "1.9" and codes["04"]["goldstein"] == "1.0"


def test_statements_table_holds_the_statement_columns(tmp_path):
    release_write(out_dir=tmp_path / "r", version="1.0")
    statements = {row["event"]: row for row in csv_rows(tmp_path / "r/data/statements.csv")}

    assert set(statements) == set(
        m.Event.objects.filter(kind="statement").values_list("uid", flat=True))
    massacre = statements["ev-sfftmw0b"]
    assert massacre["speaker_person"] == "gideon-saar"
    assert massacre["speaker_post"] == "isr-minister-of-foreign-affairs"
    assert massacre["about_countries"] == "IRN"
    assert massacre["medium"] == "press_conference"
    assert massacre["occasion"] == "ev-pqvehdb8"


def test_drafts_and_retracted_records_never_reach_the_files(tmp_path):
    # A draft event names a person nobody published refers to; a retracted event names
    # another. A published statement was made at the draft event, and a relation links a
    # published event to the draft.
    draft = f.EventFactory(uid="ev-draft001", curation_status=m.CurationStatus.DRAFT)
    f.ParticipantFactory(event=draft, actor_country=None, country=None,
                         actor_person=f.PersonFactory(slug="only-in-a-draft",
                                                      nationality=_country("ISR")))
    retracted = f.EventFactory(uid="ev-retract1", curation_status=m.CurationStatus.RETRACTED,
                               retraction_reason="Duplicate entry.")
    f.ParticipantFactory(event=retracted, actor_country=None, country=None,
                         actor_person=f.PersonFactory(slug="only-in-a-retraction",
                                                         nationality=_country("AZE")))
    f.AgreementFactory(uid="ag-draft001", curation_status=m.CurationStatus.DRAFT,
                       first_party=_country("AZE"), second_party=_country("ISR"))
    statement = m.Event.objects.get(uid="ev-sfftmw0b")
    statement.occasion = draft
    statement.save()
    m.EventRelation.objects.create(from_event=draft, to_event_id=statement.pk, kind="follows")

    release_write(out_dir=tmp_path / "r", version="1.0")
    everything = b"".join(folder_files(tmp_path / "r").values())

    for secret in (b"ev-draft001", b"ev-retract1", b"ag-draft001", b"only-in-a-draft",
                   b"only-in-a-retraction", b"Duplicate entry."):
        assert secret not in everything
    statements = {row["event"]: row for row in csv_rows(tmp_path / "r/data/statements.csv")}
    assert statements["ev-sfftmw0b"]["occasion"] == ""  # the link to a draft is left empty


def test_referenced_organisations_include_their_parents(tmp_path):
    ministry = f.OrganisationFactory(slug="parent-ministry", country=_country("ISR"))
    embassy = m.Organisation.objects.get(slug="israeli-embassy-baku")
    embassy.parent = ministry
    embassy.save()

    release_write(out_dir=tmp_path / "r", version="1.0")
    organisations = {row["id"]: row for row in csv_rows(tmp_path / "r/data/organisations.csv")}

    assert organisations["israeli-embassy-baku"]["parent"] == "parent-ministry"
    assert "parent-ministry" in organisations


# --- Determinism and round trips --------------------------------------------------------------

def test_releasing_twice_gives_byte_identical_folders(tmp_path):
    first = release_write(out_dir=tmp_path / "a", version="1.0")
    # The same version again is allowed because the folder is the same.
    second = release_write(out_dir=tmp_path / "b", version="1.0")

    assert_same_files(tmp_path / "a", tmp_path / "b")
    assert first.recorded and not second.recorded
    assert m.Release.objects.filter(version="1.0").count() == 1


def test_loading_the_fixture_into_an_empty_database_and_releasing_again_gives_the_same_files(
        tmp_path):
    release_write(out_dir=tmp_path / "a", version="1.0")
    empty_database()
    assert m.Event.objects.count() == m.Country.objects.count() == 0

    call_command("loaddata", str(tmp_path / "a" / "fixture.json"), verbosity=0)
    release_write(out_dir=tmp_path / "b", version="1.0")

    assert_same_files(tmp_path / "a", tmp_path / "b")


@pytest.mark.once
def test_a_fresh_sqlite_database_gives_the_same_files(tmp_path):
    """The release does not depend on the database: a separate SQLite database loaded with
    the shipped fixtures (in a subprocess) writes what this test database writes, be it
    SQLite or PostgreSQL."""
    release_write(out_dir=tmp_path / "here", version="1.0")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}"}
    manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
    fixtures = sorted(str(p) for p in Path(settings.BASE_DIR, "fixtures").glob("*.json"))
    for args in (["migrate", "-v0"], ["loaddata", "-v0", *fixtures],
                 ["release", str(tmp_path / "there"), "--version", "1.0"]):
        subprocess.run([*manage, *args], env=env, check=True, capture_output=True,  # noqa: S603
                       cwd=settings.BASE_DIR)

    assert_same_files(tmp_path / "here", tmp_path / "there")


# --- Refusals ---------------------------------------------------------------------------------

def test_an_existing_version_with_other_contents_is_refused(tmp_path):
    release_write(out_dir=tmp_path / "a", version="1.0")
    m.Event.objects.filter(uid=SAAR_ALIYEV_MEETING).update(title="Retitled")

    with pytest.raises(ReleaseError, match=r"version 1\.0: already released with different"):
        release_write(out_dir=tmp_path / "b", version="1.0")
    assert not (tmp_path / "b").exists()


@pytest.mark.parametrize("version", ["", "1 0", "../x", "-1", "v" * 41])
def test_a_bad_version_is_refused(tmp_path, version):
    with pytest.raises(ReleaseError, match="version"):
        release_write(out_dir=tmp_path / "r", version=version)
    assert not m.Release.objects.exists()


def test_an_existing_folder_with_files_is_refused(tmp_path):
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "notes.txt").write_text("mine")

    with pytest.raises(ReleaseError, match="not an empty folder"):
        release_write(out_dir=tmp_path / "r", version="1.0")
    assert not m.Release.objects.exists()


def test_an_empty_existing_folder_is_used(tmp_path):
    (tmp_path / "r").mkdir()
    release_write(out_dir=tmp_path / "r", version="1.0")
    assert set(folder_files(tmp_path / "r")) == RELEASE_FILES


# --- The data package and the codebook ---------------------------------------------------------

def test_frictionless_validates_the_data_package(tmp_path):
    frictionless = pytest.importorskip("frictionless")
    release_write(out_dir=tmp_path / "r", version="1.0")

    report = frictionless.validate(str(tmp_path / "r" / "datapackage.json"))

    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert len(report.tasks) == len(TABLES)


def test_frictionless_notices_a_broken_foreign_key(tmp_path):
    """The foreign keys in datapackage.json are real: a dangling reference fails."""
    frictionless = pytest.importorskip("frictionless")
    release_write(out_dir=tmp_path / "r", version="1.0")
    path = tmp_path / "r" / "data/participants.csv"
    path.write_text(path.read_text().replace("gideon-saar", "nobody-at-all", 1))

    report = frictionless.validate(str(tmp_path / "r" / "datapackage.json"))

    assert not report.valid
    assert "foreign-key" in {error[0] for error in report.flatten(["type"])}


def test_datapackage_describes_every_csv_from_the_models(tmp_path):
    release_write(out_dir=tmp_path / "r", version="2026.01")
    package = json.loads((tmp_path / "r" / "datapackage.json").read_text())
    resources = {r["name"]: r for r in package["resources"]}

    assert package["version"] == "2026.01"
    assert "created" not in package
    assert [r["path"] for r in package["resources"]] == [t.path for t in TABLES]
    events = {fld["name"]: fld for fld in resources["events"]["schema"]["fields"]}
    assert events["title"]["description"] == m.Event._meta.get_field("title").help_text
    assert events["date"]["type"] == "date"
    assert events["approximate"]["type"] == "boolean"
    assert events["kind"]["constraints"]["enum"] == list(m.EventKind.values)
    participants = resources["participants"]["schema"]
    assert participants["primaryKey"] == ["event", "role", "actor_country",
                                          "actor_organisation", "actor_person", "name"]
    assert {"fields": ["actor_person"], "reference": {"resource": "people", "fields": ["id"]}} \
        in participants["foreignKeys"]
    organisations = resources["organisations"]["schema"]
    assert {"fields": ["parent"], "reference": {"resource": "", "fields": ["id"]}} \
        in organisations["foreignKeys"]


def test_codebook_covers_every_table_field_and_enumerated_value(tmp_path):
    release_write(out_dir=tmp_path / "r", version="1.0")
    codebook = (tmp_path / "r" / "CODEBOOK.md").read_text()

    for table in TABLES:
        assert f"### {table.name} (`{table.path}`)" in codebook
        for column in table.columns:
            assert f"| `{column.name}` |" in codebook
            for value, meaning in column.enum:
                assert f"- `{value}`: " in codebook
                assert meaning in codebook
    assert "only the month is known; the date is the first day of that month" in codebook


def _codebook_section(codebook: str, title: str) -> list[str]:
    return codebook.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0].splitlines()


def test_codebook_role_table_is_the_interop_roles():
    """Every participant role has a row saying its side and partners, as services.interop
    pairs them: the table is written from ACTING_ROLES, RECEIVING_ROLES and DYAD_PARTNERS."""
    section = _codebook_section(codebook_markdown(version="1.0"), "Interoperable files")
    rows = {cells[0]: cells[1:] for cells in (
        [cell.strip() for cell in line.strip("|").split(" | ")]
        for line in section if line.startswith("| `"))}

    assert list(rows) == sorted(rows, key=lambda role: role.strip("`") not in ACTING_ROLES)
    assert set(rows) == {f"`{role}`" for role in m.ParticipantRole.values}
    for role in m.ParticipantRole:
        meaning, side, paired = rows[f"`{role}`"]
        assert meaning == role.label
        assert side == ("source" if role in ACTING_ROLES
                        else "target" if role in RECEIVING_ROLES else "—")
        if role in ACTING_ROLES:
            expected = {f"`{partner}`" for partner in DYAD_PARTNERS.get(role, ())}
            assert set(paired.split(", ")) == (expected or {"every target"})
        else:
            assert {f"`{source}`" for source, partners in DYAD_PARTNERS.items()
                    if role in partners} <= set(paired.split(", "))
    assert rows["`authority`"] == ["acting authority (arrested, investigated, announced)",
                                   "source", "`arrested`"]
    assert rows["`host`"] == ["host", "target", "`guest`"]


def test_codebook_contents_are_what_release_contents_collects():
    """The "What a release contains" list is written from INCLUDED, which names exactly the
    models release_contents collects; every table appears in it, with its model's reason."""
    section = _codebook_section(codebook_markdown(version="1.0"), "What a release contains")
    items = [line for line in section if line.startswith("- ")]

    assert set(release_selection().querysets) == {model for model, _ in INCLUDED}
    assert len(items) == len(INCLUDED)
    for table in TABLES:
        (item,) = [item for item in items if f"`{table.name}`" in item.split(": ", 1)[0]]
        assert item.endswith(dict(INCLUDED)[table.model])
    assert items[0].startswith("- `events`, `statements`: every published event.")


# --- CHANGES ----------------------------------------------------------------------------------

def test_first_release_changes_says_so_with_counts(tmp_path):
    release_write(out_dir=tmp_path / "r", version="1.0")
    changes = (tmp_path / "r" / "CHANGES.md").read_text()

    assert "First release" in changes
    assert "| events | 14 |" in changes


def test_changes_list_added_changed_and_retracted_ids(tmp_path):
    release_write(out_dir=tmp_path / "v1", version="1.0")
    new = f.EventFactory(uid="ev-new00001", title="A new meeting")
    f.ParticipantFactory(event=new, actor_country=_country("AZE"))
    meeting = m.Event.objects.get(uid=SAAR_ALIYEV_MEETING)
    meeting.title = "Gideon Sa'ar meets Ilham Aliyev"
    meeting.save()
    cancellation = m.Event.objects.get(uid=RABBINICAL_CANCELLATION)
    cancellation.curation_status = m.CurationStatus.RETRACTED
    cancellation.retraction_reason = "The source does not support a cancellation."
    cancellation.save()

    release_write(out_dir=tmp_path / "v2", version="1.1", previous_dir=tmp_path / "v1")
    changes = (tmp_path / "v2" / "CHANGES.md").read_text()
    events = changes.split("## events")[1].split("## ")[0]

    assert "Compared with release 1.0." in changes
    assert "| events | 1 | 1 | 1 |" in changes
    assert "Added (1):\n\n- `ev-new00001`" in events
    assert f"Changed (1):\n\n- `{SAAR_ALIYEV_MEETING}`: title\n" in events
    assert (f"Retracted (1):\n\n- `{RABBINICAL_CANCELLATION}`: retracted: The source does not "
            "support a cancellation.") in events
    assert "event=ev-new00001, role=participant, actor_country=AZE" in changes
    # Retracted ids appear in CHANGES only.
    assert RABBINICAL_CANCELLATION not in (tmp_path / "v2/data/events.csv").read_text()


def test_a_damaged_previous_release_is_refused(tmp_path):
    release_write(out_dir=tmp_path / "v1", version="1.0")
    path = tmp_path / "v1" / "data/events.csv"
    path.write_text(path.read_text().replace("Baku", "Bakoo", 1))

    with pytest.raises(ReleaseError, match=r"data/events.csv: checksum mismatch"):
        release_write(out_dir=tmp_path / "v2", version="1.1", previous_dir=tmp_path / "v1")
    assert not (tmp_path / "v2").exists()


# --- Interoperable files ----------------------------------------------------------------------

def test_plover_lines_one_per_published_event(tmp_path):
    release_write(out_dir=tmp_path / "r", version="1.0")
    lines = (tmp_path / "r" / "events.plover.jsonl").read_text().splitlines()
    records = {record["id"]: record for record in map(json.loads, lines)}

    assert len(lines) == len(records) == 14
    for record in records.values():
        assert {"id", "date", "actors", "recipients", "event_type", "mode", "context",
                "citation"} <= set(record)
    meeting = records[SAAR_ALIYEV_MEETING]
    assert meeting["event_type"] == "CONSULT"
    assert [a["id"] for a in meeting["actors"]] == ["gideon-saar"]
    assert [r["id"] for r in meeting["recipients"]] == ["ilham-aliyev"]
    assert meeting["citation"]["id"].startswith("src-")


def test_icews_rows_are_dyadic(tmp_path):
    release_write(out_dir=tmp_path / "r", version="1.0")
    text = (tmp_path / "r" / "events.icews.tsv").read_text()
    rows = list(csv.DictReader(io.StringIO(text), delimiter="\t"))

    assert text.splitlines()[0].split("\t")[:3] == ["Event ID", "Event Date", "Source Name"]
    meeting = [row for row in rows if row["Event ID"] == SAAR_ALIYEV_MEETING]
    assert len(meeting) == 1
    assert meeting[0]["Source Country"] == "ISR" and meeting[0]["Target Country"] == "AZE"
    assert meeting[0]["Source Name"] == "Gideon Sa'ar"
    assert meeting[0]["Target Name"] == "Ilham Aliyev"
    assert meeting[0]["CAMEO Code"] == "040"


# --- The command ------------------------------------------------------------------------------

class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_command_prints_only_the_summary_when_not_on_a_terminal(tmp_path):
    out, err = io.StringIO(), io.StringIO()
    call_command("release", str(tmp_path / "r"), version="1.0", stdout=out, stderr=err)

    assert out.getvalue().splitlines() == [
        f"Release 1.0: 15 published events and agreements, 25 files in {tmp_path / 'r'}"]
    assert err.getvalue() == ""


def test_command_shows_progress_on_a_terminal(tmp_path):
    out, err = io.StringIO(), _Terminal()
    call_command("release", str(tmp_path / "r"), version="1.0", stdout=out, stderr=err)

    assert "data/events.csv: 14 rows" in err.getvalue()
    assert len(out.getvalue().splitlines()) == 1


def test_command_reports_a_refusal(tmp_path):
    from django.core.management.base import CommandError

    call_command("release", str(tmp_path / "a"), version="1.0", stdout=io.StringIO())
    with pytest.raises(CommandError, match="not an empty folder"):
        call_command("release", str(tmp_path / "a"), version="1.1", stdout=io.StringIO())
