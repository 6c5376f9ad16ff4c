"""Streamed CSV for every list endpoint: flat columns, lists joined by ';', a header row."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from rest_framework.renderers import BaseRenderer

CHUNK = 500


class CSVRenderer(BaseRenderer):
    """Registered so content negotiation accepts ``?format=csv``; the view streams the body."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        # Reached only for errors (a 400 on a bad filter): show them as one CSV cell.
        return _line(["error"]).encode() + _line([str(data)]).encode()


class _Echo:
    def write(self, value: str) -> str:
        return value


def _line(values: list[Any]) -> str:
    return csv.writer(_Echo()).writerow(values)


# A cell starting with one of these is run as a formula by spreadsheet programs
# (CSV injection): such text cells are written with a leading apostrophe, which
# spreadsheets hide and read as "text". Numbers (an intensity of -6.5) stay numbers.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return f"'{value}"
    return value


def joined(values: Iterable[Any]) -> str:
    return ";".join(str(value) for value in values if value not in (None, ""))


def stream_csv_rows(chunks: Iterator[list[Any]], columns: list[tuple[str, Callable[[Any], Any]]],
                    filename: str, *, row_count: int) -> StreamingHttpResponse:
    """Stream rows handed over a chunk at a time (events: plain rows, see event_rows).

    ``X-Row-Count`` says how many data rows the body holds, counted as the export
    starts: a client that received fewer knows the transfer was cut off.
    """

    def lines() -> Iterator[str]:
        yield _line([name for name, _ in columns])
        for chunk in chunks:
            yield "".join(_line(["" if (value := read(row)) is None else spreadsheet_safe(value)
                                 for _, read in columns]) for row in chunk)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response["X-Row-Count"] = str(row_count)
    return response


def stream_csv(queryset: QuerySet, columns: list[tuple[str, Callable[[Any], Any]]],
               filename: str) -> StreamingHttpResponse:
    """Stream every row of ``queryset`` (prefetches applied chunk by chunk)."""

    def rows() -> Iterator[str]:
        yield _line([name for name, _ in columns])
        for record in queryset.iterator(chunk_size=CHUNK):
            yield _line(["" if (value := read(record)) is None else spreadsheet_safe(value)
                         for _, read in columns])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response["X-Row-Count"] = str(queryset.count())
    return response
