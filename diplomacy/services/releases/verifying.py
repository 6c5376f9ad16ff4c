"""Checking a release folder: its checksums, its data package and every CSV row.

Each check collects every problem it finds (up to ``MAX_ERRORS``) and raises one
ReleaseError naming the file, row and field of each. Row numbers count the CSV
header as row 1, as Frictionless does.
"""

from __future__ import annotations

import csv
import datetime
import functools
import hashlib
import io
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .common import CHECKSUMS, DATAPACKAGE, FIXTURE, ReleaseError, check_version
from .rendering import datapackage_descriptor
from .schema import LIST_SEPARATOR, Column, Table
from .tables import TABLES, TABLES_BY_NAME

_CHECKSUM_LINE = re.compile(r"^([0-9a-f]{64}) [ *](.+)$")
_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_NUMBER_RE = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
# Stop collecting validation errors after this many: the first ones say enough.
MAX_ERRORS = 20
# A release is a folder of someone else's files: none may be larger than this.
MAX_FILE_BYTES = 2 * 1024**3
MAX_CHECKSUMS_BYTES = 1024**2
_HASH_CHUNK = 1024**2


def fail(errors: list[str]) -> None:
    if errors:
        shown = errors[:MAX_ERRORS]
        more = f" (and {len(errors) - 1} more problem(s))" if len(errors) > 1 else ""
        raise ReleaseError(f"{shown[0]}{more}; nothing was imported.", errors=shown)


def verify_checksums(*, release_dir: Path | str, streamed: frozenset[str] | set[str] = frozenset()
                     ) -> dict[str, bytes]:
    """Every file of the folder, by relative path, after checking SHA256SUMS lists each
    file exactly once with its right checksum; ReleaseError naming the file otherwise.
    The files in ``streamed`` are checked but not read into memory (their value is
    empty): the caller reads them from disk, checking the checksum again as it goes."""
    release_dir = Path(release_dir)
    if not release_dir.is_dir():
        raise ReleaseError(f"{release_dir}: no such folder")
    sums = release_dir / CHECKSUMS
    if sums.is_symlink() or not sums.is_file():
        raise ReleaseError(f"{CHECKSUMS}: missing from {release_dir} (or not a plain file)")
    if sums.stat().st_size > MAX_CHECKSUMS_BYTES:
        raise ReleaseError(f"{CHECKSUMS}: larger than {MAX_CHECKSUMS_BYTES} bytes")
    listed: dict[str, str] = {}
    errors: list[str] = []
    for number, line in enumerate(sums.read_text("utf-8", errors="replace").splitlines(), 1):
        match = _CHECKSUM_LINE.match(line)
        if not match:
            errors.append(f"{CHECKSUMS}: line {number}: not '<sha256>  <path>'")
            continue
        digest, path = match.groups()
        parts = Path(path).parts
        if Path(path).is_absolute() or ".." in parts or "\\" in path or path == CHECKSUMS:
            errors.append(f"{CHECKSUMS}: line {number}: path {path!r} is not inside the folder")
        elif path in listed:
            errors.append(f"{CHECKSUMS}: line {number}: {path} is listed twice")
        else:
            listed[path] = digest
    fail(errors)
    present, links = _folder_files(release_dir)
    errors += [f"{path}: a symbolic link; a release holds plain files only" for path in links]
    present -= {CHECKSUMS}
    required = {FIXTURE, DATAPACKAGE, *(table.path for table in TABLES)}
    errors += [f"{path}: missing from the release" for path in sorted(required - present)]
    errors += [f"{path}: listed in {CHECKSUMS} but missing"
               for path in sorted(set(listed) - present - required)]
    errors += [f"{path}: not listed in {CHECKSUMS}" for path in sorted(present - set(listed))]
    fail(errors)
    files: dict[str, bytes] = {}
    for path in sorted(set(listed) & present):
        size = (release_dir / path).stat().st_size
        if size > MAX_FILE_BYTES:
            errors.append(f"{path}: {size} bytes, more than a release file may hold "
                          f"({MAX_FILE_BYTES})")
            continue
        actual = _sha256(release_dir / path)
        if actual != listed[path]:
            errors.append(f"{path}: checksum mismatch ({CHECKSUMS} says {listed[path][:12]}…, "
                          f"the file is {actual[:12]}…): the file was changed or damaged")
        files[path] = b"" if path in streamed else (release_dir / path).read_bytes()
    fail(errors)
    files[CHECKSUMS] = sums.read_bytes()
    return files


