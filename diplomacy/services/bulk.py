"""The bulk write path: many rows of many models, with their history, fast.

Imports of a release and ``manage.py synthesize`` write hundreds of thousands of rows.
Saving them one by one (as ``loaddata`` does) runs at about a hundred rows a second;
this path writes them in batches — PostgreSQL's COPY, or one multi-row INSERT per
batch on SQLite — at tens of thousands a second, and gives each curated row its
first history entry ("+", who, when, why) as a normal save would, many-to-many
snapshots included.

The caller gives rows as dicts of column values (``attname`` → value) and chooses
primary keys with ``allocate``, so children can point at parents before anything
is written. Nothing here validates: callers check rows first (imports validate
every row; synthesize builds valid ones), and the database's constraints hold
either way. Run inside one transaction; derived tables are the caller's to refresh.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.db.models import Max

from diplomacy.models import CameoCode, Change, Event

from .changelog import entries_for_bulk

BATCH = 5000


class BulkWriter:
    """Buffers rows per model and writes them in batches, parents before children.

    ``history`` (user, reason, moment) is written for every model that keeps history.
    Call ``close()`` (or use as a context manager) to write what is left and move the
    primary-key sequences past the keys used.
    """

    def __init__(self, *, history_user_id: int | None, reason: str,
                 moment: datetime.datetime, batch: int = BATCH) -> None:
        self.history_user_id = history_user_id
        self.reason = reason[:100]  # simple_history keeps the reason in a varchar(100)
        self.moment = moment
        self.batch = batch
        self._rows: dict[type[models.Model], list[dict]] = defaultdict(list)
        self._order: list[type[models.Model]] = []
        self._next_id: dict[type[models.Model], int] = {}
        self.written: dict[str, int] = defaultdict(int)
        # The history row this writer gave each record whose history keeps many-to-many
        # links (an event's topics…), which its link snapshots point to.
        self._history_ids: dict[type[models.Model], dict[Any, int]] = defaultdict(dict)

    def __enter__(self) -> BulkWriter:
        return self

    def __exit__(self, exc_type, exc, traceback) -> None:
        if exc_type is None:
            self.close()

    # --- keys ---------------------------------------------------------------------------

    def allocate(self, model: type[models.Model], count: int) -> range:
        """``count`` fresh primary keys for ``model`` (above every key in use)."""
        if model not in self._next_id:
            current = model._base_manager.aggregate(top=Max("pk"))["top"] or 0
            self._next_id[model] = current + 1
        start = self._next_id[model]
        self._next_id[model] = start + count
        return range(start, start + count)

    # --- rows -----------------------------------------------------------------------------

    def add(self, model: type[models.Model], row: dict) -> None:
        """Queue one row (a dict of ``attname`` → value, its primary key included)."""
        if model not in self._order:
            self._order.append(model)
        if _has_last_change(model) and row.get("updated_at") is None:
            row["updated_at"] = self.moment  # an event's last change: this write
        rows = self._rows[model]
        rows.append(row)
        if len(rows) >= self.batch:
            self._flush(model)

    def add_links(self, field: models.ManyToManyField, owner_pk, target_pks: Iterable) -> None:
        """Queue many-to-many links (an event's topics…) with their history snapshot."""
        through = field.remote_field.through
        owner, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        for target_pk in target_pks:
            self.add(through, {f"{owner}_id": owner_pk, f"{target}_id": target_pk})

    def flush_all(self) -> None:
        """Write every queued row, parents first (the order models were first added)."""
        for model in list(self._order):
            self._flush(model)

    def close(self) -> None:
        self.flush_all()
        self._reset_sequences()

    # --- writing ---------------------------------------------------------------------------

    def _flush(self, model: type[models.Model]) -> None:
        rows = self._rows.pop(model, [])
        if not rows:
            return
        if model._meta.auto_created:  # a many-to-many through table: rows carry no key
            for row, pk in zip(rows, self.allocate(model, len(rows)), strict=True):
                row["id"] = pk
        # Parents first: a child batch may be full before its parents are written.
        for parent in self._order[: self._order.index(model)]:
            if parent is not model and self._rows.get(parent):
                self._flush(parent)
        if model is Event:
            _copy_intensity(rows)
        _insert(model, rows)
        self.written[model._meta.label] += len(rows)
        history = getattr(model, "history", None)
        if history is not None:
            self._write_history(model, history.model, rows)
        elif model._meta.auto_created:
            self._write_link_history(model, rows)

    def _write_history(self, model, historical, rows: list[dict]) -> None:
        # A column the rows leave to its default (a record's version) has it in history too.
        defaults = {f.attname: f.get_default() for f in model._meta.concrete_fields}
        stamp = {"history_date": self.moment, "history_type": "+",
                 "history_change_reason": self.reason, "history_user_id": self.history_user_id}
        # Merged dicts (built in C); columns history does not keep are left out by _insert.
        entries = [{**defaults, **row, **stamp, "history_id": history_id}
                   for row, history_id in zip(rows, self.allocate(historical, len(rows)),
                                              strict=True)]
        _insert(historical, entries)
        self.written[historical._meta.label] += len(entries)
        if getattr(historical, "_history_m2m_fields", None):
            pk = model._meta.pk.attname
            self._history_ids[model].update(
                (entry[pk], entry["history_id"]) for entry in entries)
        feed = entries_for_bulk(model, rows, at=self.moment, user_id=self.history_user_id,
                                reason=self.reason)
        _insert(Change, [{f.attname: getattr(entry, f.attname)
                          for f in Change._meta.concrete_fields if f.attname != "id"}
                         for entry in feed])
        self.written[Change._meta.label] += len(feed)

    def _write_link_history(self, through, rows: list[dict]) -> None:
        """Many-to-many snapshots: simple_history stores an owner's links with the history
        row of the owner's save (HistoricalEvent_topics for Event.topics)."""
        owner_field = next(f for f in through._meta.concrete_fields
                           if f.is_relation and hasattr(f.related_model, "history"))
        owner = owner_field.related_model
        m2m = next((f for f in owner._meta.many_to_many
                    if f.remote_field.through is through), None)
        if m2m is None or m2m not in owner.history.model._history_m2m_fields:
            return
        snapshot = apps.get_model(owner._meta.app_label, f"Historical{owner.__name__}_{m2m.name}")
        # The history row this writer gave each owner (its parents are written first),
        # remembered as it was written: reading it back, a million events in, scanned a
        # history table that has no planner statistics inside the import's transaction.
        history_ids = self._history_ids[owner]
        entries = [{**row, "history_id": history_ids[row[owner_field.attname]]}
                   for row in rows if row[owner_field.attname] in history_ids]
        for entry, pk in zip(entries, self.allocate(snapshot, len(entries)), strict=True):
            entry["m2m_history_id"] = pk
        _insert(snapshot, entries)
        self.written[snapshot._meta.label] += len(entries)

    def _reset_sequences(self) -> None:
        """Move each table's key sequence past the keys this writer chose (PostgreSQL;
        SQLite takes the next key from the table itself)."""
        if connection.vendor != "postgresql" or not self._next_id:
            return
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), list(self._next_id)):
                cursor.execute(sql)


