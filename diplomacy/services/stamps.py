"""Keeping ``Event.updated_at`` (what ``events/?ordering=-updated`` sorts by) true.

Saving an event stamps it (``LastChangeField``): the guarded edit path, the admin's
change form, the curation workflow. A participant, citation or relation is part of
its event, so changing one alone (the admin's own screens for them, a shell) stamps
the event too, here. Raw fixture loads are not changes; bulk writes set the moment
themselves (``BulkWriter``). Derived-row refreshes use ``QuerySet.update`` and leave
the stamp alone.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from diplomacy.models import Citation, Event, EventParticipant, EventRelation


def events_stamp(*, event_ids: list[int]) -> int:
    """Mark these events as changed now (one UPDATE; no history, no version)."""
    ids = [pk for pk in event_ids if pk is not None]
    if not ids:
        return 0
    return Event._base_manager.filter(pk__in=ids).update(updated_at=timezone.now())


def _on_child(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    if isinstance(instance, EventRelation):
        events_stamp(event_ids=[instance.from_event_id, instance.to_event_id])
    else:
        events_stamp(event_ids=[instance.event_id])


def connect_signals() -> None:
    for model in (EventParticipant, Citation, EventRelation):
        for signal in (post_save, post_delete):
            signal.connect(_on_child, sender=model,
                           dispatch_uid=f"stamp-{signal}-{model._meta.label}")
