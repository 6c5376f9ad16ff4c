"""The public changes feed, read from the curation history.

A dataset user syncing incrementally needs to know which public records appeared,
changed or were withdrawn since a moment. Drafts never show: a record "is created"
for the public when it is first published, "changes" while it stays published
(including edits to its participants, citations, relations, parties and
exchanges), and "is retracted" when a reviewer withdraws it.
"""

from __future__ import annotations

import datetime

from django.db.models import (
    CharField,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from diplomacy.models import (
    Agreement,
    AgreementParty,
    Citation,
    CurationStatus,
    Event,
    EventParticipant,
    EventRelation,
    Exchange,
)

PUBLISHED = CurationStatus.PUBLISHED
RETRACTED = CurationStatus.RETRACTED
# Every column is an annotation so that each part of the UNION selects them in the
# same order (Django puts model fields before annotations in a SELECT).
COLUMNS = ("record_id", "record_type", "record_kind", "change", "at", "sequence")


def _status_before(history_model) -> Subquery:
    """The record's curation status in its previous history row (NULL for the first)."""
    earlier = history_model.objects.filter(id=OuterRef("id")).filter(
        Q(history_date__lt=OuterRef("history_date"))
        | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id")),
    ).order_by("-history_date", "-history_id")
    return Subquery(earlier.values("curation_status")[:1])


def _own_changes(model, record_type: str, since: datetime.datetime) -> QuerySet:
    # order_by(): each part of a UNION must be unordered (the history's Meta orders it).
    history = model.history.model.objects.filter(history_date__gt=since).order_by().annotate(
        before=Coalesce(_status_before(model.history.model), Value("")),
    )
    created = history.filter(curation_status=PUBLISHED).exclude(before=PUBLISHED).annotate(
        change=Value("created", output_field=CharField()))
    changed = history.filter(curation_status=PUBLISHED, before=PUBLISHED).annotate(
        change=Value("changed", output_field=CharField()))
    retracted = history.filter(curation_status=RETRACTED, before=PUBLISHED).annotate(
        change=Value("retracted", output_field=CharField()))
    return [
        rows.annotate(record_id=F("uid"),
                      record_type=Value(record_type, output_field=CharField()),
                      record_kind=F("kind"), at=F("history_date"),
                      sequence=F("history_id")).values(*COLUMNS)
        for rows in (created, changed, retracted)
    ]


def _child_changes(child, parent, parent_field: str, record_type: str,
                   since: datetime.datetime) -> QuerySet:
    """Edits to a child row count as a change of its parent if the parent was public then.

    The parent's status at that moment comes from its own history; records loaded
    from fixtures have none, so their current status stands in.
    """
    parent_rows = parent.objects.filter(pk=OuterRef(f"{parent_field}_id"))
    parent_then = parent.history.model.objects.filter(
        id=OuterRef(f"{parent_field}_id"), history_date__lte=OuterRef("history_date"),
    ).order_by("-history_date", "-history_id")
    return child.history.model.objects.filter(history_date__gt=since).order_by().annotate(
        record_id=Subquery(parent_rows.values("uid")[:1]),
        parent_status=Coalesce(Subquery(parent_then.values("curation_status")[:1]),
                               Subquery(parent_rows.values("curation_status")[:1])),
        record_kind=Subquery(parent_rows.values("kind")[:1]),
        record_type=Value(record_type, output_field=CharField()),
        change=Value("changed", output_field=CharField()),
        at=F("history_date"),
        sequence=F("history_id"),
    ).filter(parent_status=PUBLISHED).values(*COLUMNS)


def changes_since(*, since: datetime.datetime) -> QuerySet:
    """Every public change after ``since``, oldest first, as dicts of COLUMNS."""
    parts = [
        *_own_changes(Event, "event", since),
        *_own_changes(Agreement, "agreement", since),
        _child_changes(EventParticipant, Event, "event", "event", since),
        _child_changes(Citation, Event, "event", "event", since),
        _child_changes(Citation, Agreement, "agreement", "agreement", since),
        _child_changes(EventRelation, Event, "from_event", "event", since),
        _child_changes(AgreementParty, Agreement, "agreement", "agreement", since),
        _child_changes(Exchange, Agreement, "agreement", "agreement", since),
    ]
    first, *rest = parts
    return first.union(*rest, all=True).order_by("at", "record_type", "record_id", "sequence")
