"""The public changes feed: what appeared, changed or was withdrawn since a moment.

Entries are written as records change (services.changelog), so the feed is read
from one indexed table, oldest first, with keyset pages.
"""

from __future__ import annotations

import datetime

from django.db.models import F, QuerySet

from diplomacy.models import Change


def changes_since(*, since: datetime.datetime) -> QuerySet[Change]:
    """Every public change after ``since``, oldest first; ``sort_date``/``sort_uid`` are
    the keyset the pages follow."""
    return (Change.objects.filter(at__gt=since)
            .annotate(sort_date=F("at"), sort_uid=F("id"))
            .order_by("sort_date", "sort_uid"))
