"""Shared steps of every write: lock the current version, check who may edit, validate,
save with history, and keep what follows from a change (derived rows, the changes
feed) to one update per record.

The guarded path for an edit (``edit``):

1. re-read the record under a row lock, so two writers queue instead of both reading
   the same version and the second silently undoing the first;
2. refuse it if the caller edited an older version (``expected_version``: the API's
   If-Match, the admin form's hidden version) with ``StaleVersion``;
3. check the workflow allows this actor to edit it;
4. set only the fields given, validate every model and database rule, and save them
   with the version incremented, a history row naming who and why;
5. replace the child rows given (participants, citations…).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import models

from diplomacy import selectors

from . import changelog, derived
from .curation import record_editable_by, user_may_review
from .errors import StaleVersion


@contextmanager
def one_write() -> Iterator[None]:
    """One logical change: each touched event's derived rows rebuilt once, and at most
    one feed entry per record, however many rows the change writes."""
    with derived.refresh_once(), changelog.one_entry_per_record():
        yield


def locked(record: models.Model, *, expected_version: int | None) -> models.Model:
    """``record`` re-read under a row lock (through its concrete model, which history
    listens to); ``StaleVersion`` if it is no longer at ``expected_version``."""
    model = record._meta.concrete_model
    current = model._base_manager.select_for_update().get(pk=record.pk)
    if expected_version is not None and current.version != expected_version:
        raise StaleVersion(current=current.version, expected=expected_version)
    return current


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
    so nothing reaches the database to fail there as an IntegrityError. An existing
    record's version goes up by one.
    """
    record.full_clean()
    if record.pk is not None and hasattr(record, "version"):
        record.version += 1
    record._change_reason = reason[:100]
    record._history_user = actor
    record.save()
    for name, values in many.items():
        getattr(record, name).set(values)


def edit(record: models.Model, *, fields: dict[str, Any], m2m_names: tuple[str, ...] = (),
         children: dict[str, list[dict] | None] | None = None, link: str = "",
         links: dict[str, str] | None = None, expected_version: int | None, actor,
         guard: Callable[..., None] | None = None) -> models.Model:
    """The guarded edit (see the module's docstring). ``children`` maps a related name
    (participants…) to its new rows, or None to leave it; ``link`` is the name of the
    children's foreign key to the record (``links`` names it for a child list whose
    key is named otherwise, e.g. relations' ``from_event``); ``guard(record, actor=…)``
    refuses an actor (default: the curation workflow). Returns the saved, current
    record."""
    current = locked(record, expected_version=expected_version)
    (guard or ensure_editable)(current, actor=actor)
    children = {name: rows for name, rows in (children or {}).items() if rows is not None}
    changed = sorted([*fields, *children])
    many = assign(current, fields, m2m_names)
    save_validated(current, many, actor=actor,
                   reason=f"edited: {', '.join(changed)}" if changed else "edited")
    for name, rows in children.items():
        replace_children(current, name, rows, **{(links or {}).get(name, link): current})
    return current


def ensure_editable(record: models.Model, *, actor) -> None:
    if not record_editable_by(record=record, user=actor):
        raise PermissionDenied("Only reviewers edit published or retracted records.")


def reference_editable_by(record: models.Model, *, actor) -> None:
    """A source, person, organisation, post or tenure that a published record shows is
    part of a public claim: only a reviewer changes it (a curator still edits the
    ones no published record shows yet)."""
    if selectors.shown_by_published(record) and not user_may_review(actor, record):
        raise PermissionDenied("A published record shows this; only a reviewer may change "
                               "it.")


def replace_children(parent: models.Model, related_name: str, rows: list[dict] | None,
                     **link: models.Model) -> None:
    """Replace a parent's child rows (participants, citations, exchanges) with ``rows``."""
    if rows is None:
        return
    manager = getattr(parent, related_name)
    manager.all().delete()
    for number, data in enumerate(rows, start=1):
        child = manager.model(**link, **data)
        try:
            child.full_clean()
        except ValidationError as exc:
            # Named by the list and the row the writer sent, not by the child table.
            raise ValidationError({related_name: [
                f"Row {number}: {name}: {' '.join(messages)}" if name != NON_FIELD_ERRORS
                else f"Row {number}: {' '.join(messages)}"
                for name, messages in exc.message_dict.items()]}) from exc
        child.save()