def _folder_files(release_dir: Path) -> tuple[set[str], list[str]]:
    """Relative paths of the plain files under ``release_dir``, and of any symbolic link
    (to a file or a folder, which is never followed: it could point anywhere)."""
    files: set[str] = set()
    links: list[str] = []
    for folder, subfolders, names in os.walk(release_dir, followlinks=False):
        for name in sorted(subfolders + names):
            path = Path(folder, name)
            relative = path.relative_to(release_dir).as_posix()
            if path.is_symlink():
                links.append(relative)
            elif path.is_file():
                files.add(relative)
    return files, sorted(links)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(_HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def parse_datapackage(files: dict[str, bytes]) -> dict[str, Any]:
    try:
        package = json.loads(files[DATAPACKAGE].decode("utf-8"))
    except RecursionError as exc:
        raise ReleaseError(f"{DATAPACKAGE}: nested too deeply to be a data package") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReleaseError(f"{DATAPACKAGE}: not valid JSON ({exc})") from exc
    if not isinstance(package, dict):
        raise ReleaseError(f"{DATAPACKAGE}: not a JSON object")
    return package


def _structure(resource: dict[str, Any]) -> dict[str, Any]:
    """What of a resource the validator relies on; titles and descriptions may differ."""
    schema = resource.get("schema") or {}
    fields = [{k: v for k, v in f.items() if k not in ("description", "title")}
              for f in schema.get("fields", []) if isinstance(f, dict)]
    return {"path": resource.get("path"), "fields": fields,
            "primaryKey": schema.get("primaryKey"), "foreignKeys": schema.get("foreignKeys"),
            "missingValues": schema.get("missingValues"), "dialect": resource.get("dialect"),
            "encoding": resource.get("encoding")}


def check_datapackage(files: dict[str, bytes]) -> str:
    """The release's version, after checking datapackage.json describes exactly the tables
    this software writes (names, paths, fields, types, constraints and keys)."""
    package = parse_datapackage(files)
    version = package.get("version")
    if not isinstance(version, str):
        raise ReleaseError(f"{DATAPACKAGE}: field version: missing")
    try:
        check_version(version)
    except ReleaseError as exc:
        raise ReleaseError(f"{DATAPACKAGE}: field {exc}") from exc
    resources = {r.get("name"): r for r in package.get("resources", []) if isinstance(r, dict)}
    errors = []
    for expected in datapackage_descriptor(version=version)["resources"]:
        name = expected["name"]
        found = resources.pop(name, None)
        if found is None:
            errors.append(f"{DATAPACKAGE}: resource {name} is missing")
            continue
        want, have = _structure(expected), _structure(found)
        if want == have:
            continue
        fields = {f.get("name"): f for f in have["fields"]}
        differing = [f["name"] for f in want["fields"] if fields.get(f["name"]) != f]
        differing += [n for n in fields if n not in {f["name"] for f in want["fields"]}]
        if differing:
            errors.append(f"{DATAPACKAGE}: resource {name}, field {differing[0]}: does not "
                          "match the schema this software writes")
        else:
            key = next(k for k in want if want[k] != have[k])
            errors.append(f"{DATAPACKAGE}: resource {name}: {key} does not match the schema "
                          "this software writes")
    errors += [f"{DATAPACKAGE}: resource {name} is not part of a release" for name in resources]
    fail(errors)
    return version


@dataclass
class ParsedTable:
    table: Table
    rows: list[tuple[int, list[str]]]  # (row number, counting the header as row 1; cells)


@functools.cache
def _allowed(column: Column) -> frozenset[str]:
    """A column's enumerated values, as a set built once (not once per cell)."""
    return frozenset(value for value, _ in column.enum)


def _cell_problem(column: Column, text: str) -> str | None:
    if text == "":
        return "a value is required" if column.required else None
    if column.is_list:
        items = text.split(LIST_SEPARATOR)
        if any(item == "" for item in items):
            return f"empty item in the list {text!r}"
        return None
    if column.max_length and len(text) > column.max_length:
        return f"longer than {column.max_length} characters"
    if column.type == "boolean" and text not in ("true", "false"):
        return f"{text!r} is not true or false"
    if column.type == "date":
        try:
            if not _DATE_RE.match(text):
                raise ValueError
            datetime.date.fromisoformat(text)
        except ValueError:
            return f"{text!r} is not a date (YYYY-MM-DD)"
    if column.type == "number":
        if not _NUMBER_RE.match(text):
            return f"{text!r} is not a number"
        places = len(text.partition(".")[2])
        if column.decimal_places is not None and places > column.decimal_places:
            return f"{text!r} has more than {column.decimal_places} decimal places"
    if column.enum and text not in _allowed(column):
        allowed = ", ".join(value for value, _ in column.enum)
        return f"{text!r} is not one of: {allowed}"
    return None


def _parse_table(table: Table, data: bytes, errors: list[str]) -> ParsedTable:
    parsed = ParsedTable(table=table, rows=[])
    path, header = table.path, table.header
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        errors.append(f"{path}: line {line}: not valid UTF-8")
        return parsed
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        found = next(reader, None)
        if found is None:
            errors.append(f"{path}: row 1 (header): the file is empty")
            return parsed
        if found != header:
            position = next((i for i, (a, b) in enumerate(zip(header, found, strict=False))
                             if a != b), min(len(header), len(found)))
            expected = header[position] if position < len(header) else "(none)"
            got = found[position] if position < len(found) else "(none)"
            errors.append(f"{path}: row 1 (header), field {expected}: found {got!r}; the header "
                          f"must be {','.join(header)}")
            return parsed
        for number, cells in enumerate(reader, start=2):
            parsed.rows.append((number, cells))
    except csv.Error as exc:
        errors.append(f"{path}: row {len(parsed.rows) + 2}: not valid CSV ({exc})")
        return parsed
    if parsed.rows and not text.endswith("\n"):
        number, cells = parsed.rows[-1]
        name = header[min(len(cells), len(header)) - 1]
        errors.append(f"{path}: row {number}, field {name}: truncated (the file ends inside "
                      "this row, without its final newline)")
        return parsed

    seen: dict[tuple[str, ...], int] = {}
    for number, cells in parsed.rows:
        if len(cells) < len(header):
            errors.append(f"{path}: row {number}, field {header[len(cells)]}: missing (the row "
                          f"has {len(cells)} of {len(header)} fields)")
            continue
        if len(cells) > len(header):
            errors.append(f"{path}: row {number}: {len(cells)} fields, the header has "
                          f"{len(header)}")
            continue
        for column, value in zip(table.columns, cells, strict=True):
            problem = _cell_problem(column, value)
            if problem:
                errors.append(f"{path}: row {number}, field {column.name}: {problem}")
        key = table.key(cells)
        if key in seen:
            errors.append(f"{path}: row {number}, field {table.primary_key[0]}: primary key "
                          f"{key} repeats row {seen[key]}")
        seen.setdefault(key, number)
    return parsed


def _check_references(parsed: dict[str, ParsedTable], errors: list[str]) -> None:
    def values(table: str, columns: Sequence[str]) -> set[tuple[str, ...]]:
        positions = [TABLES_BY_NAME[table].header.index(c) for c in columns]
        return {tuple(cells[i] for i in positions) for _, cells in parsed[table].rows
                if len(cells) == len(TABLES_BY_NAME[table].header)}

    for table in TABLES:
        well_formed = [(n, c) for n, c in parsed[table.name].rows if len(c) == len(table.header)]
        for fk in table.foreign_keys:
            targets = values(fk.table, fk.ref_columns)
            positions = [table.header.index(c) for c in fk.columns]
            for number, cells in well_formed:
                value = tuple(cells[i] for i in positions)
                if any(value) and value not in targets:
                    errors.append(f"{table.path}: row {number}, field {fk.columns[0]}: "
                                  f"{'/'.join(value)!r} is not in {fk.table}")
        for column in table.columns:
            if not column.list_ref:
                continue
            targets = {v[0] for v in values(column.list_ref[0], [column.list_ref[1]])}
            position = table.header.index(column.name)
            for number, cells in well_formed:
                for item in filter(None, cells[position].split(LIST_SEPARATOR)):
                    if item not in targets:
                        errors.append(f"{table.path}: row {number}, field {column.name}: "
                                      f"{item!r} is not in {column.list_ref[0]}")


def validate_tables(files: dict[str, bytes]) -> dict[str, ParsedTable]:
    """Every CSV parsed and checked against TABLES: header, field count, types, enumerated
    values, required fields, unique primary keys and foreign keys."""
    errors: list[str] = []
    parsed = {table.name: _parse_table(table, files[table.path], errors) for table in TABLES}
    if not errors:
        _check_references(parsed, errors)
    fail(errors)
    return parsed
