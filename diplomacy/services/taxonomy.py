"""Import the CAMEO code table and the CAMEO→PLOVER conversion into CameoCode.

Two published files feed the taxonomy (see ``data/reference/README.md``):

* ``cameo-codes.csv`` (icews R package): code, short name, Goldstein intensity and
  root code, plus long prose columns that the project does not keep. It is
  Windows-1252, not UTF-8.
* ``CAMEO2PLOVER-2021.txt`` (Open Event Data Alliance): ``code: TYPE, mode, context
  # comment`` lines grouped under two-digit section headers such as ``04: CONSULT``.

Both are parsed and validated in full before anything is written: every bad row
is collected with its file, line and reason, and one ``TaxonomyImportError``
lists them all. Only then does ``taxonomy_import`` upsert rows, or
``taxonomy_write_fixture`` write a fixture built in memory without a database.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.core import serializers
from django.db import transaction

from diplomacy.models import CameoCode, PloverType

from . import derived

# The CSV's long text columns hold typographic quotes that were mis-decoded once
# and saved as Windows-1252. cp1252 leaves five bytes undefined (0x81, 0x8D, 0x8F,
# 0x90, 0x9D), so those decode to U+FFFD rather than crash; only the prose columns
# are affected, and the columns we keep are checked for U+FFFD below.
CAMEO_ENCODING = "cp1252"
CAMEO_DECODE_ERRORS = "replace"
# The PLOVER table is plain ASCII; UTF-8 reads it and anything beyond ASCII in a
# token is refused by the token pattern.
PLOVER_ENCODING = "utf-8"

CAMEO_COLUMNS = [
    "", "eventtype_ID", "name", "code", "goldstein", "nsLeft", "nsRight",
    "description", "usage_notes", "example", "root_code", "order",
]
MISSING = "NA"

# PLOVER 2021 maps these codes, which the icews CAMEO table does not define. They
# are skipped with a warning instead of failing the import; any other unknown
# code is still an error. 1214 "Reject intelligence cooperation" completes the
# 1211–1213 series, but the CAMEO table has no name or Goldstein value for it and
# we do not invent one.
PLOVER_CODES_NOT_IN_CAMEO: Mapping[str, str] = {
    "1214": "Reject intelligence cooperation",
}

_CODE_RE = re.compile(r"^[0-9]{2,4}$")
_ROOT_RE = re.compile(r"^[0-9]{2}$")
_NUMBER_RE = re.compile(r"^[+-]?[0-9]+(\.[0-9]+)?$")
# PLOVER tokens: lower-case words, underscores and hyphens (``suicide-attack``).
_TOKEN_RE = re.compile(r"^[a-z][a-z0-9_-]*$")
# Schrodt's tables end with a line of tildes; it marks the end, not a mapping.
_RULE_RE = re.compile(r"^~+$")
_BOM = b"\xef\xbb\xbf"
_GOLDSTEIN_STEP = Decimal("0.1")
_NAME_MAX = CameoCode._meta.get_field("name").max_length
_MODE_MAX = CameoCode._meta.get_field("plover_mode").max_length
_CONTEXT_MAX = CameoCode._meta.get_field("plover_context").max_length


@dataclass(frozen=True)
class RowError:
    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


class TaxonomyImportError(Exception):
    """One or more rows of the input files are bad; nothing was written."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        lines = "\n".join(str(error) for error in errors)
        super().__init__(f"{len(errors)} bad row(s), nothing written:\n{lines}")


@dataclass(frozen=True)
class PloverMapping:
    type: str
    mode: str = ""
    context: str = ""


@dataclass(frozen=True)
class CameoRow:
    """The facts kept from one CAMEO code: no descriptions, usage notes or examples."""

    code: str
    name: str
    goldstein: Decimal | None
    root: str | None
    plover: PloverMapping | None = None


@dataclass
class ParsedTaxonomy:
    rows: list[CameoRow]
    warnings: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    total: int
    created: int
    updated: int
    unchanged: int
    with_plover: int
    # Codes in the database that the file no longer lists; kept, as events may cite them.
    not_in_source: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class FixtureReport:
    path: Path
    total: int
    with_plover: int
    warnings: list[str] = field(default_factory=list)


# --- parsing ---------------------------------------------------------------------