def _copy_intensity(rows: list[dict]) -> None:
    """Give new event rows their copy of the CAMEO code's Goldstein intensity (which
    services.derived keeps in step afterwards): written with the row, it spares an
    UPDATE rewriting every new event and its indexes. The codes are written by now."""
    codes = {row.get("cameo_id") for row in rows} - {None}
    goldstein = dict(CameoCode.objects.filter(code__in=codes).values_list("code", "goldstein"))
    for row in rows:
        if row.get("sort_intensity") is None:
            row["sort_intensity"] = goldstein.get(row.get("cameo_id"))


def analyze(models_written: Iterable[type[models.Model]]) -> None:
    """Fresh planner statistics for these tables (PostgreSQL; SQLite plans without them).
    After a bulk load PostgreSQL still believes the tables are as small as before and
    answers pages with sequential scans, several times slower, until autovacuum gets
    round to them. Inside the caller's transaction, the rows it wrote are counted."""
    if connection.vendor != "postgresql":
        return
    tables = sorted({model._meta.db_table for model in models_written})
    if tables:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))


def _has_last_change(model: type[models.Model]) -> bool:
    return any(f.attname == "updated_at" for f in model._meta.concrete_fields)


# Field types whose values of these exact Python types the database driver takes as
# they are: Django's own preparation of them (to_python, then the backend's adapter)
# returns the very same value, and runs a few calls deep for every cell.
_AS_IS_TYPES: dict[str, tuple[type, ...]] = {
    **dict.fromkeys(("CharField", "TextField", "SlugField", "EmailField", "URLField"), (str,)),
    **dict.fromkeys(("AutoField", "BigAutoField", "SmallAutoField", "IntegerField",
                     "BigIntegerField", "SmallIntegerField", "PositiveIntegerField",
                     "PositiveBigIntegerField", "PositiveSmallIntegerField"), (int,)),
    "BooleanField": (bool,),
}


