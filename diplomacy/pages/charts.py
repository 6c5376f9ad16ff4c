"""The timeline chart's data: events per period by kind, and the intensity per period.

Built from one ``selectors.event_counts`` breakdown by period and kind, the rows
``events/counts/?by=<period>,kind`` answers. A period's total and its Goldstein sum
are the sums over its kinds (the breakdown partitions the events); its mean is that
sum over the events that have an intensity, as the counts endpoint computes it.
Periods keep their honest precision: a year-precision event sits in its year's bar
(``2024``) beside the months of a monthly chart, never in January.
"""

from __future__ import annotations

from typing import Any

from diplomacy.models import EventKind
from diplomacy.selectors.counts import CountRow, period_label

# The periods a page's chart may be drawn by (the API takes week and day as well).
CHART_PERIODS = ("year", "quarter", "month")
DEFAULT_PERIOD = "month"


def kind_label(kind: str) -> str:
    return EventKind(kind).label if kind in EventKind.values else kind


def timeline_chart(rows: list[CountRow]) -> dict[str, Any]:
    """``{"periods": [...], "kinds": [...]}``: each period with its label, precision,
    total ``count``, ``by_kind`` counts and intensity; the kinds present, in order."""
    periods: dict[tuple, dict[str, Any]] = {}
    kinds: list[str] = []
    for row in rows:
        start, precision = row.keys["period_start"], row.keys["period_precision"]
        kind = row.keys["kind"]
        if kind not in kinds:
            kinds.append(kind)
        period = periods.setdefault((start, precision), {
            "label": period_label(start, precision), "precision": precision,
            "start": start.isoformat(), "count": 0, "by_kind": {},
            "intensity_count": 0, "intensity_sum": None})
        period["count"] += row.count
        period["by_kind"][kind] = row.count
        if row.intensity_sum is not None:
            period["intensity_sum"] = (period["intensity_sum"] or 0.0) + row.intensity_sum
            period["intensity_count"] += row.intensity_count
    kinds = [kind for kind in EventKind.values if kind in kinds] + sorted(
        kind for kind in kinds if kind not in EventKind.values)
    shown = []
    for period in periods.values():
        total, counted = period["intensity_sum"], period["intensity_count"]
        period["intensity_sum"] = round(total, 4) if total is not None else None
        period["intensity_mean"] = round(total / counted, 4) if counted else None
        period["counts"] = [period["by_kind"].get(kind, 0) for kind in kinds]
        shown.append(period)
    return {"periods": shown,
            "kinds": [{"kind": kind, "label": kind_label(kind)} for kind in kinds]}
