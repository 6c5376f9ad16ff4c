"""CHANGES.md: what changed since a previous release folder, table by table."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from .common import md
from .schema import Table
from .tables import TABLES, TABLES_BY_NAME
from .verifying import parse_datapackage, verify_checksums


@dataclass
class _PreviousTable:
    header: list[str]
    rows: dict[tuple[str, ...], dict[str, str]] | None  # None: no previous release


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


@dataclass
class TableChanges:
    """One table's rows against the previous release's, fed row by row as they are
    written (``add``); only ids are kept, never the rows."""

    table: Table
    before: _PreviousTable
    count: int = 0
    added: list[tuple[str, ...]] = field(default_factory=list)
    changed: list[tuple[tuple[str, ...], list[str]]] = field(default_factory=list)
    seen: set[tuple[str, ...]] = field(default_factory=set)

    def add(self, row: list[str]) -> None:
        self.count += 1
        if not self.before.header:
            if self.before.rows is not None:
                self.added.append(self.table.key(row))
            return
        key = self.table.key(row)
        old = self.before.rows.get(key)
        if old is None:
            self.added.append(key)
            return
        self.seen.add(key)
        current = dict(zip(self.table.header, row, strict=True))
        columns = [name for name in self.table.header
                   if name in self.before.header and current[name] != old.get(name)]
        if columns:
            self.changed.append((key, columns))

    @property
    def removed(self) -> list[tuple[str, ...]]:
        return sorted(set(self.before.rows or ()) - self.seen)


def table_changes(previous: Previous | None) -> dict[str, TableChanges]:
    return {table.name: TableChanges(
        table=table,
        before=(_PreviousTable(header=[], rows=None) if previous is None
                else previous.tables.get(table.name, _PreviousTable(header=[], rows={}))))
        for table in TABLES}


def changes_markdown(*, version: str, changes: dict[str, TableChanges],
                     previous: Previous | None, retracted: dict[str, str]) -> str:
    """CHANGES.md: per table, ids added, changed (with columns) and retracted or removed.
    ``retracted`` gives the reason of each retraction the release carries (by id): the
    notes come from the release itself, never from the database, so that importing the
    release elsewhere and releasing again reproduces them."""
    out = [f"# Changes in release {version}", ""]
    if previous is None:
        out += ["First release: there is no previous release to compare with.", "",
                "| table | rows |", "| --- | ---: |"]
        out += [f"| {table.name} | {changes[table.name].count} |" for table in TABLES]
        return "\n".join(out) + "\n"

    out += [f"Compared with release {previous.version}. Published records are never "
            "deleted: an event or agreement that disappeared was retracted (with the "
            "reason). Other rows disappear when nothing published refers to them any more.",
            "", "| table | added | changed | retracted or removed |",
            "| --- | ---: | ---: | ---: |"]
    sections: list[str] = []
    for table in TABLES:
        change = changes[table.name]
        before = change.before
        added, changed, removed = sorted(change.added), sorted(change.changed), change.removed
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
            sections += ["", f"Retracted ({len(removed)}):", ""]
            sections += [f"- {table.key_label(key)}: {md(_note(retracted, key[0]))}"
                         for key in removed]
        elif removed:
            sections += ["", f"Removed ({len(removed)}):", ""]
            sections += [f"- {table.key_label(key)}" for key in removed]
    return "\n".join(out + sections) + "\n"


def _note(retracted: dict[str, str], uid: str) -> str:
    if uid in retracted:
        return f"retracted: {retracted[uid]}"
    return "no longer published"