def _as_is(field: models.Field, db) -> frozenset[type]:
    """The Python types (None included) whose values need no preparation for ``field``."""
    target = field.target_field if field.is_relation else field
    types = _AS_IS_TYPES.get(target.get_internal_type(), ())
    if target.get_internal_type() == "DateField" and db.vendor == "postgresql":
        types = (datetime.date,)  # psycopg adapts dates itself (SQLite wants strings)
    return frozenset((*types, type(None))) if types else frozenset()


def _prepared(fields: list[models.Field], rows: list[dict], db) -> list[list]:
    """Each row's values as the database takes them, converted by each field as the ORM
    would, except columns whose values are all in the form the driver takes already
    (``_AS_IS_TYPES``). Column by column: a column's checks run once, in C."""
    columns = []
    for field in fields:
        name, as_is, prepare = field.attname, _as_is(field, db), field.get_db_prep_save
        values = [row.get(name) for row in rows]
        if not as_is.issuperset(map(type, values)):
            # The same object repeats down a column (a write's moment, a reason): once.
            last, prepared = object(), None
            for i, value in enumerate(values):
                if value is not last:
                    last, prepared = value, prepare(value, db)
                values[i] = prepared
        columns.append(values)
    return [list(row) for row in zip(*columns, strict=True)] if columns else [[] for _ in rows]


def _insert(model: type[models.Model], rows: list[dict]) -> None:
    """Write ``rows`` into ``model``'s table: COPY on PostgreSQL, multi-row INSERTs on
    SQLite. Values are converted by each field, as the ORM would."""
    if not rows:
        return
    # The connection itself, not django.db.connection: every attribute read through that
    # proxy costs a lookup, and preparing values reads it once per cell.
    db = connections[DEFAULT_DB_ALIAS]
    fields = [f for f in model._meta.concrete_fields if f.attname in rows[0]]
    columns = [f.column for f in fields]
    table = db.ops.quote_name(model._meta.db_table)
    quoted = ", ".join(db.ops.quote_name(c) for c in columns)
    values = _prepared(fields, rows, db)
    with db.cursor() as cursor:
        if db.vendor == "postgresql":
            with cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                for value in values:
                    copy.write_row(value)
            return
        # SQLite allows 32766 parameters in one statement.
        per_statement = max(1, 30000 // len(columns))
        placeholder = f"({', '.join(['%s'] * len(columns))})"
        for start in range(0, len(values), per_statement):
            chunk = values[start:start + per_statement]
            cursor.execute(f"INSERT INTO {table} ({quoted}) VALUES "  # noqa: S608 (names quoted)
                           + ", ".join([placeholder] * len(chunk)),
                           [item for value in chunk for item in value])
