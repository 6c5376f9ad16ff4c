"""The curation workflow: publish, retract and delete curated claims.

Events (with their Statement, Meeting and Incident proxies) and agreements are
curated records: they start as drafts, a reviewer publishes them, and a reviewer
may retract a published record with a reason. Published and retracted records
are never hard-deleted, so a dataset user who once saw an id can always find out
what became of it.

Permissions are checked with ``user.has_perm``: ``diplomacy.publish_event``,
``diplomacy.retract_event``, ``diplomacy.publish_agreement`` and
``diplomacy.retract_agreement`` are created by migration 0002 and granted to the
*reviewers* group; deleting needs the model's ordinary ``delete_`` permission.

Transitions:

- draft → published (publish);
- published → retracted (retract, with a reason);
- retracted → published (publish again): undoing a mistaken retraction is a
  reviewer's call like any publication. The retraction reason is cleared on the
  record, and stays in its history with who retracted it and when.

Everything else (publishing twice, retracting a draft) is refused: a draft is not
public, so there is nothing to withdraw; edit or delete it instead.

Publishing is a review, so two rules hold whoever asks: the record cites at least
one source (a claim without provenance is not published), and the reviewer is
not the person who created it (``settings.SECOND_REVIEWER_REQUIRED``, on by
default; a one-person project may turn it off). A retraction's reason must hold
visible words: it is what every reader of the record sees in its place.
"""

from __future__ import annotations

import unicodedata

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction

from diplomacy.models import Agreement, CurationStatus, Event
from diplomacy.models.common import CuratedRecord

Actor = AbstractBaseUser | AnonymousUser

# simple_history keeps the change reason in a varchar(100).
_CHANGE_REASON_MAX = 100


def record_permission(record: models.Model | type[models.Model], action: str) -> str:
    """The permission needed to ``action`` (publish, retract, change, delete) a record.

    Proxies (Statement, Meeting, Incident) share their concrete model's workflow
    permissions: publishing a statement is publishing an event.
    """
    opts = record._meta.concrete_model._meta
    return f"{opts.app_label}.{action}_{opts.model_name}"


def is_curated(record: models.Model | type[models.Model]) -> bool:
    """Whether the record goes through the draft/published/retracted workflow."""
    return issubclass(record._meta.concrete_model, CuratedRecord)


def record_editable_by(*, record: models.Model, user: Actor) -> bool:
    """Whether ``user`` may edit the record's content given its workflow state.

    Curators edit drafts; once a record is public only reviewers (who may publish
    it) change it, so nothing public changes without a reviewer. The ordinary
    ``change_`` permission is checked separately by the caller.
    """
    if not is_curated(record) or record.curation_status == CurationStatus.DRAFT:
        return True
    return user.has_perm(record_permission(record, "publish"))


def has_visible_text(text: str) -> bool:
    """Whether ``text`` holds a letter, digit, mark, punctuation or symbol (not only
    spaces, zero-width or other format characters)."""
    return any(unicodedata.category(ch)[0] in "LNMPS" for ch in text)


def _check_publishable(record: CuratedRecord, actor: Actor) -> None:
    if not record.citations.exists():
        raise ValidationError({"citations": "A record is published only with at least one "
                                            "cited source."}, code="uncited")
    if getattr(settings, "SECOND_REVIEWER_REQUIRED", True):
        first = record.history.order_by("history_date", "history_id").first()
        if first is not None and first.history_user_id is not None \
                and first.history_user_id == actor.pk:
            raise ValidationError({"curation_status": "You created this record; another "
                                                      "reviewer publishes it."},
                                  code="own_record")


def _change_reason(text: str) -> str:
    return text if len(text) <= _CHANGE_REASON_MAX else text[: _CHANGE_REASON_MAX - 1] + "…"


