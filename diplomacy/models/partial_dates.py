"""Dates as people write them: ``2024``, ``2024-03``, ``2024-03-15``, ``~2025``.

One parser for every writer (the admin's date fields, and any API or import that
takes a written date): it gives the stored date (the first day of its period), its
precision and whether it is approximate. Only ISO order is read; ``03/02/2026`` is
refused rather than guessed as 2 March or 3 February.
"""

from __future__ import annotations

import datetime
import re
from typing import NamedTuple

from django.core.exceptions import ValidationError

from .common import DatePrecision, period_start

ACCEPTED_FORMS = "2024, 2024-03 or 2024-03-15 (year, month or day), with ~ in front " \
                 "if approximate: ~2025"

_PARTIAL = re.compile(r"^(?P<approx>~)?\s*(?P<year>\d{4})(?:-(?P<month>\d{1,2})"
                      r"(?:-(?P<day>\d{1,2}))?)?$")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


class PartialDate(NamedTuple):
    date: datetime.date
    precision: str
    approximate: bool = False

    def __str__(self) -> str:
        return partial_date_text(self.date, self.precision, self.approximate)


def parse_partial_date(text: str) -> PartialDate:
    """``text`` as a date at its precision; ValidationError naming the accepted forms."""
    match = _PARTIAL.match((text or "").strip())
    if match is None:
        raise ValidationError(f"“{text}” is not a date this log reads. Write {ACCEPTED_FORMS}.",
                              code="invalid_partial_date")
    year, month, day = (match["year"], match["month"], match["day"])
    precision = (DatePrecision.DAY if day else DatePrecision.MONTH if month
                 else DatePrecision.YEAR)
    try:
        value = datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise ValidationError(f"“{text}” is not on the calendar ({exc}). Write "
                              f"{ACCEPTED_FORMS}.",
                              code="invalid_partial_date") from exc
    return PartialDate(value, str(precision), bool(match["approx"]))


def partial_date_text(value: datetime.date | None, precision: str,
                      approximate: bool = False) -> str:
    """The form a curator types back: ``2024``, ``2024-03``, ``2024-03-15``, ``~2025``."""
    if value is None:
        return ""
    value = period_start(value, precision)
    length = {DatePrecision.YEAR: 4, DatePrecision.MONTH: 7}.get(precision, 10)
    return ("~" if approximate else "") + value.isoformat()[:length]


def partial_date_words(value: datetime.date | None, precision: str,
                       approximate: bool = False) -> str:
    """For reading in a list: ``2023``, ``March 2024``, ``2024-03-15``; ``c.`` if approximate."""
    if value is None:
        return "—"
    if precision == DatePrecision.YEAR:
        text = str(value.year)
    elif precision == DatePrecision.MONTH:
        text = f"{_MONTHS[value.month - 1]} {value.year}"
    else:
        text = value.isoformat()
    return f"c. {text}" if approximate else text
