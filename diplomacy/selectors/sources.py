"""Sources: the documents claims rest on."""

from __future__ import annotations

from django.db.models import F, QuerySet

from diplomacy.models import Source


def source_list() -> QuerySet[Source]:
    return Source.objects.select_related("publisher")


def sources_published_by(*, organisation_id: int) -> QuerySet[Source]:
    """Documents an organisation published, newest first (unknown dates last)."""
    return source_list().filter(publisher_id=organisation_id).order_by(
        F("published_on").desc(nulls_last=True), "uid")
