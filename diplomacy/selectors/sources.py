"""Sources: the documents claims rest on."""

from __future__ import annotations

from django.db.models import QuerySet

from diplomacy.models import Source


def source_list() -> QuerySet[Source]:
    return Source.objects.select_related("publisher")
