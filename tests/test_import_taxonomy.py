"""manage.py import_taxonomy and the taxonomy service behind it.

Sample files live in tests/data/: ``cameo_sample.csv`` is Windows-1252 with the
mis-decoded quote bytes (``\\x82\\xc4\\xf4``) and an undefined cp1252 byte in its
prose columns; ``plover_sample.txt`` has blank, padded and hyphenated fields and
maps 1712 to ASSAULT under the root header ``17: COERCE``.
"""

from __future__ import annotations

import json
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import CommandError

from diplomacy.models import CameoCode
from diplomacy.services.taxonomy import (
    TaxonomyImportError,
    taxonomy_fixture_json,
    taxonomy_import,
    taxonomy_parse,
    taxonomy_write_fixture,
)

DATA = Path(__file__).parent / "data"
CAMEO = DATA / "cameo_sample.csv"
PLOVER = DATA / "plover_sample.txt"
SAMPLE_CODES = ["01", "010", "04", "041", "042", "044", "08", "0874", "17", "1712", "173"]


def _dump() -> str:
    """Every CameoCode row, serialised: equal dumps mean equal tables."""
    return serializers.serialize("json", CameoCode.objects.order_by("code"))


def _import(**kwargs) -> object:
    return taxonomy_import(cameo_path=kwargs.pop("cameo_path", CAMEO),
                           plover_path=kwargs.pop("plover_path", PLOVER), **kwargs)


def _errors(excinfo: pytest.ExceptionInfo[TaxonomyImportError]) -> list[str]:
    return [str(error) for error in excinfo.value.errors]


def _copy_with(tmp_path: Path, source: Path, old: bytes, new: bytes) -> Path:
    raw = source.read_bytes()
    assert old in raw
    target = tmp_path / source.name
    target.write_bytes(raw.replace(old, new, 1))
    return target


# --- a good import -----------------------------------------------------------------


def test_import_keeps_codes_as_strings_with_leading_zeros(db):
    report = _import()

    assert report.created == len(SAMPLE_CODES)
    assert list(CameoCode.objects.order_by("code").values_list("code", flat=True)) == SAMPLE_CODES
    visit = CameoCode.objects.get(code="042")
    assert visit.name == "Make a visit"
    assert visit.goldstein == Decimal("1.9")
    assert visit.root_id == "04"
    assert CameoCode.objects.get(code="0874").goldstein == Decimal("10")
    assert CameoCode.objects.get(code="1712").goldstein == Decimal("-9.2")


def test_na_goldstein_is_null_and_roots_have_no_root(db):
    _import()

    assert CameoCode.objects.get(code="044").goldstein is None
    assert CameoCode.objects.get(code="04").root_id is None
    assert set(CameoCode.objects.filter(root__isnull=True).values_list("code", flat=True)) == {
        "01", "04", "08", "17",
    }


def test_plover_fields_are_trimmed_and_hyphenated_tokens_kept(db):
    _import()

    def plover(code: str) -> tuple[str, str, str]:
        row = CameoCode.objects.get(code=code)
        return row.plover_type, row.plover_mode, row.plover_context

    assert plover("041") == ("CONSULT", "phone", "")
    assert plover("042") == ("CONSULT", "visit", "")  # padded on every side
    assert plover("044") == ("CONSULT", "third-party", "")
    assert plover("0874") == ("RETREAT", "disarm", "military; legal")
    assert plover("173") == ("COERCE", "arrest", "legal")
    # A code may map to a type other than its root's header.
    assert plover("1712") == ("ASSAULT", "destroy", "legal")
    assert plover("17") == ("COERCE", "", "")


def test_codes_without_a_plover_line_inherit_nothing(db):
    """A root header names the root code's own type; its children get nothing from it."""
    _import()

    assert CameoCode.objects.get(code="04").plover_type == "CONSULT"
    for code in ("01", "010"):  # no header, no line: PLOVER has no counterpart
        assert CameoCode.objects.get(code=code).plover_type == ""


