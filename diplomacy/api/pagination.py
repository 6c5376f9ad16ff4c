from __future__ import annotations

import base64
import binascii
import datetime
import json
from collections.abc import Iterator
from decimal import Decimal

from django.db import connection
from django.db.models import DateField, DateTimeField, DecimalField, F, IntegerField, Value
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan, TupleLessThan
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import BasePagination, PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param


class Pagination(PageNumberPagination):
    """Pages with ``results``, ``next`` and ``previous``; ``page_size`` capped at 500.

    An unusable page size is refused with a 400 naming it rather than silently
    replaced: a researcher asking for a million rows should learn of the cap. So is
    a page that is not a whole number or lies past the last page (``page`` names
    it), rather than DRF's 404, which reads as "no such endpoint".
    """

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        # isascii: str.isdigit() also accepts '²' and other digits int() refuses.
        if not (raw.isascii() and raw.isdigit()) or int(raw) < 1:
            raise ValidationError({"page_size": ["Must be a whole number from 1 to "
                                                 f"{self.max_page_size}."]})
        if int(raw) > self.max_page_size:
            raise ValidationError({"page_size": [f"At most {self.max_page_size} per page; "
                                                 "use next to page through, or format=csv "
                                                 "for everything."]})
        return int(raw)

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound as exc:
            raise ValidationError({self.page_query_param: [
                "Must be a whole number from 1 to the last page (see count and next)."]},
            ) from exc


class KeysetPagination(BasePagination):
    """Cursor pages over a query ordered by two keys (``sort_key``, ``sort_uid``).

    A page is found from the last row of the one before (``WHERE (key, id) > (k, u)``
    … ``LIMIT n``), so a deep page costs what the first costs and rows inserted
    meanwhile neither repeat nor vanish across pages. The key is whatever the query
    orders by (a date, an intensity, a moment); its type, read from the query's
    annotation, decides how it travels in the cursor. ``next`` and ``previous`` carry
    an opaque ``cursor``. ``count`` is exact up to COUNT_CAP rows (JOINED_COUNT_CAP when
    other filters than the timeline's make it count the events); past that it is
    PostgreSQL's planner estimate (``count_exact: false``), as counting a million rows
    exactly would cost more than the page itself. SQLite always counts exactly.
    """

    page_size = Pagination.page_size
    max_page_size = Pagination.max_page_size
    page_size_query_param = "page_size"
    cursor_query_param = "cursor"
    # Exact counts up to these many rows, then the planner's estimate. Counting a list's
    # derived rows is an index-only scan (selectors.timeline_rows); counting through
    # the events costs a probe per row: at a million events, about 12 ms for 2,667
    # derived rows against 56 ms for 10,000 events matching a word.
    COUNT_CAP = 10_000
    JOINED_COUNT_CAP = 1_000
    keys = ("sort_key", "sort_uid")
    # How the two key values travel in a cursor when the query does not say (its
    # annotations do): a date and a public id (the timeline by date).
    key_types: tuple[type, type] = (datetime.date, str)

    def paginate_queryset(self, queryset, request, view=None, count_rows=None) -> list:
        """``count_rows``: what to count instead of ``queryset`` (see ``_count``); by
        default the view's, which the filter backend sets."""
        self.request = request
        size = Pagination.get_page_size(self, request)
        cursor = self._cursor(request, key_types(queryset, self.keys, self.key_types))
        if queryset.query.is_empty():  # nothing can match (e.g. a kind another route lists)
            self.count, self.count_exact, self.page_keys = 0, True, []
            self.has_next = self.has_previous = False
            return []
        descending = _descending(queryset)
        if count_rows is None:
            count_rows = getattr(view, "count_rows", None)
        self.count, self.count_exact = self._count(queryset, count_rows)
        rows = queryset
        backwards = cursor is not None and cursor["d"] == "p"
        if cursor is not None:
            # Ascending next pages lie above the cursor, descending ones below; previous
            # pages the other way.
            lookup = TupleLessThan if descending != backwards else TupleGreaterThan
            rows = rows.filter(_after(queryset, self.keys, cursor["k"], lookup))
        if backwards:
            rows = rows.reverse()
        page = list(rows.values_list("pk", *self.keys)[:size + 1])
        more = len(page) > size
        page = page[:size]
        if backwards:
            page.reverse()
        self.has_next = more if not backwards else True
        self.has_previous = (cursor is not None) if not backwards else more
        self.page_keys = page
        return [row[0] for row in page]

    def get_paginated_response(self, data) -> Response:
        return Response({"count": self.count, "count_exact": self.count_exact,
                         "next": self._link("n", -1) if self.has_next else None,
                         "previous": self._link("p", 0) if self.has_previous else None,
                         "results": data})

    def get_paginated_response_schema(self, schema: dict) -> dict:
        return {"type": "object", "required": ["count", "count_exact", "results"],
                "properties": {
                    "count": {"type": "integer", "description": "Matching rows (exact when "
                              "count_exact, else PostgreSQL's estimate)."},
                    "count_exact": {"type": "boolean"},
                    "next": {"type": "string", "format": "uri", "nullable": True},
                    "previous": {"type": "string", "format": "uri", "nullable": True},
                    "results": schema}}

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {"name": self.cursor_query_param, "required": False, "in": "query",
             "description": "Where a page starts: take it from next or previous.",
             "schema": {"type": "string"}},
            {"name": self.page_size_query_param, "required": False, "in": "query",
             "description": "Rows per page.", "schema": {"type": "integer"}},
        ]

    # --- helpers ------------------------------------------------------------------------

    def _link(self, direction: str, index: int) -> str | None:
        if not self.page_keys:
            return None
        _, first, second = self.page_keys[index]
        token = json.dumps({"d": direction, "k": [_encode(first), second]},
                           separators=(",", ":")).encode()
        url = self.request.build_absolute_uri()
        return replace_query_param(url, self.cursor_query_param,
                                   base64.urlsafe_b64encode(token).decode().rstrip("="))

    def _cursor(self, request, types: tuple[type, type]) -> dict | None:
        raw = request.query_params.get(self.cursor_query_param)
        if raw is None:
            return None
        try:
            data = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
            first, second = data["k"]
            first_type, second_type = types
            if data["d"] not in ("n", "p") or type(second) is not second_type \
                    or type(first) is not str:
                raise ValueError(data)
            data["k"] = [_decode(first_type, first), second]
        except (ValueError, TypeError, KeyError, binascii.Error, UnicodeDecodeError,
                ArithmeticError) as exc:
            raise ValidationError({self.cursor_query_param: [
                "Not a cursor this API gave; follow next or previous."]}) from exc
        return data

    def _count(self, queryset, rows=None) -> tuple[int, bool]:
        # The filters' own derived rows when they alone select the list (one per event):
        # the same number, without a join to the events (selectors.timeline_rows).
        # (``event_id``: a column their indexes include, so the count is index-only.)
        if rows is not None:
            unordered, cap = rows.values("event_id").order_by(), self.COUNT_CAP
        else:
            unordered, cap = queryset.order_by().values("pk"), self.JOINED_COUNT_CAP
        if connection.vendor != "postgresql":  # no estimate to give: count them all
            return unordered.count(), True
        capped = unordered[:cap + 1].count()
        if capped <= cap:
            return capped, True
        return max(_planner_estimate(unordered), capped), False


