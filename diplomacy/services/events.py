"""Writing events: create and edit drafts with their participants and citations."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from diplomacy.models import CurationStatus, Event

from .records import assign, ensure_editable, replace_children, save_validated

M2M_FIELDS = ("topics", "about_countries", "about_organisations", "about_people")


@transaction.atomic
def event_create(*, fields: dict[str, Any], participants: list[dict] | None = None,
                 citations: list[dict] | None = None, actor) -> Event:
    """Record a new draft event. Validation runs first, so nothing is written on error."""
    event = Event(curation_status=CurationStatus.DRAFT)
    many = assign(event, fields, M2M_FIELDS)
    save_validated(event, many, actor=actor, reason="created")
    replace_children(event, "participants", participants, event=event)
    replace_children(event, "citations", citations, event=event)
    return event


@transaction.atomic
def event_update(*, event: Event, fields: dict[str, Any], participants: list[dict] | None = None,
                 citations: list[dict] | None = None, actor) -> Event:
    """Edit an event. Curators edit drafts; a published or retracted record needs a reviewer."""
    ensure_editable(event, actor=actor)
    many = assign(event, fields, M2M_FIELDS)
    save_validated(event, many, actor=actor, reason="edited")
    replace_children(event, "participants", participants, event=event)
    replace_children(event, "citations", citations, event=event)
    return event