def _parse_cameo(path: Path, encoding: str,
                 errors: list[RowError]) -> tuple[list[CameoRow], set[str]]:
    """Return the good rows and every well-formed code the file names."""
    name = path.name
    raw = path.read_bytes()
    if raw.startswith(_BOM):
        # A BOM means someone re-saved the file as UTF-8; decoding it as cp1252
        # would silently corrupt the header, so refuse it outright.
        errors.append(RowError(name, 1, f"starts with a UTF-8 byte-order mark; expected "
                                        f"{encoding} without a BOM"))
        return [], set()
    text = raw.decode(encoding, errors=CAMEO_DECODE_ERRORS)
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header != CAMEO_COLUMNS:
        errors.append(RowError(name, 1, f"unexpected header {header!r}; "
                                        f"expected {CAMEO_COLUMNS!r}"))
        return [], set()

    records: list[tuple[int, dict[str, str]]] = []
    line = reader.line_num + 1
    for values in reader:
        start, line = line, reader.line_num + 1
        if not values:
            continue
        if len(values) != len(CAMEO_COLUMNS):
            errors.append(RowError(name, start, f"expected {len(CAMEO_COLUMNS)} columns, "
                                                f"found {len(values)}"))
            continue
        records.append((start, dict(zip(CAMEO_COLUMNS, values, strict=True))))

    known: dict[str, int] = {}
    for lineno, record in records:
        code = record["code"].strip()
        if not _CODE_RE.match(code):
            continue  # reported below
        if code in known:
            errors.append(RowError(name, lineno, f"code {code} repeats line {known[code]}"))
        else:
            known[code] = lineno

    rows: list[CameoRow] = []
    for lineno, record in records:
        problems: list[str] = []
        code = record["code"].strip()
        if not _CODE_RE.match(code):
            problems.append(f"code {code!r} is not 2–4 digits")

        short_name = record["name"].strip()
        if not short_name or short_name == MISSING:
            problems.append("name is empty")
        elif "\ufffd" in short_name:
            problems.append(f"name {short_name!r} has bytes undecodable as {encoding}")
        elif len(short_name) > _NAME_MAX:
            problems.append(f"name is longer than {_NAME_MAX} characters")

        goldstein, problem = _parse_goldstein(record["goldstein"].strip())
        if problem:
            problems.append(problem)

        root_code = record["root_code"].strip()
        root: str | None = None
        if root_code == MISSING or not root_code:
            problems.append("root_code is missing")
        elif not _ROOT_RE.match(root_code):
            problems.append(f"root_code {root_code!r} is not two digits")
        elif root_code not in known:
            problems.append(f"root_code {root_code} is not a code in {name}")
        elif _CODE_RE.match(code) and not code.startswith(root_code):
            problems.append(f"root_code {root_code} is not the start of code {code}")
        elif root_code != code:
            root = root_code  # a root's own row names itself; the model stores NULL

        if problems:
            errors.extend(RowError(name, lineno, problem) for problem in problems)
            continue
        rows.append(CameoRow(code=code, name=short_name, goldstein=goldstein, root=root))
    return rows, set(known)


def _parse_goldstein(text: str) -> tuple[Decimal | None, str | None]:
    if text == MISSING:
        return None, None
    if not _NUMBER_RE.match(text):
        return None, f"goldstein {text!r} is not a number or NA"
    value = Decimal(text)
    if not -10 <= value <= 10:
        return None, f"goldstein {text} is outside [-10, 10]"
    if value != value.quantize(_GOLDSTEIN_STEP):
        return None, f"goldstein {text} has more than one decimal place"
    # Quantised so the value reads back from the database (DECIMAL(3,1)) unchanged.
    return value.quantize(_GOLDSTEIN_STEP), None


