"""The versions of one event or agreement as a reader sees them: who, when, what changed.

django-simple-history keeps one row per save of the record, one more for each
many-to-many change made in the same write (``topics.set()`` after the save), and
separate rows for every child (participants, citations, relations, parties,
exchanges), so one edit that replaces ten participants writes a dozen rows. A
reader wants one entry per write. Here:

- consecutive rows of the record with the same version, user and reason that
  change no plain field are one write (the many-to-many rows of a save); every
  write through the services bumps the version (services.records) and the admin
  gives its saves a reason, so two writes never merge (rows saved without a
  reason, from a shell, merge only within two seconds);
- a child row belongs to the write whose window holds it: from the write's first
  row to the next write's (children are saved after their parent, in the same
  transaction, under the parent's row lock);
- what changed is the difference between the record as it stood after this write
  and after the previous one shown: plain fields by name, and each child list and
  many-to-many set as one name (``participants``) when its content differs.

Everything is read in a constant number of queries (the record's rows, one per
child table, one per many-to-many set), however long the history.
"""

from __future__ import annotations

import datetime
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models

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

PUBLISHED, RETRACTED = CurationStatus.PUBLISHED, CurationStatus.RETRACTED

# The child lists folded into their parent's history: name, model, link to the parent.
CHILDREN: dict[type[models.Model], tuple[tuple[str, type[models.Model], str], ...]] = {
    Event: (("participants", EventParticipant, "event"), ("citations", Citation, "event"),
            ("relations", EventRelation, "from_event")),
    Agreement: (("parties", AgreementParty, "agreement"), ("exchanges", Exchange, "agreement"),
                ("citations", Citation, "agreement")),
}
# Fields whose change the entry's kind already says, or that never change.
WORKFLOW_FIELDS = {"id", "uid", "version", "curation_status", "retraction_reason"}
# Rows a save without a reason writes for its many-to-many sets follow it within this.
_SAME_SAVE = datetime.timedelta(seconds=2)


class ChangeKind:
    CREATED = "created"      # the record's first version (a draft, for curators)
    PUBLISHED = "published"  # published, first or again after a retraction
    CHANGED = "changed"      # edited
    RETRACTED = "retracted"  # withdrawn by a reviewer, with a reason

    values = (CREATED, PUBLISHED, CHANGED, RETRACTED)


@dataclass
class HistoryEntry:
    """One write to the record, as shown."""

    key: int  # the write's first history row: a stable, increasing cursor
    version: int
    at: datetime.datetime
    username: str | None  # None: no person (an import or the system)
    process: str  # "import" or "system" when no person made it; "" otherwise
    change: str
    status: str
    reason: str  # a retraction's reason
    fields: list[str] = field(default_factory=list)


@dataclass
class _Write:
    rows: list  # the record's history rows of this write, oldest first
    state: dict = field(default_factory=dict)  # child list / m2m name → content

    @property
    def first(self):
        return self.rows[0]

    @property
    def last(self):
        return self.rows[-1]


def record_history(record: models.Model, *, drafts: bool) -> list[HistoryEntry]:
    """The entries of ``record`` (an Event or Agreement), newest first.

    Without ``drafts`` (anyone but curators) only public versions show: those
    published, and the retraction of a published one; what changed is then counted
    from the previous public version, so edits made while it was a draft or
    retracted show as one change when it is published again.
    """
    model = record._meta.concrete_model
    history = model.history.model
    # Plain columns as stored (attname) → as named in the API's write bodies (name);
    # bookkeeping the history leaves out (excluded_fields) is never a change.
    plain = {f.attname: f.name for f in model._meta.concrete_fields
             if f.name not in WORKFLOW_FIELDS and f.attname in _kept(history)}
    rows = list(history.objects.filter(id=record.pk).select_related("history_user")
                .order_by("history_id"))
    writes = _writes(rows, plain)
    if not writes:
        return []
    _fold_children(writes, record.pk, CHILDREN[model])
    shown = [index for index, write in enumerate(writes)
             if write.last.history_type != "-" and (drafts or _public(writes, index))]
    _add_many_to_many(model, [writes[index] for index in shown])

    entries, before = [], None
    for index in shown:
        write = writes[index]
        previous_status = writes[index - 1].last.curation_status if index else None
        entries.append(_entry(write, previous_status, before, plain))
        before = write
    entries.reverse()
    return entries


