"""CHANGES.md: what changed since a previous release folder, table by table."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .common import md
from .schema import Table
from .tables import TABLES, TABLES_BY_NAME
from .verifying import parse_datapackage, verify_checksums


@dataclass
class _PreviousTable:
    header: list[str]
    rows: dict[tuple[str, ...], dict[str, str]]


@dataclass
class Previous:
    """The rows of a previous release, by table and primary key."""

    version: str
    tables: dict[str, _PreviousTable] = field(default_factory=dict)


def read_previous(previous_dir: Path) -> Previous:
    """The previous release's rows, after checking its files against its SHA256SUMS."""
    files = verify_checksums(release_dir=previous_dir)
    package = parse_datapackage(files)
    previous = Previous(version=str(package.get("version", "")))
    for resource in package.get("resources", []):
        table = TABLES_BY_NAME.get(resource.get("name"))
        data = files.get(resource.get("path"))
        if table is None or data is None:
            continue
        reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
        header = next(reader, [])
        if not set(table.primary_key) <= set(header):
            continue  # no comparable key: every current row counts as added
        rows = {}
        for cells in reader:
            row = dict(zip(header, cells, strict=False))
            rows[tuple(row.get(name, "") for name in table.primary_key)] = row
        previous.tables[table.name] = _PreviousTable(header=header, rows=rows)
    return previous


def _retraction_notes(table: Table, keys: Iterable[tuple[str, ...]]) -> dict[str, str]:
    uids = [key[0] for key in keys]
    notes = {uid: "no longer in the database" for uid in uids}
    for uid, status, reason in table.model._base_manager.filter(uid__in=uids).values_list(
            "uid", "curation_status", "retraction_reason"):
        notes[uid] = f"{status}: {reason}" if reason else status
    return notes


def changes_markdown(*, version: str, rows: dict[str, list[list[str]]],
                     previous: Previous | None) -> str:
    """CHANGES.md: per table, ids added, changed (with columns) and retracted or removed."""
    out = [f"# Changes in release {version}", ""]
    if previous is None:
        out += ["First release: there is no previous release to compare with.", "",
                "| table | rows |", "| --- | ---: |"]
        out += [f"| {table.name} | {len(rows[table.name])} |" for table in TABLES]
        return "\n".join(out) + "\n"

    out += [f"Compared with release {previous.version}. Published records are never "
            "deleted: an event or agreement that disappeared was retracted (with the "
            "reason). Other rows disappear when nothing published refers to them any more.",
            "", "| table | added | changed | retracted or removed |",
            "| --- | ---: | ---: | ---: |"]
    sections: list[str] = []
    for table in TABLES:
        current = {table.key(row): dict(zip(table.header, row, strict=True))
                   for row in rows[table.name]}
        before = previous.tables.get(table.name, _PreviousTable(header=[], rows={}))
        common = [name for name in table.header if name in before.header]
        added = sorted(set(current) - set(before.rows))
        removed = sorted(set(before.rows) - set(current))
        changed = []
        for key in sorted(set(current) & set(before.rows)):
            columns = [name for name in common if current[key][name] != before.rows[key][name]]
            if columns:
                changed.append((key, columns))
        out.append(f"| {table.name} | {len(added)} | {len(changed)} | {len(removed)} |")
        if not (added or changed or removed):
            continue
        sections += ["", f"## {table.name}"]
        new_columns = [name for name in table.header if name not in before.header]
        if before.header and new_columns:
            sections += ["", f"New columns: {', '.join(new_columns)}."]
        if added:
            sections += ["", f"Added ({len(added)}):", ""]
            sections += [f"- {table.key_label(key)}" for key in added]
        if changed:
            sections += ["", f"Changed ({len(changed)}):", ""]
            sections += [f"- {table.key_label(key)}: {', '.join(columns)}"
                         for key, columns in changed]
        if removed and table.curated:
            notes = _retraction_notes(table, removed)
            sections += ["", f"Retracted ({len(removed)}):", ""]
            sections += [f"- {table.key_label(key)}: {md(notes[key[0]])}" for key in removed]
        elif removed:
            sections += ["", f"Removed ({len(removed)}):", ""]
            sections += [f"- {table.key_label(key)}" for key in removed]
    return "\n".join(out + sections) + "\n"