def _after(queryset, keys: tuple[str, str], values, lookup):
    """``(key1, key2) > (v1, v2)`` (or <), each value bound as its key's type, so that a
    moment compares as the database stores moments (SQLite keeps them as text)."""
    annotations = queryset.query.annotations
    bound = [Value(value, output_field=annotations[key].output_field)
             if key in annotations else value for key, value in zip(keys, values, strict=True)]
    return lookup(Tuple(*(F(key) for key in keys)), tuple(bound))


def key_types(queryset, keys: tuple[str, str], default: tuple[type, type]
              ) -> tuple[type, type]:
    """The Python types of the two sort keys, from the query's annotations."""
    annotations = queryset.query.annotations
    if not all(key in annotations for key in keys):
        return default
    return tuple(_python_type(annotations[key].output_field) for key in keys)  # type: ignore[return-value]


def _python_type(field) -> type:
    # DateTimeField is a DateField: test it first.
    for field_class, python_type in ((DateTimeField, datetime.datetime),
                                     (DateField, datetime.date), (DecimalField, Decimal),
                                     (IntegerField, int)):
        if isinstance(field, field_class):
            return python_type
    return str


def _encode(value) -> str:
    return value.isoformat() if isinstance(value, datetime.date) else str(value)


def _decode(python_type: type, text: str):
    if python_type is Decimal:
        value = Decimal(text)
        if not value.is_finite():
            raise ValueError(text)
        return value
    if python_type in (datetime.date, datetime.datetime):
        return python_type.fromisoformat(text)
    raise ValueError(text)


def _planner_estimate(queryset) -> int:
    """PostgreSQL's estimate of the rows ``queryset`` returns (EXPLAIN, not executed)."""
    sql, params = queryset.values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


def keyset_chunks(queryset, *, size: int = 2000,
                  keys: tuple[str, str] = KeysetPagination.keys) -> Iterator[list[int]]:
    """The primary keys of an ordered (``sort_key``, ``sort_uid``) query, ``size`` at a
    time, each chunk found from the last: an export of a million rows holds one chunk
    in memory and runs no statement longer than a page's."""
    if queryset.query.is_empty():
        return
    lookup = TupleLessThan if _descending(queryset) else TupleGreaterThan
    last = None
    while True:
        rows = queryset
        if last is not None:
            rows = rows.filter(_after(queryset, keys, last, lookup))
        chunk = list(rows.values_list("pk", *keys)[:size])
        if not chunk:
            return
        yield [row[0] for row in chunk]
        last = chunk[-1][1:]


def _descending(queryset) -> bool:
    order = queryset.query.order_by
    return bool(order) and str(order[0]).startswith("-")


class ChangesPagination(KeysetPagination):
    """The changes feed pages on (moment, entry number)."""

    keys = ("sort_date", "sort_uid")
    key_types = (datetime.datetime, int)
    # The feed's count reads one table, as cheaply as a list's derived rows.
    JOINED_COUNT_CAP = KeysetPagination.COUNT_CAP
