"""How a release table is described: ``Table``, its ``Column``s and ``ForeignKey``s.

``col`` derives a column from a model field: type, enumerated values, whether
required, and its description, which is the field's ``help_text``; where a
field has none, the spec gives one (``fallback``). ``note`` adds what is true
of the CSV but not of the model (e.g. a link to an unpublished record is left
empty). The declarations themselves are in ``tables``.
"""

from __future__ import annotations

import datetime
import functools
import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models

from diplomacy.models import DatePrecision

# Reads a column's value from a release row (``rows.Row``: fields by name, links and
# lists already as public ids).
Getter = Callable[[dict[str, Any]], Any]

LIST_SEPARATOR = ";"

# What an enumerated value means, where the label alone does not say it.
ENUM_MEANINGS: dict[type[models.TextChoices], dict[str, str]] = {
    DatePrecision: {
        "day": "the date is the day itself",
        "month": "only the month is known; the date is the first day of that month",
        "year": "only the year is known; the date is 1 January of that year",
    },
}


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a Table Schema type: string, date, boolean, number
    description: str
    get: Getter
    required: bool = False
    enum: tuple[tuple[str, str], ...] = ()  # (value, meaning)
    max_length: int | None = None
    decimal_places: int | None = None
    is_list: bool = False
    # For a list column: the table and column each item refers to.
    list_ref: tuple[str, str] | None = None


@dataclass(frozen=True)
class ForeignKey:
    columns: tuple[str, ...]
    table: str
    ref_columns: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    name: str
    path: str
    title: str
    description: str
    model: type[models.Model]
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    # Which of the model's exported rows belong in this table (statements: kind=statement).
    include: Callable[[dict[str, Any]], bool] = lambda row: True
    # Curated claims (events, agreements): an id that disappears was retracted.
    curated: bool = False

    # Worked out once per table, not per row (a release reads them for every row).
    @functools.cached_property
    def header(self) -> list[str]:
        return [column.name for column in self.columns]

    @functools.cached_property
    def _key_of(self) -> Callable[[list[str]], tuple[str, ...]]:
        positions = [self.header.index(name) for name in self.primary_key]
        if len(positions) == 1:
            (position,) = positions
            return lambda row: (row[position],)
        return operator.itemgetter(*positions)

    def row(self, row: dict[str, Any]) -> list[str]:
        """One release row's CSV row (as strings)."""
        return [cell(column, column.get(row)) for column in self.columns]

    def rows(self, rows: Iterable[dict[str, Any]]) -> list[list[str]]:
        """The table's CSV rows (as strings) for release ``rows``, sorted by primary key."""
        rows = [[cell(column, column.get(row)) for column in self.columns]
                for row in rows if self.include(row)]
        key_positions = [self.header.index(name) for name in self.primary_key]
        return sorted(rows, key=lambda row: [row[i] for i in key_positions])

    def key(self, row: list[str]) -> tuple[str, ...]:
        return self._key_of(row)

    def key_label(self, key: tuple[str, ...]) -> str:
        """A primary key as Markdown code: the id alone, or ``name=value`` for the parts
        that are set."""
        if len(key) == 1:
            return f"`{key[0]}`"
        parts = [f"{name}={value}" for name, value in zip(self.primary_key, key, strict=True)
                 if value]
        return f"`{', '.join(parts)}`"


def cell(column: Column, value: Any) -> str:
    """One CSV cell: empty for null, ``true``/``false``, ISO dates, fixed decimals."""
    if value is None:
        return ""
    if column.is_list:
        return LIST_SEPARATOR.join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, f".{column.decimal_places}f")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _type_of(field: models.Field) -> str:
    if isinstance(field, models.BooleanField):
        return "boolean"
    if isinstance(field, models.DateField):
        return "date"
    if isinstance(field, models.DecimalField):
        return "number"
    return "string"


def _enum(field: models.Field) -> tuple[tuple[str, str], ...]:
    if not field.choices:
        return ()
    meanings: dict[str, str] = {}
    for choices, texts in ENUM_MEANINGS.items():
        if set(choices.values) == {value for value, _ in field.choices}:
            meanings = texts
    return tuple((value, meanings.get(value, str(label))) for value, label in field.choices)


def col(model: type[models.Model], field_name: str, *, name: str | None = None,
        fallback: str = "", note: str = "", get: Getter | None = None,
        required: bool | None = None, ref: tuple[str, str] | None = None) -> Column:
    """A column from a model field: type, description, enum and required-ness follow it.
    ``fallback`` describes a field without ``help_text``; the ``help_text`` wins."""
    field = model._meta.get_field(field_name)
    description = str(field.help_text or fallback or field.verbose_name).strip()
    if note:
        description = f"{description} {note}"
    if field.many_to_many:
        target = ref[0] if ref else field.related_model._meta.verbose_name_plural
        return Column(
            name=name or field_name, type="string", is_list=True, list_ref=ref,
            description=f"{description} Ids separated by '{LIST_SEPARATOR}' ({target}).",
            get=get or _field(field_name),
        )
    if field.is_relation:
        return Column(name=name or field_name, type="string", description=description,
                      get=get or _field(field_name),
                      required=(not field.null) if required is None else required)
    return Column(
        name=name or field_name,
        type=_type_of(field),
        description=description,
        get=get or _field(field_name),
        required=(not (field.null or field.blank)) if required is None else required,
        enum=_enum(field),
        max_length=getattr(field, "max_length", None) if _type_of(field) == "string" else None,
        decimal_places=getattr(field, "decimal_places", None),
    )


def _field(name: str) -> Getter:
    return lambda row: row[name]


def id_col(model: type[models.Model], field_name: str) -> Column:
    """The public id column, named ``id``."""
    return col(model, field_name, name="id", required=True)


def precision_col(model: type[models.Model], precision: str, date: str) -> Column:
    """A precision column, empty when its date is empty (the precision of nothing)."""
    return col(model, precision, required=False,
               fallback=f"How much of {date} the sources support.",
               note=f"Empty when {date} is empty.",
               get=lambda row: row[precision] if row[date] else None)


def fk(columns: str | tuple[str, ...], table: str, ref: str | tuple[str, ...] = "id"
       ) -> ForeignKey:
    columns = (columns,) if isinstance(columns, str) else columns
    ref = (ref,) if isinstance(ref, str) else ref
    return ForeignKey(columns=columns, table=table, ref_columns=ref)