def _parse_plover(path: Path, cameo_codes: set[str], skip_codes: Mapping[str, str],
                  errors: list[RowError],
                  warnings: list[str]) -> tuple[dict[str, PloverMapping], dict[str, PloverMapping]]:
    """Return (code mappings, root headers), both keyed by CAMEO code."""
    name = path.name
    raw = path.read_bytes()
    if raw.startswith(_BOM):
        raw = raw[len(_BOM):]  # harmless here: the file is ASCII either way
    text = raw.decode(PLOVER_ENCODING, errors="replace")

    seen: dict[str, tuple[int, PloverMapping]] = {}
    headers: dict[str, list[tuple[int, PloverMapping]]] = defaultdict(list)
    for lineno, line in enumerate(text.splitlines(), start=1):
        body = line.split("#", 1)[0].strip()
        if not body or _RULE_RE.match(body):
            continue
        code, colon, rest = body.partition(":")
        code = code.strip()
        if not colon:
            errors.append(RowError(name, lineno, f"expected 'code: TYPE, mode, context', "
                                                 f"got {body!r}"))
            continue
        if not _CODE_RE.match(code):
            errors.append(RowError(name, lineno, f"code {code!r} is not 2–4 digits"))
            continue
        mapping, problems = _parse_mapping(rest)
        if code not in cameo_codes:
            if code in skip_codes:
                warnings.append(f"{name}:{lineno}: code {code} ({skip_codes[code]}) is not in "
                                f"the CAMEO table; skipped")
                continue
            problems.append(f"code {code} is not in the CAMEO table")
        if problems or mapping is None:
            errors.extend(RowError(name, lineno, problem) for problem in problems)
            continue

        if _ROOT_RE.match(code):
            headers[code].append((lineno, mapping))
        elif code in seen:
            first_line, first = seen[code]
            if first != mapping:
                errors.append(RowError(name, lineno, f"code {code} maps differently on line "
                                                     f"{first_line}"))
            else:
                warnings.append(f"{name}:{lineno}: code {code} repeats line {first_line} "
                                f"with the same mapping")
        else:
            seen[code] = (lineno, mapping)

    # A two-digit line is a section header, not a rule for the codes beneath it:
    # the file lists codes under headers of other types (1712 ASSAULT under
    # "17: COERCE", 163 COERCE under "16: SANCTION") and other roots (191 and 192
    # under "17: COERCE"), and gives "08" two headers (CONCEDE, then RETREAT).
    # So a header names the type of the root code itself only when all of its
    # headers agree; codes with no line of their own (all of 01 and 02) stay blank.
    roots: dict[str, PloverMapping] = {}
    for code, entries in headers.items():
        distinct = {mapping for _, mapping in entries}
        if len(distinct) == 1:
            roots[code] = entries[0][1]
        else:
            lines = ", ".join(f"{lineno} {m.type}" for lineno, m in entries)
            warnings.append(f"{name}: root {code} has conflicting headers (lines {lines}); "
                            f"its PLOVER type is left blank")
    return {code: mapping for code, (_, mapping) in seen.items()}, roots


def _parse_mapping(rest: str) -> tuple[PloverMapping | None, list[str]]:
    parts = [part.strip() for part in rest.split(",")]
    if len(parts) > 3:
        return None, [f"expected at most TYPE, mode, context; found {len(parts)} fields"]
    parts += [""] * (3 - len(parts))
    plover_type, mode, context = parts
    problems: list[str] = []
    if plover_type not in PloverType.values:
        problems.append(f"PLOVER type {plover_type!r} is not one of {', '.join(PloverType)}")
    if mode and not _TOKEN_RE.match(mode):
        problems.append(f"PLOVER mode {mode!r} is not a lower-case token")
    elif len(mode) > _MODE_MAX:
        problems.append(f"PLOVER mode is longer than {_MODE_MAX} characters")
    # Context may list several tokens ("crime; corruption"); normalise the spacing.
    tokens = [token.strip() for token in context.split(";")] if context else []
    if any(not _TOKEN_RE.match(token) for token in tokens):
        problems.append(f"PLOVER context {context!r} is not lower-case tokens separated by ';'")
    context = "; ".join(tokens)
    if len(context) > _CONTEXT_MAX:
        problems.append(f"PLOVER context is longer than {_CONTEXT_MAX} characters")
    if problems:
        return None, problems
    return PloverMapping(type=plover_type, mode=mode, context=context), []


def taxonomy_parse(*, cameo_path: Path | str, plover_path: Path | str,
                   encoding: str = CAMEO_ENCODING,
                   skip_plover_codes: Mapping[str, str] = PLOVER_CODES_NOT_IN_CAMEO,
                   ) -> ParsedTaxonomy:
    """Read and validate both files; raise TaxonomyImportError listing every bad row."""
    errors: list[RowError] = []
    warnings: list[str] = []
    # PLOVER codes are checked against every code the CSV names, even on rows that
    # are bad for another reason, so one mistake is not reported twice.
    rows, cameo_codes = _parse_cameo(Path(cameo_path), encoding, errors)
    mappings, roots = _parse_plover(Path(plover_path), cameo_codes, skip_plover_codes,
                                    errors, warnings)
    if errors:
        raise TaxonomyImportError(errors)
    merged = [
        CameoRow(code=row.code, name=row.name, goldstein=row.goldstein, root=row.root,
                 plover=mappings.get(row.code) or roots.get(row.code))
        for row in sorted(rows, key=lambda row: row.code)
    ]
    return ParsedTaxonomy(rows=merged, warnings=warnings)


