"""``events/counts/``: the request's ``by``, and the rows as JSON or CSV."""

from __future__ import annotations

from dataclasses import dataclass

from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from diplomacy.selectors.counts import DIMENSIONS, PERIODS, CountRow, period_label

from .csv import stream_csv_rows

# The most groups one answer holds (JSON or CSV): past it the request is refused with
# a 400 naming ``by``. A month-by-dyad breakdown of a million events has 534,000.
MAX_GROUPS = 50_000

BY_PARAMETER = OpenApiParameter(
    "by", str, description="Comma list: at most one period (year, quarter, month, week, "
                           "day) and any of kind, country, dyad, directed_dyad, cameo_root, "
                           "plover_type, verification. Empty: one row for everything. "
                           f"At most {MAX_GROUPS:,} groups: narrow a larger breakdown.")
FORMAT_PARAMETER = OpenApiParameter("format", str, enum=["json", "csv"])
METRICS = ("count", "intensity_count", "intensity_sum", "intensity_mean")


@dataclass(frozen=True)
class By:
    period: str | None
    dimensions: tuple[str, ...]

    @property
    def columns(self) -> list[str]:
        period = ["period", "period_precision", "period_start"] if self.period else []
        keys = {"dyad": ["dyad"], "directed_dyad": ["source", "target"]}
        return [*period, *(column for name in self.dimensions
                           for column in keys.get(name, [name]))]


def parse_by(raw: str) -> By:
    items = [item.strip() for item in raw.split(",") if item.strip()]
    unknown = [item for item in items if item not in PERIODS and item not in DIMENSIONS]
    periods = [item for item in items if item in PERIODS]
    if unknown:
        raise ValidationError({"by": [f"Unknown: {', '.join(unknown)}. Periods: "
                                      f"{', '.join(PERIODS)}; and any of "
                                      f"{', '.join(DIMENSIONS)}."]})
    if len(periods) > 1:
        raise ValidationError({"by": ["At most one period."]})
    if len(set(items)) != len(items):
        raise ValidationError({"by": ["Each name once."]})
    return By(period=periods[0] if periods else None,
              dimensions=tuple(item for item in items if item in DIMENSIONS))


def _shown(row: CountRow) -> dict:
    keys = dict(row.keys)
    shown: dict = {}
    if "period_start" in keys:
        start, precision = keys.pop("period_start"), keys.pop("period_precision")
        shown.update(period=period_label(start, precision) if start else None,
                     period_precision=precision, period_start=start.isoformat() if start
                     else None)
    if "dyad_first" in keys:
        first, second = keys.pop("dyad_first"), keys.pop("dyad_second")
        keys["dyad"] = f"{first},{second}" if first else None
    return {**shown, **keys, "count": row.count, "intensity_count": row.intensity_count,
            "intensity_sum": row.intensity_sum, "intensity_mean": row.intensity_mean}


def respond(request, *, by: By, rows: list[CountRow]):
    shown = [_shown(row) for row in rows]
    if request.accepted_renderer.format == "csv":
        columns = [(name, (lambda row, name=name: row.get(name)))
                   for name in [*by.columns, *METRICS]]
        return stream_csv_rows(iter([shown]), columns, "event-counts", row_count=len(shown))
    return Response({"by": [*([by.period] if by.period else []), *by.dimensions],
                     "rows": shown})


class CountRowSerializer(serializers.Serializer):
    period = serializers.CharField(required=False, allow_null=True,
                                   help_text="2024, 2024-Q1, 2024-03, 2024-W05 or 2024-03-15.")
    period_precision = serializers.CharField(
        required=False, help_text="The period the row's events are placed in: never finer "
                                  "than their dates' precision.")
    period_start = serializers.DateField(required=False, allow_null=True)
    kind = serializers.CharField(required=False)
    country = serializers.CharField(required=False, allow_null=True)
    dyad = serializers.CharField(required=False, allow_null=True, help_text="AZE,ISR")
    source = serializers.CharField(required=False, allow_null=True)
    target = serializers.CharField(required=False, allow_null=True)
    cameo_root = serializers.CharField(required=False, allow_null=True)
    plover_type = serializers.CharField(required=False, allow_blank=True)
    verification = serializers.CharField(required=False)
    count = serializers.IntegerField()
    intensity_count = serializers.IntegerField(help_text="Events with a CAMEO code.")
    intensity_sum = serializers.FloatField(allow_null=True)
    intensity_mean = serializers.FloatField(allow_null=True)


class CountsSerializer(serializers.Serializer):
    by = serializers.ListField(child=serializers.CharField())
    rows = CountRowSerializer(many=True)
