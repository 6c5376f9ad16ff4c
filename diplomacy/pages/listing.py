"""Event lists on pages: keyset pages, as the API's ``events/`` pages them.

The explorer and the country and dyad pages follow the API's cursors (the same
``KeysetPagination``), so a deep page costs what the first costs and the page and
the API agree on what "next" means. A record's page (a person's events, say) shows
the newest ``NEWEST`` and links to the API and CSV for the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from django.db.models import QuerySet
from django.http import HttpRequest
from rest_framework.request import Request

from diplomacy import selectors
from diplomacy.api.pagination import KeysetPagination
from diplomacy.models import DatePrecision, Event, EventKind

# How many events a record's page lists before pointing to the API.
NEWEST = 50


@dataclass(frozen=True)
class EventPage:
    rows: list[dict[str, Any]]
    count: int
    count_exact: bool
    next_url: str | None = None
    previous_url: str | None = None


def keyset_page(request: HttpRequest, events: QuerySet[Event],
                timeline: selectors.Timeline | None = None) -> EventPage:
    """One page of ``events`` (ordered by ``events_timeline``), with links to the pages
    either side. A bad ``cursor`` or ``page_size`` raises DRF's ValidationError, naming it.
    ``timeline``: when nothing else narrows ``events``, its derived rows are counted, as
    the API counts them (EventFilter)."""
    paginator = KeysetPagination()
    ids = paginator.paginate_queryset(events, Request(request),
                                      count_rows=selectors.timeline_rows(timeline))
    response = paginator.get_paginated_response(None).data
    return EventPage(rows=labelled(selectors.event_headlines(ids)), count=paginator.count,
                     count_exact=paginator.count_exact,
                     next_url=_relative(response["next"]),
                     previous_url=_relative(response["previous"]))


def newest(events: QuerySet[Event]) -> tuple[list[int], int]:
    """The ids of the newest ``NEWEST`` of ``events`` and how many there are in all."""
    ids = list(events.order_by("-date", "-uid").values_list("pk", flat=True)[:NEWEST])
    return ids, events.count()


def labelled(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Event rows with their date as precisely as it is known and their kind's label."""
    for row in rows:
        row["date_label"] = date_label(row["date"], row["date_precision"], row["approximate"])
        if row.get("date_end"):
            row["date_end_label"] = date_label(row["date_end"], row["date_precision"], False)
        row["kind_label"] = EventKind(row["kind"]).label if row["kind"] in EventKind.values \
            else row["kind"]
    return rows


def date_label(day, precision: str, approximate: bool = False) -> str:
    """2026-01-26, 2024-03 or 2024, with ``~`` when approximate (as ``Event.date_label``)."""
    if day is None:
        return ""
    length = {DatePrecision.YEAR: 4, DatePrecision.MONTH: 7}.get(precision, 10)
    label = day.isoformat()[:length]
    return f"~{label}" if approximate else label


def _relative(url: str | None) -> str | None:
    """A link the paginator built absolute, as a path and query on this site."""
    if not url:
        return None
    parts = urlsplit(url)
    return urlunsplit(("", "", parts.path, parts.query, ""))
