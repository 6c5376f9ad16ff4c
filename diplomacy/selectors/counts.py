"""Counts for analysis: how many events, how cooperative or hostile, per period and pair.

``event_counts`` groups the events a timeline query selects by at most one period and
any of the dimensions below, in one SQL query, and returns per group the number of
events and the sum and mean of their Goldstein intensity (over the events that have
a CAMEO code: ``intensity_count`` of them).

Honest precision: an event is never placed in a period finer than its own date's
precision. In a monthly breakdown a year-precision 2024 event is counted in the row
for period ``2024`` with ``period_precision: year``, and a month-precision event in
a weekly breakdown in its month. So a breakdown by period (alone, or with kind,
verification, CAMEO root or PLOVER type) partitions the events: its counts add up to
the list's ``count``. By country, dyad or directed dyad an event counts once under
each country or pair it involves.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import (
    Avg,
    Case,
    CharField,
    Count,
    DateField,
    F,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import (
    Coalesce,
    TruncDay,
    TruncMonth,
    TruncQuarter,
    TruncWeek,
    TruncYear,
)

from diplomacy.models import DatePrecision, Event

from .events import Timeline, events_in_period, timeline_rows

# Periods from finest to coarsest, with the truncation that starts each.
PERIODS = {"day": TruncDay, "week": TruncWeek, "month": TruncMonth, "quarter": TruncQuarter,
           "year": TruncYear}
_RANK = {name: rank for rank, name in enumerate(PERIODS)}
# A date's precision, as the finest period it can be placed in.
_PRECISION_PERIOD = {DatePrecision.DAY: "day", DatePrecision.MONTH: "month",
                     DatePrecision.YEAR: "year"}
DIMENSIONS = ("kind", "country", "dyad", "directed_dyad", "cameo_root", "plover_type",
              "verification")


@dataclass(frozen=True, slots=True)
class CountRow:
    keys: dict
    count: int
    intensity_count: int
    intensity_sum: float | None
    intensity_mean: float | None


_AGGREGATES = ("count", "intensity_count", "intensity_sum", "intensity_mean")


class TooManyGroups(ValueError):
    """A breakdown with more groups than its caller allows."""


def event_counts(events: QuerySet[Event], *, period: str | None,
                 dimensions: Sequence[str], timeline: Timeline | None = None,
                 max_groups: int | None = None) -> list[CountRow]:
    """``events`` (already filtered) grouped by ``period`` and ``dimensions``.

    ``timeline``: when nothing but a timeline selects ``events`` (``EventFilter``). A
    breakdown by period and kind of a dyad's or a country's events then reads their
    derived rows, which carry the date, precision, kind and intensity (an index-only
    scan: no event is fetched); a timeline of no country or dyad groups the events
    directly, without re-selecting them by id.

    ``max_groups``: raise TooManyGroups past that many groups, having held no more
    than one over it (a month-by-dyad breakdown of a million events has half a
    million groups: gigabytes as Python objects).
    """
    selected, counted, intensity = _counted(events, timeline, dimensions)
    groups: dict = {}
    if period is not None:
        selected = selected.annotate(
            period_start=_period_start(period), period_precision=_period_precision(period))
        groups.update(period_start="period_start", period_precision="period_precision")
    for name in dimensions:
        selected, columns = _dimension(selected, name)
        groups.update(columns)
    aggregates = {"count": Count(counted), "intensity_count": Count(intensity),
                  "intensity_sum": Sum(intensity), "intensity_mean": Avg(intensity)}
    if not groups:
        row = selected.aggregate(**aggregates)
        return [_row({}, tuple(row[name] for name in _AGGREGATES))] if row["count"] else []
    # Plain tuples, not dicts: a breakdown by month and dyad over a large database has
    # hundreds of thousands of groups, and per-row Python is most of its cost.
    names, columns = list(groups), list(groups.values())
    grouped = (selected.values(*columns).annotate(**aggregates).order_by()
               .values_list(*columns, *_AGGREGATES))
    if max_groups is not None:
        grouped = grouped[:max_groups + 1]
    width = len(columns)
    keyed = []
    for values in grouped:
        row = _row(dict(zip(names, values[:width], strict=True)), values[width:])
        keyed.append((_order(row.keys), row))
    if max_groups is not None and len(keyed) > max_groups:
        raise TooManyGroups(max_groups)
    keyed.sort(key=_first)
    return [row for _, row in keyed]


def _counted(events: QuerySet[Event], timeline: Timeline | None, dimensions: Sequence[str]
             ) -> tuple[QuerySet, str, str]:
    """What to group (events or derived rows), the column counted, the intensity summed."""
    if timeline is not None and set(dimensions) <= {"kind"}:
        rows = timeline_rows(timeline)
        if rows is not None:
            return rows.order_by(), "event_id", "intensity"
    if timeline is not None and not (timeline.countries or timeline.dyad):
        # Nothing joins these events: grouped as they are, not re-selected by id.
        selected = events_in_period(Event.objects.all(), timeline=timeline)
    else:
        selected = Event.objects.filter(pk__in=events.order_by().values("pk"))
    # The event's own copy of its code's Goldstein value (kept by services.derived):
    # summing it costs no join to the CAMEO table over every counted event.
    return selected, "pk", "sort_intensity"


def _first(pair: tuple) -> tuple:
    return pair[0]


def _order(keys: dict) -> tuple:
    """Rows by their keys, the same on every database: a period's start, then the coarser
    period first (2026 before 2026-01), then each key with empty (None) first."""
    order = []
    for name, value in keys.items():
        if name == "period_start":
            order.append((value is not None, value, -_RANK.get(keys["period_precision"], 0)))
        elif name != "period_precision":
            order.append((value is not None, value))
    return tuple(order)


def _row(keys: dict, totals: tuple) -> CountRow:
    start = keys.get("period_start")
    if isinstance(start, datetime.datetime):
        # PostgreSQL truncates a date to a timestamp; the period starts on that day.
        keys["period_start"] = start.date()
    count, intensities, total, mean = totals
    return CountRow(keys=keys, count=count, intensity_count=intensities,
                    intensity_sum=round(float(total), 4) if total is not None else None,
                    intensity_mean=round(float(mean), 4) if mean is not None else None)


def _period_of(period: str, precision: str) -> str:
    """The coarser of the period asked for and the one a date's precision allows."""
    own = _PRECISION_PERIOD[precision]
    return own if _RANK[own] > _RANK[period] else period


