"""Writing events: create and edit drafts with their participants, citations and
relations (this event's links to others: "part of" that visit, "responds to" that
statement; a link another event makes to this one is that event's to edit)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from diplomacy.models import CurationStatus, Event

from .records import assign, edit, one_write, replace_children, save_validated

M2M_FIELDS = ("topics", "about_countries", "about_organisations", "about_people")


@transaction.atomic
def event_create(*, fields: dict[str, Any], participants: list[dict] | None = None,
                 citations: list[dict] | None = None, relations: list[dict] | None = None,
                 actor) -> Event:
    """Record a new draft event. Validation runs first, so nothing is written on error."""
    with one_write():
        event = Event(curation_status=CurationStatus.DRAFT)
        many = assign(event, fields, M2M_FIELDS)
        save_validated(event, many, actor=actor, reason="created")
        replace_children(event, "participants", participants, event=event)
        replace_children(event, "citations", citations, event=event)
        replace_children(event, "relations", relations, from_event=event)
    return event


@transaction.atomic
def event_update(*, event: Event, fields: dict[str, Any], participants: list[dict] | None = None,
                 citations: list[dict] | None = None, relations: list[dict] | None = None,
                 actor, expected_version: int | None = None) -> Event:
    """Edit an event: only the fields given, and the child lists given (each replaced as
    a whole). Curators edit drafts; a published or retracted record needs a reviewer.
    ``expected_version`` is the version the caller read (StaleVersion otherwise)."""
    with one_write():
        return edit(event, fields=fields, m2m_names=M2M_FIELDS, link="event",
                    children={"participants": participants, "citations": citations,
                              "relations": relations},
                    links={"relations": "from_event"},
                    expected_version=expected_version, actor=actor)