# --- writing ---------------------------------------------------------------------


def _instances(rows: Iterable[CameoRow]) -> list[CameoCode]:
    return [
        CameoCode(
            code=row.code, name=row.name, goldstein=row.goldstein, root_id=row.root,
            plover_type=row.plover.type if row.plover else "",
            plover_mode=row.plover.mode if row.plover else "",
            plover_context=row.plover.context if row.plover else "",
        )
        for row in rows
    ]


# The change reason of the history rows an import writes.
TAXONOMY_IMPORT = "import_taxonomy"

_COMPARED = ("name", "goldstein", "root_id", "plover_type", "plover_mode", "plover_context")


@transaction.atomic
def taxonomy_import(*, cameo_path: Path | str, plover_path: Path | str,
                    encoding: str = CAMEO_ENCODING,
                    skip_plover_codes: Mapping[str, str] = PLOVER_CODES_NOT_IN_CAMEO,
                    ) -> ImportReport:
    """Upsert every CAMEO code from the two files; a second run changes nothing.

    Validation happens before the first write, and the whole import is one
    transaction, so a bad file leaves the table exactly as it was.
    """
    parsed = taxonomy_parse(cameo_path=cameo_path, plover_path=plover_path,
                            encoding=encoding, skip_plover_codes=skip_plover_codes)
    existing = CameoCode.objects.in_bulk()
    created: list[CameoCode] = []
    changed: list[CameoCode] = []
    for obj in _instances(parsed.rows):
        current = existing.pop(obj.code, None)
        if current is None:
            created.append(obj)
        elif any(getattr(current, f) != getattr(obj, f) for f in _COMPARED):
            changed.append(obj)
    # Rows are sorted by code, so a root ("04") is inserted before its children.
    CameoCode.objects.bulk_create(created)
    CameoCode.objects.bulk_update(changed, [f.removesuffix("_id") for f in _COMPARED])
    # Bulk writes send no signals: each created or changed code gets its history row
    # here, naming the importer (a Goldstein value is every coded event's intensity).
    CameoCode.history.bulk_history_create(created, default_change_reason=TAXONOMY_IMPORT)
    CameoCode.history.bulk_history_create(changed, update=True,
                                          default_change_reason=TAXONOMY_IMPORT)
    # Events keep a copy of their code's intensity (for ordering): refresh changed codes.
    derived.intensities_refresh(codes=[obj.code for obj in changed])
    return ImportReport(
        total=len(parsed.rows),
        created=len(created),
        updated=len(changed),
        unchanged=len(parsed.rows) - len(created) - len(changed),
        with_plover=sum(1 for row in parsed.rows if row.plover),
        not_in_source=sorted(existing),
        warnings=parsed.warnings,
    )


def taxonomy_fixture_json(rows: Iterable[CameoRow]) -> str:
    """The Django JSON fixture for ``rows``: sorted by code, indent 2, final newline.

    CameoCode's code is its primary key, so natural keys serialise it as ``pk``
    and ``root`` as the plain parent code; no database is needed.
    """
    objects = sorted(_instances(rows), key=lambda obj: obj.code)
    text = serializers.serialize("json", objects, indent=2, use_natural_foreign_keys=True,
                                 use_natural_primary_keys=True)
    return text.rstrip("\n") + "\n"


def taxonomy_write_fixture(*, cameo_path: Path | str, plover_path: Path | str,
                           fixture_path: Path | str, encoding: str = CAMEO_ENCODING,
                           skip_plover_codes: Mapping[str, str] = PLOVER_CODES_NOT_IN_CAMEO,
                           ) -> FixtureReport:
    """Write the taxonomy fixture straight from the parsed files, never the database."""
    parsed = taxonomy_parse(cameo_path=cameo_path, plover_path=plover_path,
                            encoding=encoding, skip_plover_codes=skip_plover_codes)
    path = Path(fixture_path)
    write_text_atomic(path, taxonomy_fixture_json(parsed.rows))
    return FixtureReport(path=path, total=len(parsed.rows),
                         with_plover=sum(1 for row in parsed.rows if row.plover),
                         warnings=parsed.warnings)


def write_text_atomic(path: Path, text: str) -> None:
    """Replace ``path`` in one step, so a failed run never leaves half a fixture."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)  # mkstemp's 0600 would hide a shipped fixture from others
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