def _writes(rows: list, plain: dict[str, str]) -> list[_Write]:
    writes: list[_Write] = []
    for row in rows:
        if writes and _same_write(writes[-1].last, row, plain):
            writes[-1].rows.append(row)
        else:
            writes.append(_Write(rows=[row]))
    return writes


def _same_write(previous, row, plain: dict[str, str]) -> bool:
    """Whether ``row`` is a many-to-many follow-up of ``previous`` in one write."""
    return (row.history_type == "~" and row.version == previous.version
            and row.history_user_id == previous.history_user_id
            and row.history_change_reason == previous.history_change_reason
            and row.curation_status == previous.curation_status
            and all(getattr(row, name) == getattr(previous, name) for name in plain)
            and (bool(row.history_change_reason)
                 or row.history_date - previous.history_date <= _SAME_SAVE))


def _public(writes: list[_Write], index: int) -> bool:
    status = writes[index].last.curation_status
    previous = writes[index - 1].last.curation_status if index else None
    return status == PUBLISHED or (status == RETRACTED and previous == PUBLISHED)


def _kept(history: type[models.Model]) -> set[str]:
    """The columns a historical model keeps of its record."""
    return {f.attname for f in history._meta.concrete_fields}


def _fold_children(writes: list[_Write], pk: int,
                   children: tuple[tuple[str, type[models.Model], str], ...]) -> None:
    """Each write's ``state``: every child list as it stood when the next write began."""
    starts = [write.first.history_date for write in writes]
    for name, model, link in children:
        history = model.history.model
        compared = [f.attname for f in model._meta.concrete_fields
                    if f.attname not in ("id", f"{link}_id") and f.attname in _kept(history)]
        rows = history.objects.filter(**{f"{link}_id": pk}).order_by("history_date",
                                                                     "history_id")
        current: dict[int, tuple] = {}
        by_write: dict[int, list] = {}
        for row in rows.values("id", "history_type", "history_date", *compared):
            # A child written before the record's first row (a fixture) counts with it.
            index = max(bisect_right(starts, row["history_date"]) - 1, 0)
            by_write.setdefault(index, []).append(row)
        for index, write in enumerate(writes):
            for row in by_write.get(index, ()):
                if row["history_type"] == "-":
                    current.pop(row["id"], None)
                else:
                    current[row["id"]] = tuple(row[name] for name in compared)
            write.state[name] = Counter(current.values())


def _add_many_to_many(model: type[models.Model], writes: list[_Write]) -> None:
    """Each shown write's many-to-many sets (topics…) from simple_history's snapshots,
    taken with the write's last row."""
    history = model.history.model
    last = {write.last.history_id: write for write in writes}
    for m2m in history._history_m2m_fields:
        snapshot = apps.get_model(model._meta.app_label,
                                  f"Historical{model.__name__}_{m2m.name}")
        target = f"{m2m.m2m_reverse_field_name()}_id"
        sets: dict[int, set] = {history_id: set() for history_id in last}
        for history_id, value in snapshot.objects.filter(history_id__in=list(last)) \
                .values_list("history_id", target):
            sets[history_id].add(value)
        for history_id, write in last.items():
            write.state[m2m.name] = frozenset(sets[history_id])


def _entry(write: _Write, previous_status: str | None, before: _Write | None,
           plain: dict[str, str]) -> HistoryEntry:
    row = write.last
    status = row.curation_status
    if status == PUBLISHED and previous_status != PUBLISHED:
        change = ChangeKind.PUBLISHED
    elif status == RETRACTED and previous_status == PUBLISHED:
        change = ChangeKind.RETRACTED
    elif previous_status is None:
        change = ChangeKind.CREATED
    else:
        change = ChangeKind.CHANGED
    fields: list[str] = []
    if before is not None:
        fields = [name for attname, name in plain.items()
                  if getattr(row, attname) != getattr(before.last, attname)]
        fields += sorted(name for name, value in write.state.items()
                         if before.state.get(name) != value)
    first = write.first
    user = first.history_user
    reason = first.history_change_reason or ""
    return HistoryEntry(
        key=first.history_id, version=row.version, at=first.history_date,
        username=user.get_username() if user is not None else None,
        process="" if user is not None else ("import" if reason.startswith("import")
                                             else "system"),
        change=change, status=status, fields=fields,
        reason=row.retraction_reason if change == ChangeKind.RETRACTED else "")
