"""Checking that a release's CSVs say what its fixture holds: same rows, same values.

A release writes each table twice, as ``fixture.json`` objects and as CSV rows, from
the same release rows (``rows``). On import the CSVs have been validated on their own
(``verifying``); here every fixture object, as it streams past, is turned back into
its release row and rendered into CSV rows by the very column getters the release
used (``tables.TABLES``), and each is matched with the CSV row of the same primary
key. What is left over on either side at the end is a row one file has and the other
lacks.

The fixture is rendered as it is, not read back from the database: the check does
not depend on what this database already holds (a record left alone because it
differs here is checked like any other), costs no query, and keeps no record in
memory beyond the CSV rows still waiting for their match.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import models

from .common import FIXTURE, FixtureObject
from .keys import PK_IS_KEY, released_fields
from .rows import Row
from .schema import Table
from .tables import TABLES
from .verifying import ParsedTable, fail


def _public(model: type[models.Model], raw: Any) -> Any:
    """A fixture's reference (the primary key, or a one-part natural key) as the public id
    a release row holds."""
    if model in PK_IS_KEY:
        return model._meta.pk.to_python(raw)
    return raw[0] if isinstance(raw, list) and raw else raw


@dataclass(frozen=True)
class _Plan:
    """How one model's fixture objects become release rows, worked out once per model."""

    plain: list[tuple[str, str, Any]]  # name, attname, default when the fixture omits it
    relations: list[tuple[str, type[models.Model]]]
    many: list[tuple[str, type[models.Model]]]
    pk: models.Field | None  # when the primary key is the public id


@functools.cache
def _plan(model: type[models.Model]) -> _Plan:
    fields = [model._meta.get_field(name) for name in released_fields(model)]
    return _Plan(
        plain=[(f.name, f.attname, f.get_default()) for f in fields if not f.is_relation],
        relations=[(f.name, f.related_model) for f in fields
                   if f.is_relation and not f.many_to_many],
        many=[(f.name, f.related_model) for f in fields if f.many_to_many],
        pk=model._meta.pk if model in PK_IS_KEY else None,
    )


def release_row(obj: FixtureObject) -> Row:
    """The release row (``rows.Row``: public ids for links, sorted lists for many-to-many)
    a fixture object stands for: what the column getters read."""
    plan = _plan(obj.model)
    values, fields = obj.values, obj.fields
    row = {name: values[attname] if name in fields else default
           for name, attname, default in plan.plain}
    for name, target in plan.relations:
        raw = fields.get(name)
        row[name] = None if raw is None else _public(target, raw)
    for name, target in plan.many:
        row[name] = sorted(_public(target, raw) for raw in fields.get(name) or [])
    if plan.pk is not None:
        row[plan.pk.name] = plan.pk.to_python(obj.pk)
    return row


class CrossCheck:
    """Feed it every fixture object (``see``); ``finish`` raises ReleaseError naming the
    CSV file, row and field of every disagreement, in the files' own order."""

    def __init__(self, parsed: dict[str, ParsedTable]) -> None:
        self._tables: dict[type[models.Model], list[Table]] = defaultdict(list)
        for table in TABLES:
            self._tables[table.model].append(table)
        # The CSV rows still waiting for their fixture object, by table and primary key.
        self._waiting = {table.name: {table.key(cells): (number, cells)
                                      for number, cells in parsed[table.name].rows}
                         for table in TABLES}
        # (row number, column position, message) by table.
        self._problems: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        self._unmatched: dict[str, list[tuple[str, ...]]] = defaultdict(list)

    def see(self, obj: FixtureObject) -> None:
        tables = self._tables.get(obj.model)
        if not tables:
            return
        release = release_row(obj)
        for table in tables:
            if not table.include(release):
                continue
            row = table.row(release)
            key = table.key(row)
            found = self._waiting[table.name].pop(key, None)
            if found is None:
                self._unmatched[table.name].append(key)
                continue
            number, cells = found
            for position, (csv_value, fixture_value) in enumerate(zip(cells, row, strict=True)):
                if csv_value != fixture_value:
                    self._problems[table.name].append((number, position, (
                        f"{table.path}: row {number}, field {table.header[position]}: "
                        f"{csv_value!r} but {FIXTURE} says {fixture_value!r}")))

    def finish(self) -> None:
        errors: list[str] = []
        for table in TABLES:
            problems = self._problems[table.name] + [
                (number, 0, f"{table.path}: row {number}, field {table.primary_key[0]}: "
                            f"{table.key_label(key)} is not in {FIXTURE}")
                for key, (number, _) in self._waiting[table.name].items()]
            errors += [message for _, _, message in sorted(problems)]
            errors += [f"{FIXTURE}: {table.name} {table.key_label(key)} has no row in "
                       f"{table.path}" for key in sorted(self._unmatched[table.name])]
        fail(errors)

