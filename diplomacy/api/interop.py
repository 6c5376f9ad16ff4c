"""``events/?format=plover`` (JSON lines) and ``events/?format=icews`` (dyadic TSV)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator

from django.http import StreamingHttpResponse
from rest_framework.renderers import BaseRenderer

from diplomacy.services import interop


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


def stream_plover(chunks: Iterable[list[dict]], *, event_count: int
                  ) -> StreamingHttpResponse:
    """One JSON line per event; X-Row-Count (= events) tells a client the body is whole."""

    def lines() -> Iterator[str]:
        for chunk in chunks:
            yield "".join(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"
                          for record in interop.plover_records(chunk))

    response = StreamingHttpResponse(lines(), content_type="application/jsonl; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="events.plover.jsonl"'
    response["X-Row-Count"] = str(event_count)
    return response


def stream_icews(chunks: Iterable[list[dict]], *, event_count: int) -> StreamingHttpResponse:
    """Dyadic rows; X-Event-Count says how many events (distinct Event IDs) they cover."""
    writer = csv.writer(_Echo(), delimiter="\t", lineterminator="\n")

    def rows() -> Iterator[str]:
        yield writer.writerow(interop.ICEWS_COLUMNS)
        for chunk in chunks:
            yield "".join(writer.writerow(row) for row in interop.icews_rows(chunk))

    response = StreamingHttpResponse(rows(),
                                     content_type="text/tab-separated-values; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="events.icews.tsv"'
    response["X-Event-Count"] = str(event_count)
    return response