def test_prose_columns_are_not_kept(db):
    _import()

    dumped = _dump()
    for fragment in ("Travel to another location", "Retreat or surrender. ", "Baku",
                     "phoned his counterpart", "\ufffd", "\u201a"):
        assert fragment not in dumped
    field_names = {field.name for field in CameoCode._meta.fields}
    assert not field_names & {"description", "usage_notes", "example"}


def test_a_second_import_changes_nothing(db):
    _import()
    before = _dump()

    report = _import()

    assert (report.created, report.updated, report.unchanged) == (0, 0, len(SAMPLE_CODES))
    assert _dump() == before


def test_a_changed_row_is_updated_in_place(db):
    _import()
    CameoCode.objects.filter(code="042").update(goldstein=Decimal("5.0"), plover_mode="")

    report = _import()

    assert (report.created, report.updated) == (0, 1)
    visit = CameoCode.objects.get(code="042")
    assert (visit.goldstein, visit.plover_mode) == (Decimal("1.9"), "visit")


def test_every_code_an_import_writes_has_a_history_row_naming_it(db):
    _import()
    CameoCode.objects.filter(code="042").update(goldstein=Decimal("5.0"))

    _import()  # updates 042 only
    _import()  # changes nothing: no history

    rows = CameoCode.history.order_by("history_id")
    assert {row.history_change_reason for row in rows} == {"import_taxonomy"}
    assert sorted(row.code for row in rows if row.history_type == "+") == sorted(SAMPLE_CODES)
    assert [(row.code, row.goldstein) for row in rows if row.history_type == "~"] == [
        ("042", Decimal("1.9"))]


def test_codes_no_longer_in_the_file_are_kept_and_reported(db):
    _import()
    CameoCode.objects.create(code="0999", name="Retired code", root_id="08")

    report = _import()

    assert report.not_in_source == ["0999"]
    assert CameoCode.objects.filter(code="0999").exists()


# --- quirks of the published PLOVER table --------------------------------------------


def test_identical_repeated_plover_line_is_a_warning(db):
    report = _import()

    assert any("plover_sample.txt:15: code 1712 repeats line 14" in w for w in report.warnings)


def test_conflicting_root_headers_leave_the_root_blank(tmp_path):
    plover = tmp_path / "plover.txt"
    plover.write_text(PLOVER.read_text() + "\n08: CONCEDE\n")

    parsed = taxonomy_parse(cameo_path=CAMEO, plover_path=plover)

    root = next(row for row in parsed.rows if row.code == "08")
    child = next(row for row in parsed.rows if row.code == "0874")
    assert root.plover is None
    assert child.plover.type == "RETREAT"
    assert any("root 08 has conflicting headers" in w for w in parsed.warnings)


def test_conflicting_repeated_plover_line_is_an_error(tmp_path):
    plover = tmp_path / "plover.txt"
    plover.write_text(PLOVER.read_text() + "173: COERCE, deport, legal\n")

    with pytest.raises(TaxonomyImportError) as excinfo:
        taxonomy_parse(cameo_path=CAMEO, plover_path=plover)

    assert _errors(excinfo) == ["plover.txt:17: code 173 maps differently on line 13"]


def test_listed_plover_only_codes_are_skipped_with_a_warning(tmp_path):
    plover = tmp_path / "plover.txt"
    plover.write_text(PLOVER.read_text() + "1214: REJECT, assist, intelligence\n")

    parsed = taxonomy_parse(cameo_path=CAMEO, plover_path=plover)
    assert any("code 1214" in w and "skipped" in w for w in parsed.warnings)

    with pytest.raises(TaxonomyImportError) as excinfo:
        taxonomy_parse(cameo_path=CAMEO, plover_path=plover, skip_plover_codes={})
    assert _errors(excinfo) == ["plover.txt:17: code 1214 is not in the CAMEO table"]


