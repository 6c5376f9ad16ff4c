"""Shared steps of every write: check who may edit, validate, save with history."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models

from .curation import record_editable_by


def assign(record: models.Model, fields: dict[str, Any], m2m_names: tuple[str, ...]
           ) -> dict[str, Any]:
    """Set plain fields on ``record``; return the many-to-many values to set after saving."""
    fields = dict(fields)
    many = {name: fields.pop(name) for name in m2m_names if name in fields}
    for name, value in fields.items():
        setattr(record, name, value)
    return many


def save_validated(record: models.Model, many: dict[str, Any], *, actor, reason: str) -> None:
    """Run every model and database-constraint check, then save and record who did it.

    Validating first turns a broken rule into a ValidationError naming the field,
    so nothing reaches the database to fail there as an IntegrityError.
    """
    record.full_clean()
    record._change_reason = reason
    record._history_user = actor
    record.save()
    for name, values in many.items():
        getattr(record, name).set(values)


def ensure_editable(record: models.Model, *, actor) -> None:
    if not record_editable_by(record=record, user=actor):
        raise PermissionDenied("Only reviewers edit published or retracted records.")


def replace_children(parent: models.Model, related_name: str, rows: list[dict] | None,
                     **link: models.Model) -> None:
    """Replace a parent's child rows (participants, citations, exchanges) with ``rows``."""
    if rows is None:
        return
    manager = getattr(parent, related_name)
    manager.all().delete()
    for data in rows:
        child = manager.model(**link, **data)
        child.full_clean()
        child.save()