def _period_start(period: str) -> Case:
    return Case(*(When(date_precision=precision,
                       then=PERIODS[_period_of(period, precision)]("date",
                                                                  output_field=DateField()))
                  for precision in _PRECISION_PERIOD), output_field=DateField())


def _period_precision(period: str) -> Case:
    return Case(*(When(date_precision=precision, then=Value(_period_of(period, precision)))
                  for precision in _PRECISION_PERIOD), output_field=CharField())


# The relation from an event to the derived rows of each country or pair dimension.
_DIMENSION_ROWS = {"country": "country_rows__", "dyad": "pair_rows__",
                   "directed_dyad": "directed_rows__"}


def _dimension(events: QuerySet, name: str) -> tuple[QuerySet, dict]:
    """Annotate one grouping dimension; return its output keys and their columns.
    Countries and pairs are joined as LEFT JOINs: an event with none counts under None."""
    if name in ("kind", "plover_type", "verification"):
        return events, {name: name}
    if name == "cameo_root":
        return events.annotate(cameo_root=Coalesce("cameo__root_id", "cameo_id")), {
            "cameo_root": "cameo_root"}
    if name not in _DIMENSION_ROWS:
        raise ValueError(name)
    path = _DIMENSION_ROWS[name]
    if name == "country":
        return events.annotate(count_country=F(f"{path}country")), {
            "country": "count_country"}
    if name == "dyad":
        return events.annotate(dyad_first=F(f"{path}first"),
                               dyad_second=F(f"{path}second")), {
            "dyad_first": "dyad_first", "dyad_second": "dyad_second"}
    return events.annotate(dyad_source=F(f"{path}source"), dyad_target=F(f"{path}target")), {
        "source": "dyad_source", "target": "dyad_target"}


@functools.lru_cache(maxsize=4096)
def period_label(start: datetime.date, precision: str) -> str:
    """``2024``, ``2024-Q1``, ``2024-03``, ``2024-W05`` (ISO week), ``2024-03-15``."""
    if precision == "year":
        return f"{start.year}"
    if precision == "quarter":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    if precision == "month":
        return f"{start:%Y-%m}"
    if precision == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    return start.isoformat()