def _transition[R: CuratedRecord](*, record: R, actor: Actor, action: str, to_status: str,
                                  allowed_from: tuple[str, ...], reason: str = "",
                                  expected_version: int | None = None) -> R:
    """Move ``record`` to ``to_status`` after checking permission and current state.

    The row is re-read under a lock so two reviewers acting at once cannot both
    publish, and the fresh copy is what gets saved, so unsaved edits on the
    caller's instance never slip into the history under a workflow entry.
    """
    if not user_may(actor, record, action):
        raise PermissionDenied(f"You may not {action} this record.")
    model = record._meta.concrete_model
    # The concrete model: a save through a proxy is invisible to simple_history,
    # which listens for the model the history is declared on.
    current = model._base_manager.select_for_update().get(pk=record.pk)
    if expected_version is not None and current.version != expected_version:
        from .records import StaleVersion

        raise StaleVersion(current=current.version, expected=expected_version)
    if current.curation_status not in allowed_from:
        raise ValidationError(
            {"curation_status": f"A {current.curation_status} record cannot be {action}ed."},
            code="invalid_transition",
        )
    if to_status == CurationStatus.PUBLISHED:
        _check_publishable(current, actor)
    current.curation_status = to_status
    current.retraction_reason = reason
    current._history_user = actor
    current._change_reason = _change_reason(f"{action}ed: {reason}" if reason else f"{action}ed")
    current.version += 1
    current.save(update_fields=["curation_status", "retraction_reason", "version",
                                *(["updated_at"] if hasattr(current, "updated_at") else [])])
    record.curation_status = current.curation_status
    record.retraction_reason = current.retraction_reason
    record.version = current.version
    return record


def user_may_review(user: Actor, record: models.Model | None = None) -> bool:
    """Whether ``user`` is a reviewer: may publish events (the reviewers' permission)."""
    return user_may(user, Event, "publish")


def user_may(user: Actor, record: models.Model | type[models.Model], action: str) -> bool:
    """Whether ``user`` holds the permission for a workflow ``action`` on the record."""
    return bool(user and user.is_active and user.has_perm(record_permission(record, action)))


@transaction.atomic
def record_publish[R: CuratedRecord](*, record: R, actor: Actor,
                                     expected_version: int | None = None) -> R:
    """Publish a draft, or re-publish a retracted record. Needs ``publish_<model>``."""
    return _transition(
        record=record, actor=actor, action="publish", to_status=CurationStatus.PUBLISHED,
        allowed_from=(CurationStatus.DRAFT, CurationStatus.RETRACTED),
        expected_version=expected_version,
    )


@transaction.atomic
def record_retract[R: CuratedRecord](*, record: R, actor: Actor, reason: str,
                                     expected_version: int | None = None) -> R:
    """Withdraw a published record, keeping it with the reason. Needs ``retract_<model>``."""
    if not user_may(actor, record, "retract"):
        raise PermissionDenied("You may not retract this record.")
    reason = (reason or "").strip()
    if not has_visible_text(reason):
        raise ValidationError({"reason": "A retraction needs a reason in words."},
                              code="required")
    return _transition(
        record=record, actor=actor, action="retract", to_status=CurationStatus.RETRACTED,
        allowed_from=(CurationStatus.PUBLISHED,), reason=reason,
        expected_version=expected_version,
    )


def event_publish(*, event: Event, actor: Actor, expected_version: int | None = None) -> Event:
    """Publish an event (any kind, including proxies)."""
    return record_publish(record=event, actor=actor, expected_version=expected_version)


def event_retract(*, event: Event, actor: Actor, reason: str,
                  expected_version: int | None = None) -> Event:
    """Retract a published event with a reason."""
    return record_retract(record=event, actor=actor, reason=reason,
                          expected_version=expected_version)


def agreement_publish(*, agreement: Agreement, actor: Actor,
                      expected_version: int | None = None) -> Agreement:
    """Publish an agreement."""
    return record_publish(record=agreement, actor=actor, expected_version=expected_version)


def agreement_retract(*, agreement: Agreement, actor: Actor, reason: str,
                      expected_version: int | None = None) -> Agreement:
    """Retract a published agreement with a reason."""
    return record_retract(record=agreement, actor=actor, reason=reason,
                          expected_version=expected_version)


@transaction.atomic
def record_delete(*, obj: models.Model, actor: Actor) -> None:
    """Hard-delete a record, refusing published and retracted curated records.

    Needs the model's ``delete_`` permission. A public record may only be
    retracted: its id stays resolvable for everyone who cited it.
    """
    if not user_may(actor, obj, "delete"):
        raise PermissionDenied("You may not delete this record.")
    model = obj._meta.concrete_model
    # Re-read through the concrete model, locked: the status check must see the
    # committed state, and a proxy's delete would be missed by simple_history.
    current = model._base_manager.select_for_update().get(pk=obj.pk)
    if is_curated(current) and current.curation_status != CurationStatus.DRAFT:
        raise PermissionDenied(
            f"A {current.curation_status} record is never deleted; retract it instead."
        )
    current._history_user = actor
    current._change_reason = "deleted"
    current.delete()
