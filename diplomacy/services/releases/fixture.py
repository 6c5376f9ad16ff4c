"""fixture.json written from release rows, byte for byte what Django's serializer writes.

The fixture is ``dumpdata --natural-foreign --natural-primary --indent 2`` of the
released fields. Django's serializer needs a model instance per object and its
``json.dump(indent=2)`` runs the pure-Python encoder, token by token; the two were
most of the time of a large release. Here each model's layout is worked out once
and an object is a join of strings; strings are escaped by the json module's own C
escaper, so the bytes cannot differ. tests/test_release_streaming.py holds the
file to Django's own output.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from typing import IO, Any

from django.db import models

from .keys import released_fields
from .rows import Row

# The json module's escaper for ensure_ascii=False (C-accelerated), which json.dump
# itself calls for every string.
_escape: Callable[[str], str] = json.encoder.encode_basestring  # type: ignore[attr-defined]

# Indents of Django's layout (indent=2): the object, its fields, a list's items and
# the parts of a natural key inside a list.
_FIELD, _ITEM, _PART = "\n    ", "\n      ", "\n        "


def _scalar(value: Any) -> str:
    """A value as DjangoJSONEncoder writes it."""
    if isinstance(value, str):
        return _escape(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return _escape(value.isoformat())
    if isinstance(value, Decimal):
        return _escape(str(value))
    # Nothing a release carries is of another type; say so rather than guess.
    raise TypeError(f"no fixture encoding for {type(value).__name__}")


def _natural(public_id: str | None, indent: str) -> str:
    """A one-part natural key (a list of one string) at ``indent``, or null."""
    if public_id is None:
        return "null"
    return f"[{indent}  {_escape(public_id)}{indent}]"


def _list(items: list[str]) -> str:
    return f"[{_ITEM}{(',' + _ITEM).join(items)}{_FIELD}]" if items else "[]"


Encoder = Callable[[Any], str]


@cache
def _layout(model: type[models.Model]) -> tuple[str, bool, tuple[tuple[str, str, Encoder], ...]]:
    """The object's head, whether it carries "pk", and (field, its '"name": ' text, its
    encoder) in Django's order: concrete fields, then many-to-many fields."""
    natural_pk = hasattr(model, "natural_key")
    fields = []
    for name in released_fields(model):
        field = model._meta.get_field(name)
        # Django writes a relation as the related record's natural key where it has one.
        natural = field.is_relation and hasattr(field.related_model, "natural_key")
        if field.many_to_many and natural:
            encode = lambda ids: _list([_natural(i, _ITEM) for i in ids])  # noqa: E731
        elif field.many_to_many:
            encode = lambda ids: _list([_escape(i) for i in ids])  # noqa: E731
        elif natural:
            encode = lambda public_id: _natural(public_id, _FIELD)  # noqa: E731
        else:
            encode = _scalar
        fields.append((name, f"{_FIELD}{_escape(name)}: ", encode))
    head = f'{{\n  "model": {_escape(str(model._meta))},'
    return head, not natural_pk, tuple(fields)


class FixtureWriter:
    """Writes fixture.json to ``stream`` an object at a time (``write``), then ``close``."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.first = True
        stream.write("[")

    def write(self, model: type[models.Model], pk: Any, row: Row) -> None:
        head, with_pk, fields = _layout(model)
        parts = [",\n" if not self.first else "\n", head]
        if with_pk:
            parts.append(f"\n  \"pk\": {_scalar(pk)},")
        parts.append('\n  "fields": {')
        parts.append(",".join(label + encode(row[name]) for name, label, encode in fields))
        parts.append("\n  }\n}")
        self.stream.write("".join(parts))
        self.first = False

    def close(self) -> None:
        self.stream.write("\n]\n")