# --- bad rows: all reported, nothing written -----------------------------------------


def test_bad_cameo_rows_are_all_reported_and_nothing_is_written(db, tmp_path):
    _import()
    before = _dump()
    plover = tmp_path / "plover.txt"
    plover.write_text("# no mappings\n")

    with pytest.raises(TaxonomyImportError) as excinfo:
        _import(cameo_path=DATA / "cameo_bad.csv", plover_path=plover)

    assert _errors(excinfo) == [
        "cameo_bad.csv:4: goldstein 'abc' is not a number or NA",
        "cameo_bad.csv:5: root_code 99 is not a code in cameo_bad.csv",
        "cameo_bad.csv:6: code '4a' is not 2–4 digits",
        "cameo_bad.csv:7: goldstein 12 is outside [-10, 10]",
        "cameo_bad.csv:8: name is empty",
    ]
    assert _dump() == before


def test_bad_plover_lines_are_all_reported_and_nothing_is_written(db):
    with pytest.raises(TaxonomyImportError) as excinfo:
        _import(plover_path=DATA / "plover_bad.txt")

    errors = _errors(excinfo)
    assert errors[0].startswith("plover_bad.txt:4: PLOVER type 'CONSULTATION' is not one of")
    assert errors[1:] == [
        "plover_bad.txt:5: code 0999 is not in the CAMEO table",
        "plover_bad.txt:6: expected 'code: TYPE, mode, context', got '042 CONSULT, visit'",
        "plover_bad.txt:7: PLOVER mode 'Third Party' is not a lower-case token",
        "plover_bad.txt:8: expected at most TYPE, mode, context; found 4 fields",
    ]
    assert CameoCode.objects.count() == 0


def test_errors_from_both_files_are_reported_together(db, tmp_path):
    with pytest.raises(TaxonomyImportError) as excinfo:
        _import(cameo_path=DATA / "cameo_bad.csv", plover_path=DATA / "plover_bad.txt")

    files = {error.file for error in excinfo.value.errors}
    assert files == {"cameo_bad.csv", "plover_bad.txt"}
    assert CameoCode.objects.count() == 0


def test_a_utf8_byte_order_mark_is_refused(db, tmp_path):
    cameo = tmp_path / "cameo.csv"
    cameo.write_bytes(b"\xef\xbb\xbf" + CAMEO.read_bytes())

    with pytest.raises(TaxonomyImportError) as excinfo:
        _import(cameo_path=cameo)

    assert _errors(excinfo)[0].startswith("cameo.csv:1: starts with a UTF-8 byte-order mark")
    assert CameoCode.objects.count() == 0


def test_a_wrong_header_is_refused(db, tmp_path):
    cameo = _copy_with(tmp_path, CAMEO, b'"code"', b'"cameo_code"')

    with pytest.raises(TaxonomyImportError) as excinfo:
        _import(cameo_path=cameo)

    assert _errors(excinfo)[0].startswith("cameo_sample.csv:1: unexpected header")
    assert CameoCode.objects.count() == 0


def test_a_bad_goldstein_precision_is_refused(tmp_path):
    cameo = _copy_with(tmp_path, CAMEO, b'"042",1.9,', b'"042",1.95,')

    with pytest.raises(TaxonomyImportError) as excinfo:
        taxonomy_parse(cameo_path=cameo, plover_path=PLOVER)

    assert _errors(excinfo) == [
        "cameo_sample.csv:6: goldstein 1.95 has more than one decimal place",
    ]


# --- the command ---------------------------------------------------------------------


def test_command_imports_and_names_the_encoding(db):
    out, err = StringIO(), StringIO()

    call_command("import_taxonomy", cameo=str(CAMEO), plover=str(PLOVER), stdout=out, stderr=err)

    assert "Reading cameo_sample.csv as cp1252" in out.getvalue()
    assert f"{len(SAMPLE_CODES)} created, 0 updated, 0 unchanged" in out.getvalue()
    assert CameoCode.objects.count() == len(SAMPLE_CODES)


