"""Writing the public changes feed (models/changes.py) as the curation history grows.

The feed tells a dataset user which public records appeared, changed or were
withdrawn. A record "is created" for the public when it is first published,
"changes" while it stays published (its participants, citations, relations,
parties and exchanges included), and "is retracted" when a reviewer withdraws it;
drafts never show. A source, person, organisation, post or tenure has no workflow of
its own: it "changes" for the public when it is edited (its aliases included) while a
published record shows it (``selectors.shown_by_published``); until then no reader
sees it through a record, and the record's own entry announces it.

Every history row django-simple-history writes reaches ``_on_history`` (wired in
the app config), whichever door made the change: the API's services, the admin,
the workflow, a shell. Bulk writes (imports, ``synthesize``) write history without
signals and call ``entries_for_bulk`` themselves. A change made in one step
(an event saved with its participants and citations) is one entry:
``one_entry_per_record()`` collapses the repeats inside it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from simple_history.signals import post_create_historical_record

from diplomacy import selectors
from diplomacy.models import (
    Agreement,
    AgreementParty,
    Change,
    ChangeKind,
    Citation,
    CurationStatus,
    Event,
    EventParticipant,
    EventRelation,
    Exchange,
    Organisation,
    OrganisationAlias,
    Person,
    PersonAlias,
    Post,
    Source,
    Tenure,
)

PUBLISHED, RETRACTED = CurationStatus.PUBLISHED, CurationStatus.RETRACTED
RECORD_TYPES = {Event: "event", Agreement: "agreement"}
# Records a published claim shows, as the feed names them (the API's route names) and
# the field holding their public id.
SHOWN_TYPES = {Source: ("source", "uid"), Person: ("person", "slug"),
               Organisation: ("organization", "slug"), Post: ("post", "slug"),
               Tenure: ("tenure", "uid")}
FEED_TYPES = [*RECORD_TYPES.values(), *(name for name, _ in SHOWN_TYPES.values())]
# Child rows whose changes are changes of their parent: the parent's field name.
CHILD_PARENT = {EventParticipant: "event", Citation: None, EventRelation: "from_event",
                AgreementParty: "agreement", Exchange: "agreement"}
# Aliases are part of the person or organisation they name.
ALIAS_OWNER = {PersonAlias: "person", OrganisationAlias: "organisation"}

_seen: ContextVar[set | None] = ContextVar("changelog_seen", default=None)


@contextmanager
def one_entry_per_record() -> Iterator[None]:
    """Inside the block, a record gets at most one entry of each change."""
    if _seen.get() is not None:
        yield
        return
    token = _seen.set(set())
    try:
        yield
    finally:
        _seen.reset(token)


def transition(previous: str | None, current: str) -> str | None:
    """The feed's name for a record going from ``previous`` to ``current`` status."""
    if current == PUBLISHED:
        return ChangeKind.CHANGED if previous == PUBLISHED else ChangeKind.CREATED
    if current == RETRACTED and previous == PUBLISHED:
        return ChangeKind.RETRACTED
    return None


def _record(record, *, change: str, at: datetime.datetime, user_id, reason: str = "") -> None:
    model = type(record)._meta.concrete_model
    key = (model, record.pk, change)
    seen = _seen.get()
    if seen is not None:
        if key in seen:
            return
        seen.add(key)
    if model in RECORD_TYPES:
        record_type, record_id = RECORD_TYPES[model], record.uid
    else:
        record_type, id_field = SHOWN_TYPES[model]
        record_id = getattr(record, id_field)
    Change.objects.create(at=at, record_type=record_type, record_id=record_id,
                          record_kind=getattr(record, "kind", ""), change=change,
                          reason=reason, user_id=user_id)


def _on_history(sender, instance, history_instance, **kwargs) -> None:
    model = type(instance)._meta.concrete_model
    # A record deleted is a draft (or a row no published record shows): nothing public
    # changed. A child row deleted changes its parent, as one added does.
    if history_instance.history_type == "-" and model not in CHILD_PARENT \
            and model not in ALIAS_OWNER:
        return
    if model in RECORD_TYPES:
        previous = (sender.objects.filter(id=instance.pk,
                                          history_id__lt=history_instance.history_id)
                    .order_by("-history_id").values_list("curation_status", flat=True).first())
        change = transition(previous, history_instance.curation_status)
        if change is not None:
            reason = history_instance.retraction_reason if change == ChangeKind.RETRACTED else ""
            record = instance if type(instance) is model else model(pk=instance.pk)
            record.uid, record.kind = history_instance.uid, history_instance.kind
            _record(record, change=change, at=history_instance.history_date,
                    user_id=history_instance.history_user_id, reason=reason)
        return
    if model in CHILD_PARENT:
        parent = _parent(instance)
        if parent is not None and parent.curation_status == PUBLISHED:
            _record(parent, change=ChangeKind.CHANGED, at=history_instance.history_date,
                    user_id=history_instance.history_user_id)
        return
    if model in ALIAS_OWNER:
        instance = getattr(instance, ALIAS_OWNER[model])
        model = type(instance)
    if model in SHOWN_TYPES and selectors.shown_by_published(instance):
        _record(instance, change=ChangeKind.CHANGED, at=history_instance.history_date,
                user_id=history_instance.history_user_id)


def _parent(child):
    name = CHILD_PARENT[type(child)._meta.concrete_model]
    if name is None:  # a citation cites an event or an agreement
        name = "event" if child.event_id else "agreement"
    model = Event if name in ("event", "from_event") else Agreement
    return model._base_manager.filter(pk=getattr(child, f"{name}_id")).only(
        "uid", "kind", "curation_status").first()


def entries_for_bulk(model, rows: list[dict], *, at: datetime.datetime, user_id,
                     reason: str) -> list[Change]:
    """Feed entries for rows a bulk write created (published ones appear as created)."""
    if model not in RECORD_TYPES:
        return []
    return [Change(at=at, record_type=RECORD_TYPES[model], record_id=row["uid"],
                   record_kind=row["kind"], change=ChangeKind.CREATED, reason=reason,
                   user_id=user_id)
            for row in rows if row.get("curation_status") == PUBLISHED]


def connect_signals() -> None:
    post_create_historical_record.connect(_on_history, dispatch_uid="changelog-history")
