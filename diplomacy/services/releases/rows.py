"""A release's rows as plain values, in canonical order, a chunk at a time.

A row is a dict of the fields a release carries (``keys.released_fields``), each in
its public form: a foreign key as the related record's public id (uid, slug or code),
a many-to-many field as the sorted list of those ids, a decimal at its field's fixed
places. fixture.json, the CSVs and CHANGES.md are all written from these dicts.

Rows come from ``values_list`` queries joined to what the public ids need, never
model instances: building an instance (and Django's serializer walking it) cost ten
times more per row than the row itself, which decided the speed of a release of a
million events. Per chunk of rows there is one query per many-to-many field.

Nothing here may depend on the database: rows are ordered by natural key under a
byte-wise collation (``canonical_ordering``), lists are sorted in Python, decimals
are quantized, so SQLite and PostgreSQL loaded from the same fixture agree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from itertools import batched
from typing import Any

from django.db import connection, models
from django.db.models import F, Value
from django.db.models.functions import Coalesce, Collate

from diplomacy.models import Event, OrganisationAlias
from diplomacy.services.batches import in_batch

from .common import CHUNK, PUBLISHED
from .contents import Selection
from .keys import NATURAL_KEYS, PK_IS_KEY, released_fields

# Rows per chunk when streaming a model's rows (and per many-to-many query).
ITER_CHUNK = 2000

Row = dict[str, Any]


def _public_path(field: models.Field) -> str:
    """The values() path of the public id a relation points to."""
    related = field.related_model
    if related in PK_IS_KEY:
        return field.attname
    return f"{field.name}__{NATURAL_KEYS[related][0]}"


@dataclass(frozen=True)
class _M2M:
    name: str
    through: type[models.Model]
    owner: str  # the through table's column pointing at the row
    target: str  # values() path of the related record's public id


@dataclass(frozen=True)
class _Spec:
    """How to read ``model``'s rows: the values() paths, the row keys they fill."""

    names: tuple[str, ...]
    paths: tuple[str, ...]
    quanta: tuple[tuple[str, Decimal], ...]
    many: tuple[_M2M, ...]


@cache
def _spec(model: type[models.Model]) -> _Spec:
    names, paths, quanta, many = [], [], [], []
    if model in PK_IS_KEY:
        # The public id is the primary key, which the fixture carries as "pk" (not a
        # field) and the CSVs as a column.
        names.append(model._meta.pk.name)
        paths.append("pk")
    for name in released_fields(model):
        field = model._meta.get_field(name)
        if field.many_to_many:
            through = field.remote_field.through
            target = through._meta.get_field(field.m2m_reverse_field_name())
            many.append(_M2M(name=name, through=through, owner=field.m2m_column_name(),
                             target=_public_path(target)))
            continue
        names.append(name)
        paths.append(_public_path(field) if field.is_relation else field.attname)
        if isinstance(field, models.DecimalField):
            quanta.append((name, Decimal(1).scaleb(-field.decimal_places)))
    return _Spec(names=tuple(names), paths=tuple(paths), quanta=tuple(quanta),
                 many=tuple(many))


# An event's links to other records are emptied when these are not published: their
# status is read along with the row.
_LINK_STATUS = {"occasion": "occasion__curation_status",
                "agreement": "agreement__curation_status"}


def _rows(model: type[models.Model], queryset: models.QuerySet, *, chunk: int,
          extra: tuple[str, ...] = ()) -> Iterator[tuple[Any, Row, tuple[Any, ...]]]:
    """(primary key, row, values of the ``extra`` paths) for every row of ``queryset``,
    in its order; one query for the rows (a server-side cursor on PostgreSQL), then one
    per many-to-many field and chunk."""
    spec = _spec(model)
    names, quanta, width = spec.names, spec.quanta, len(spec.names)
    values = queryset.values_list("pk", *spec.paths, *extra).iterator(chunk_size=chunk)
    for batch in batched(values, chunk):
        lists = _many(spec, [values[0] for values in batch])
        for values in batch:
            row = dict(zip(names, values[1:width + 1], strict=True))
            for name, quantum in quanta:
                # SQLite and PostgreSQL may hand back 7 or 7.0 for the same numeric(3, 1).
                if row[name] is not None:
                    row[name] = Decimal(row[name]).quantize(quantum)
            for name, found in lists.items():
                row[name] = found.get(values[0], [])
            yield values[0], row, values[width + 1:]


