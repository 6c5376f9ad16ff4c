"""Dates kept at their precision, read as the periods they stand for.

A month- or year-precision date is stored as the first day of its period
(2024-03-01 for "March 2024"), so a start compares as it is, and an end must be
widened to the end of its period before it is compared with a day. This is the
one place that widening is written; events, tenures and agreements all use it.
"""

from __future__ import annotations

import datetime

from django.db.models import Q

from diplomacy.models import DatePrecision, period_start


def period_reaches(day: datetime.date, *, field: str, precision_field: str) -> Q:
    """The period stored in ``field`` at ``precision_field`` ends on or after ``day``.

    Compares stored period starts with ``day``'s own period start at each precision:
    an end of "January 2026" (2026-01-01, month) reaches 26 January 2026.
    """
    return (
        Q(**{precision_field: DatePrecision.DAY, f"{field}__gte": day})
        | Q(**{precision_field: DatePrecision.MONTH,
               f"{field}__gte": period_start(day, DatePrecision.MONTH)})
        | Q(**{precision_field: DatePrecision.YEAR,
               f"{field}__gte": period_start(day, DatePrecision.YEAR)})
    )


def open_span_includes(day: datetime.date, *, start: str, end: str, end_precision: str) -> Q:
    """A span whose unknown start or end counts as open includes ``day``.

    Tenures and agreements: a start is the first day of its period, so it compares
    as stored; an end is widened by its precision.
    """
    return (
        (Q(**{f"{start}__isnull": True}) | Q(**{f"{start}__lte": day}))
        & (Q(**{f"{end}__isnull": True})
           | period_reaches(day, field=end, precision_field=end_precision))
    )


def event_span_overlaps(*, date_from: datetime.date | None = None,
                        date_to: datetime.date | None = None) -> Q:
    """An event's span (``date`` to ``date_end``, both at ``date_precision``), widened by
    its precision, overlaps the inclusive range; either bound may be missing."""
    condition = Q()
    if date_from is not None:
        condition &= (
            Q(date_end__isnull=True)
            & period_reaches(date_from, field="date", precision_field="date_precision")
            | Q(date_end__isnull=False)
            & period_reaches(date_from, field="date_end", precision_field="date_precision")
        )
    if date_to is not None:
        condition &= Q(date__lte=date_to)
    return condition
