"""Loading fixture objects in bulk without clobbering: what is new is added, what exists
and differs is reported and left alone (or, when asked, updated; a local draft keeps
its status).

``Loader`` takes fixture objects one at a time (``feed``), gathers them in batches of
one model, resolves every natural key of a batch with one query per related model,
and writes new rows through ``BulkWriter`` (COPY on PostgreSQL), each with its first
history row naming the user and the reason. Existing rows are compared field by
field, local bookkeeping (``keys.LOCAL_FIELDS``) aside. Run inside one transaction.
"""

from __future__ import annotations

import datetime
import functools
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import DatabaseError, connection, models, transaction

from diplomacy.models import CurationStatus
from diplomacy.models.common import CuratedRecord
from diplomacy.services.batches import in_batch
from diplomacy.services.bulk import BulkWriter, _insert

from .common import FixtureObject, ReleaseError
from .keys import LOCAL_FIELDS, NATURAL_KEYS, OWNERS, PK_IS_KEY

BATCH = 2000
# Keys per lookup query: one parameter each (``in_batch``), so a whole batch at once.
CHUNK = BATCH


def refuse(message: str, errors: list[str] | None = None) -> ReleaseError:
    return ReleaseError(f"{message}; nothing was imported.", errors=errors or ())


class _Rollback(Exception):
    pass


@dataclass
class LoadResult:
    objects: int = 0
    created: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    unchanged: int = 0
    updated: list[str] = field(default_factory=list)
    # Records that exist here and differ from the file, left alone: "model key".
    differing: list[str] = field(default_factory=list)
    new_events: list[int] = field(default_factory=list)
    # Every model a row was written to (history, feed and link tables included).
    written: set[type[models.Model]] = field(default_factory=set)


@dataclass
class _Item:
    index: int
    where: str
    model: type[models.Model]
    fields: dict[str, Any]
    # The other fields' values, converted by ``importing`` as it checked them.
    values: dict[str, Any]
    pk: Any = None
    row: dict[str, Any] = field(default_factory=dict)
    links: dict[str, list[Any]] = field(default_factory=dict)
    key: tuple = ()
    raw_key: tuple[str, ...] = ()


@functools.cache
def _relations(model: type[models.Model]) -> list[models.Field]:
    """``model``'s relations a fixture object carries as natural keys (or primary keys)."""
    return [f for f in [*model._meta.concrete_fields, *model._meta.many_to_many]
            if f.is_relation and f.name not in LOCAL_FIELDS]


class _Writer(BulkWriter):
    """BulkWriter that names the fixture object whose row the database refused."""

    def __init__(self, *, labels: dict, **kwargs) -> None:
        super().__init__(**kwargs)
        self.labels = labels

    def _flush(self, model: type[models.Model]) -> None:
        rows = list(self._rows.get(model, []))  # the same dicts, to retry one by one
        try:
            with transaction.atomic():
                super()._flush(model)
        except (DatabaseError, connection.Database.Error) as exc:
            raise self._culprit(model, rows, exc) from exc
        for row in rows:
            self.labels.pop((model, row.get(model._meta.pk.attname)), None)

    def _culprit(self, model, rows: list[dict], exc: Exception) -> ReleaseError:
        for row in rows:
            try:
                with transaction.atomic():
                    _insert(model, [row])
                    raise _Rollback
            except _Rollback:
                continue
            except (DatabaseError, connection.Database.Error) as one:
                where = self.labels.get((model, row.get(model._meta.pk.attname)),
                                        model._meta.label_lower)
                return refuse(f"{where}: {one}")
        return refuse(f"{model._meta.label_lower}: {exc}")