def _many(spec: _Spec, pks: list[Any]) -> dict[str, dict[Any, list[str]]]:
    """Each many-to-many field's public ids for the rows ``pks``, sorted."""
    lists: dict[str, dict[Any, list[str]]] = {}
    for many in spec.many:
        found: dict[Any, list[str]] = defaultdict(list)
        for owner, target in many.through.objects.filter(in_batch(many.owner, pks)).values_list(
                many.owner, many.target).order_by():
            found[owner].append(target)
        for ids in found.values():
            ids.sort()
        lists[many.name] = found
    return lists


def _collation() -> str:
    # Code-point order on both: PostgreSQL's "C" and SQLite's BINARY compare UTF-8 bytes,
    # which sort as Python sorts strings. Natural keys never depend on the locale.
    return "C" if connection.vendor == "postgresql" else "BINARY"


def canonical_ordering(model: type[models.Model]) -> list[Any]:
    """ORDER BY expressions sorting ``model`` by its natural key, its parts as strings and
    a missing part as ""."""
    if model in PK_IS_KEY:
        paths = [model._meta.pk.name]
    else:
        paths = []
        for name in NATURAL_KEYS[model]:
            fld = model._meta.get_field(name)
            paths.append(_public_path(fld) if fld.is_relation else fld.attname)
    return [Collate(Coalesce(F(path), Value("")), _collation()) for path in paths]


def iter_rows(selection: Selection, model: type[models.Model], *, chunk: int = ITER_CHUNK
              ) -> Iterator[tuple[Any, Row]]:
    """(primary key, row) for the rows of ``model`` the release holds, in canonical order:
    links from events to unpublished records left empty, carried retractions
    stripped (``strip_retracted``)."""
    queryset = selection.querysets[model].order_by(*canonical_ordering(model))
    wanted = selection.ids.get(model)
    carried = selection.carried.get(model, ())
    # Organisation aliases are narrowed by their organisation, the rest by their own key.
    by_owner = model is OrganisationAlias
    extra = ("organisation_id",) if by_owner else ()
    if model is Event:
        extra = tuple(_LINK_STATUS.values())
    for pk, row, statuses in _rows(model, queryset, chunk=chunk, extra=extra):
        if wanted is not None and (statuses[0] if by_owner else pk) not in wanted:
            continue
        if pk in carried:
            strip_retracted(row)
        elif model is Event:
            for name, status in zip(_LINK_STATUS, statuses, strict=True):
                if row[name] is not None and status != PUBLISHED:
                    row[name] = None
        yield pk, row


def rows_by_pk(model: type[models.Model], pks: Iterable[Any]) -> Iterator[Row]:
    """The rows of ``model`` with these primary keys, as stored (in no particular order)."""
    pks = sorted(set(pks), key=str)
    for part in batched(pks, CHUNK):
        queryset = model._base_manager.filter(pk__in=part).order_by()
        for _pk, row, _extra in _rows(model, queryset, chunk=CHUNK):
            yield row


def strip_retracted(row: Row) -> None:
    """A carried retraction keeps its own fields, status, reason, speaker, and its links
    to countries, topics and CAMEO codes; links to other records are left empty."""
    for name in ("occasion", "agreement"):
        if name in row:
            row[name] = None
    for name in ("about_organisations", "about_people"):
        if name in row:
            row[name] = []


def interop_chunks(*, chunk: int = ITER_CHUNK) -> Iterator[list[int]]:
    """The primary keys of the published events, by date and id, a chunk at a time, for
    the interop files (``services.interop.interop_facts`` reads each chunk)."""
    events = Event.objects.filter(curation_status=PUBLISHED).order_by(
        "date", Collate(F("uid"), _collation())).values_list("pk", flat=True)
    for part in batched(events.iterator(chunk_size=chunk), chunk):
        yield list(part)
