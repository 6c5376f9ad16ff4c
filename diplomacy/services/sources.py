"""Writing sources: the documents claims cite."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from diplomacy.models import Source

from .records import assign, save_validated


@transaction.atomic
def source_create(*, fields: dict[str, Any], actor) -> Source:
    source = Source()
    save_validated(source, assign(source, fields, ()), actor=actor, reason="created")
    return source


@transaction.atomic
def source_update(*, source: Source, fields: dict[str, Any], actor) -> Source:
    save_validated(source, assign(source, fields, ()), actor=actor, reason="edited")
    return source
