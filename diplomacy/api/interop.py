"""``events/?format=plover`` (JSON lines) and ``events/?format=icews`` (dyadic TSV)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from rest_framework.renderers import BaseRenderer

from diplomacy.services import interop

from .csv import CHUNK


class PloverRenderer(BaseRenderer):
    """Registered for content negotiation; the view streams the body itself."""

    media_type = "application/jsonl"
    format = "plover"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        return (json.dumps(data, ensure_ascii=False) + "\n").encode()


class IcewsRenderer(BaseRenderer):
    media_type = "text/tab-separated-values"
    format = "icews"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        return f"error\t{json.dumps(data)}\n".encode()


class _Echo:
    def write(self, value: str) -> str:
        return value


def stream_plover(events: QuerySet) -> StreamingHttpResponse:
    def lines() -> Iterator[str]:
        for record in interop.plover_records(events.iterator(chunk_size=CHUNK)):
            yield json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"

    response = StreamingHttpResponse(lines(), content_type="application/jsonl; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="events.plover.jsonl"'
    return response


def stream_icews(events: QuerySet) -> StreamingHttpResponse:
    writer = csv.writer(_Echo(), delimiter="\t", lineterminator="\n")

    def rows() -> Iterator[str]:
        yield writer.writerow(interop.ICEWS_COLUMNS)
        for row in interop.icews_rows(events.iterator(chunk_size=CHUNK)):
            yield writer.writerow(row)

    response = StreamingHttpResponse(rows(),
                                     content_type="text/tab-separated-values; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="events.icews.tsv"'
    return response
