"""Writing events: create and edit drafts with their participants and citations."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from diplomacy.models import Citation, CurationStatus, Event, EventParticipant

M2M_FIELDS = ("topics", "about_countries", "about_organisations", "about_people")


def _apply(event: Event, fields: dict[str, Any]) -> dict[str, Any]:
    many = {name: fields.pop(name) for name in M2M_FIELDS if name in fields}
    for name, value in fields.items():
        setattr(event, name, value)
    return many


def _replace_children(event: Event, participants: list[dict] | None,
                      citations: list[dict] | None) -> None:
    if participants is not None:
        event.participants.all().delete()
        for data in participants:
            participant = EventParticipant(event=event, **data)
            if participant.actor_country_id and not participant.country_id:
                participant.country_id = participant.actor_country_id
            participant.full_clean()
            participant.save()
    if citations is not None:
        event.citations.all().delete()
        for data in citations:
            citation = Citation(event=event, **data)
            citation.full_clean()
            citation.save()


@transaction.atomic
def event_create(*, fields: dict[str, Any], participants: list[dict] | None = None,
                 citations: list[dict] | None = None, actor) -> Event:
    """Record a new draft event. Validation runs first, so nothing is written on error."""
    event = Event(curation_status=CurationStatus.DRAFT)
    many = _apply(event, dict(fields))
    event.full_clean()
    event._change_reason = "created"
    event.save()
    for name, values in many.items():
        getattr(event, name).set(values)
    _replace_children(event, participants, citations)
    return event


@transaction.atomic
def event_update(*, event: Event, fields: dict[str, Any], participants: list[dict] | None = None,
                 citations: list[dict] | None = None, actor) -> Event:
    """Edit an event. Curators edit drafts; a published or retracted record needs a reviewer."""
    if event.curation_status != CurationStatus.DRAFT and not actor.has_perm(
            "diplomacy.publish_event"):
        raise PermissionDenied("Only reviewers edit published or retracted records.")
    many = _apply(event, dict(fields))
    event.full_clean()
    event._change_reason = "edited"
    event.save()
    for name, values in many.items():
        getattr(event, name).set(values)
    _replace_children(event, participants, citations)
    return event