class Loader:
    def __init__(self, *, user_id: int | None, reason: str, moment: datetime.datetime,
                 update: bool = False) -> None:
        self.user_id, self.reason, self.update = user_id, reason, update
        self.labels: dict[tuple[type[models.Model], Any], str] = {}
        self.writer = _Writer(labels=self.labels, history_user_id=user_id, reason=reason,
                              moment=moment)
        self.result = LoadResult()
        self._cache: dict[type[models.Model], dict[tuple, Any]] = defaultdict(dict)
        self._seen: dict[type[models.Model], set[tuple]] = defaultdict(set)
        self._locked: set[tuple[type[models.Model], Any]] = set()
        self._batch: list[_Item] = []
        self._deferred: list[tuple[_Item, models.Field, tuple]] = []
        self._new_pks: dict[type[models.Model], set] = defaultdict(set)

    # --- input ------------------------------------------------------------------------------

    def feed(self, obj: FixtureObject) -> None:
        if self._batch and (self._batch[0].model is not obj.model or len(self._batch) >= BATCH):
            self._process()
        self._batch.append(_Item(index=obj.index, where=obj.where, model=obj.model,
                                 fields=obj.fields, values=obj.values, pk=obj.pk))
        self.result.objects += 1

    def finish(self) -> LoadResult:
        self._process()
        self.writer.close()
        self._fix_forward_references()
        self.result.written = {apps.get_model(label) for label, rows in
                               self.writer.written.items() if rows}
        return self.result

    # --- keys -------------------------------------------------------------------------------

    def _lookup(self, target: type[models.Model], raw_keys: set[tuple]) -> None:
        """Put the primary keys of these natural keys (one-part) of ``target`` in the cache."""
        cache = self._cache[target]
        missing = sorted({key for key in raw_keys if key not in cache}, key=str)
        if not missing:
            return
        (name,) = NATURAL_KEYS[target]
        for start in range(0, len(missing), CHUNK):
            chunk = [key[0] for key in missing[start:start + CHUNK]]
            for value, pk in target._base_manager.filter(in_batch(name, chunk)).values_list(
                    name, "pk").order_by():
                cache[(value,)] = pk

    def _resolve(self, batch: list[_Item]) -> None:
        model = batch[0].model
        wanted: dict[type[models.Model], set[tuple]] = defaultdict(set)
        relations = [f for f in [*model._meta.concrete_fields, *model._meta.many_to_many]
                     if f.is_relation and f.related_model not in PK_IS_KEY]
        for item in batch:
            for fld in relations:
                value = item.fields.get(fld.name)
                values = (value or []) if fld.many_to_many else ([value] if value else [])
                for key in values:
                    if not isinstance(key, list) or len(key) != 1:
                        raise refuse(f"{item.where}, field {fld.name}: {key!r} is not a "
                                     "natural key")
                    wanted[fld.related_model].add(tuple(key))
        for target, keys in wanted.items():
            self._lookup(target, keys)
        for item in batch:
            self._build(item)

    def _target(self, item: _Item, fld: models.Field, value: Any) -> Any:
        if value is None:
            return None
        if fld.related_model in PK_IS_KEY:
            return fld.related_model._meta.pk.to_python(value)
        pk = self._cache[fld.related_model].get(tuple(value))
        if pk is None:
            if fld.related_model is item.model and not fld.many_to_many:
                self._deferred.append((item, fld, tuple(value)))
                return None
            raise refuse(f"{item.where}, field {fld.name}: {fld.related_model._meta.label_lower}"
                         f" {value[0]!r} is neither in the file nor in the database")
        return pk

    def _build(self, item: _Item) -> None:
        model = item.model
        item.row = {name: value for name, value in item.values.items()
                    if name not in LOCAL_FIELDS}
        for fld in _relations(model):
            if fld.name not in item.fields:
                continue
            raw = item.fields[fld.name]
            if fld.many_to_many:
                item.links[fld.name] = sorted({self._target(item, fld, v) for v in raw or []},
                                              key=str)
            else:
                item.row[fld.attname] = self._target(item, fld, raw)
        if model in PK_IS_KEY:
            item.pk = model._meta.pk.to_python(item.pk)
            item.key = item.raw_key = (str(item.pk),)
            return
        parts = [model._meta.get_field(name) for name in NATURAL_KEYS[model]]
        item.key = tuple(item.row.get(f.attname) for f in parts)
        raw = []
        for fld in parts:
            value = item.fields.get(fld.name)
            if isinstance(value, list):
                value = value[0] if value else None
            raw.append("" if value is None else str(value))
        item.raw_key = tuple(raw)

    # --- rows -------------------------------------------------------------------------------

    def _existing(self, model: type[models.Model], batch: list[_Item]) -> dict[tuple, dict]:
        if model in PK_IS_KEY:
            first, names = model._meta.pk, [model._meta.pk.attname]
        else:
            names = [model._meta.get_field(n).attname for n in NATURAL_KEYS[model]]
            first = model._meta.get_field(NATURAL_KEYS[model][0])
        new_pks = self._new_pks.get(first.related_model, set()) if first.is_relation else set()
        values = sorted({item.key[0] for item in batch if item.key[0] is not None
                         and item.key[0] not in new_pks}, key=str)
        columns = [f.attname for f in model._meta.concrete_fields if f.attname not in LOCAL_FIELDS]
        if issubclass(model, CuratedRecord) and "curation_status" not in columns:
            columns.append("curation_status")
        found: dict[tuple, dict] = {}
        for start in range(0, len(values), CHUNK):
            chunk = values[start:start + CHUNK]
            for row in model._base_manager.filter(in_batch(first.attname, chunk)).values(
                    *columns).order_by():
                found[tuple(row[name] for name in names)] = row
        for fld in model._meta.many_to_many:
            through = fld.remote_field.through
            owner, target = fld.m2m_field_name(), fld.m2m_reverse_field_name()
            pks = [row["id"] for row in found.values()]
            by_pk = {row["id"]: row for row in found.values()}
            for row in by_pk.values():
                row[fld.name] = []
            for start in range(0, len(pks), CHUNK):
                for owner_pk, target_pk in through.objects.filter(
                        in_batch(f"{owner}_id", pks[start:start + CHUNK])).values_list(
                        f"{owner}_id", f"{target}_id").order_by():
                    by_pk[owner_pk][fld.name].append(target_pk)
            for row in by_pk.values():
                row[fld.name].sort(key=str)
        return found

    def _process(self) -> None:
        batch, self._batch = self._batch, []
        if not batch:
            return
        model = batch[0].model
        self._resolve(batch)
        existing = self._existing(model, batch)
        for item in batch:
            if item.key in self._seen[model]:
                raise refuse(f"{item.where}: appears twice in the file")
            self._seen[model].add(item.key)
            local = existing.get(item.key)
            if local is None:
                self._add(model, item)
            else:
                self._compare(model, item, local)

    def _owner_locked(self, model: type[models.Model], item: _Item) -> bool:
        for name in OWNERS.get(model, ()):
            fld = model._meta.get_field(name)
            pk = item.row.get(fld.attname)
            if pk is not None and (fld.related_model, pk) in self._locked:
                return True
        return False

    def _label(self, model: type[models.Model], item: _Item) -> str:
        return f"{model._meta.label_lower} {'/'.join(part for part in item.raw_key if part)}"

    def _skip(self, model: type[models.Model], item: _Item, pk: Any) -> None:
        self.result.differing.append(self._label(model, item))
        if pk is not None:
            self._locked.add((model, pk))

    def _add(self, model: type[models.Model], item: _Item) -> None:
        if self._owner_locked(model, item) and not self.update:
            self._skip(model, item, None)
            return
        if model in PK_IS_KEY:
            pk = item.pk
        else:
            (pk,) = self.writer.allocate(model, 1)
            self._new_pks[model].add(pk)
        item.row[model._meta.pk.attname] = pk
        self.labels[(model, pk)] = item.where
        self.writer.add(model, item.row)
        for name, targets in item.links.items():
            self.writer.add_links(model._meta.get_field(name), pk, targets)
        self._remember(model, item, pk)
        self.result.created[model._meta.label_lower] += 1
        if model._meta.model_name == "event":
            self.result.new_events.append(pk)

    def _remember(self, model: type[models.Model], item: _Item, pk: Any) -> None:
        if len(NATURAL_KEYS.get(model, ())) == 1:
            self._cache[model][(item.raw_key[0],)] = pk

    def _compare(self, model: type[models.Model], item: _Item, local: dict) -> None:
        pk = local[model._meta.pk.attname]
        self._remember(model, item, pk)
        incoming = {**item.row, **item.links}
        if incoming.get("curation_status") == CurationStatus.RETRACTED:
            # A retraction travels without its links: only its status and reason count.
            incoming = {name: incoming.get(name, "")
                        for name in ("curation_status", "retraction_reason")}
        changed = [name for name, value in incoming.items() if local.get(name) != value]
        if not changed:
            self.result.unchanged += 1
            return
        if not self.update:
            self._skip(model, item, pk)
            return
        if local.get("curation_status") == CurationStatus.DRAFT:
            # An import never publishes or retracts a local draft.
            incoming["curation_status"] = CurationStatus.DRAFT
            incoming["retraction_reason"] = local.get("retraction_reason", "")
        self._apply(model, pk, incoming)
        self.result.updated.append(self._label(model, item))

    def _apply(self, model: type[models.Model], pk: Any, values: dict[str, Any]) -> None:
        """One ORM save, so the record's history, feed and derived rows follow."""
        obj = model._base_manager.get(pk=pk)
        for name, value in values.items():
            fld = model._meta.get_field(name) if name in {f.name for f in
                                                         model._meta.many_to_many} else None
            if fld is not None:
                getattr(obj, name).set(value)
            else:
                setattr(obj, name, value)
        if hasattr(obj, "version"):
            obj.version += 1
        obj._change_reason = self.reason
        if self.user_id is not None:
            obj._history_user = get_user_model()._base_manager.get(pk=self.user_id)
        obj.save()

    def _fix_forward_references(self) -> None:
        """Self-references to a record later in the file (an organisation's parent, a
        statement's occasion) were written empty; fill them in now, history included."""
        for item, fld, key in self._deferred:
            target = self._cache[item.model].get(key)
            if target is None:
                self._lookup(item.model, {key})
                target = self._cache[item.model].get(key)
            if target is None:
                raise refuse(f"{item.where}, field {fld.name}: {item.model._meta.label_lower} "
                              f"{key[0]!r} is neither in the file nor in the database")
            pk = item.row.get(item.model._meta.pk.attname)
            if pk is None:
                continue  # the object was left alone
            item.model._base_manager.filter(pk=pk).update(**{fld.attname: target})
            item.model.history.filter(id=pk, history_change_reason=self.writer.reason,
                                      history_type="+").update(**{fld.attname: target})

