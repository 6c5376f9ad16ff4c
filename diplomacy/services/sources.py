"""Writing sources: the documents claims cite."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from diplomacy.models import Source

from .records import assign, edit, one_write, reference_editable_by, save_validated


@transaction.atomic
def source_create(*, fields: dict[str, Any], actor) -> Source:
    source = Source()
    save_validated(source, assign(source, fields, ()), actor=actor, reason="created")
    return source


@transaction.atomic
def source_update(*, source: Source, fields: dict[str, Any], actor,
                  expected_version: int | None = None) -> Source:
    """Edit a source. Once a published record cites it, only a reviewer may (what a
    reader sees of a published claim changes under review)."""
    with one_write():
        return edit(source, fields=fields, expected_version=expected_version, actor=actor,
                    guard=reference_editable_by)