def test_command_reports_bad_rows_on_stderr_and_exits_non_zero(db):
    out, err = StringIO(), StringIO()

    with pytest.raises(CommandError) as excinfo:
        call_command("import_taxonomy", cameo=str(CAMEO), plover=str(DATA / "plover_bad.txt"),
                     stdout=out, stderr=err)

    # run_from_argv turns a CommandError into this exit status.
    assert excinfo.value.returncode == 1
    assert "nothing written" in str(excinfo.value)
    assert "Reading cameo_sample.csv as cp1252" in out.getvalue()
    assert "plover_bad.txt:5: code 0999 is not in the CAMEO table" in err.getvalue()
    assert len(err.getvalue().splitlines()) == 5
    assert CameoCode.objects.count() == 0


def test_command_with_fixture_writes_the_file_and_not_the_database(db, tmp_path):
    fixture = tmp_path / "fixtures" / "taxonomy.json"

    call_command("import_taxonomy", cameo=str(CAMEO), plover=str(PLOVER), fixture=str(fixture),
                 stdout=StringIO(), stderr=StringIO())

    assert [entry["pk"] for entry in json.loads(fixture.read_text())] == SAMPLE_CODES
    assert CameoCode.objects.count() == 0


def test_command_with_a_bad_file_leaves_an_existing_fixture_alone(tmp_path):
    fixture = tmp_path / "taxonomy.json"
    fixture.write_text("[]\n")

    with pytest.raises(CommandError):
        call_command("import_taxonomy", cameo=str(DATA / "cameo_bad.csv"), plover=str(PLOVER),
                     fixture=str(fixture), stdout=StringIO(), stderr=StringIO())

    assert fixture.read_text() == "[]\n"


# --- the fixture ---------------------------------------------------------------------


def test_fixture_is_deterministic_and_natural_keyed(tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    taxonomy_write_fixture(cameo_path=CAMEO, plover_path=PLOVER, fixture_path=first)
    taxonomy_write_fixture(cameo_path=CAMEO, plover_path=PLOVER, fixture_path=second)

    text = first.read_text(encoding="utf-8")
    assert text == second.read_text(encoding="utf-8")
    assert text.endswith("]\n") and not text.endswith("\n\n")
    assert text.startswith('[\n{\n  "model": "diplomacy.cameocode",\n  "pk": "01",')
    entries = json.loads(text)
    assert [entry["pk"] for entry in entries] == SAMPLE_CODES
    visit = next(entry for entry in entries if entry["pk"] == "042")
    assert visit["fields"] == {
        "name": "Make a visit", "goldstein": "1.9", "root": "04",
        "plover_type": "CONSULT", "plover_mode": "visit", "plover_context": "",
    }


def test_fixture_loads_and_a_second_load_changes_nothing(db, tmp_path):
    fixture = tmp_path / "taxonomy.json"
    taxonomy_write_fixture(cameo_path=CAMEO, plover_path=PLOVER, fixture_path=fixture)

    call_command("loaddata", str(fixture), verbosity=0)
    first = _dump()
    call_command("loaddata", str(fixture), verbosity=0)

    assert CameoCode.objects.count() == len(SAMPLE_CODES)
    assert _dump() == first


def test_fixture_matches_what_the_import_writes(db):
    """The fixture and the database import are two faces of the same parsed rows."""
    _import()
    dumped = serializers.serialize(
        "json", CameoCode.objects.order_by("code"), indent=2,
        use_natural_foreign_keys=True, use_natural_primary_keys=True,
    )
    parsed = taxonomy_parse(cameo_path=CAMEO, plover_path=PLOVER)

    assert taxonomy_fixture_json(parsed.rows) == dumped.rstrip("\n") + "\n"
