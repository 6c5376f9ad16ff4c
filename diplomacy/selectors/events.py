"""The timeline: the events list with what it shows, and the rules that narrow it.

Each ``events_*`` function takes an events QuerySet and returns it narrowed, so
the API's FilterSets, the admin and the pages combine the same rules.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q, QuerySet

from diplomacy.models import (
    Citation,
    Event,
    EventCountry,
    EventPair,
    EventParticipant,
    EventRelation,
    Topic,
    intensity_key,
)

from .actors import ActorRef
from .dates import event_span_overlaps

# The participant column that holds each kind of actor.
_ACTOR_COLUMN = {"country": "actor_country", "organisation": "actor_organisation__slug",
                 "person": "actor_person__slug"}
# The about_* link that holds each kind of actor a statement is about.
_ABOUT_COLUMN = {"country": "about_countries", "organisation": "about_organisations__slug",
                 "person": "about_people__slug"}


def visible_events(*, statuses: list[str], kind: str | None = None) -> QuerySet[Event]:
    """The events a reader may list (of one kind, if given), bare: list pages are built
    from their ids (api/event_rows.py)."""
    events = Event.objects.filter(curation_status__in=statuses)
    return events.filter(kind=kind) if kind else events


def event_headlines(ids: Sequence[int]) -> list[dict[str, Any]]:
    """What a list of events shows of each (date at its precision, kind, title, place), in
    the order of ``ids``: one query, for pages that list events without their details."""
    rows = {row["id"]: row for row in Event._base_manager.filter(pk__in=ids).values(
        "id", "uid", "kind", "title", "date", "date_end", "date_precision", "approximate",
        "place", "location_country_id", "verification", "curation_status")}
    return [rows[pk] for pk in ids if pk in rows]


def events_linked(*, event_id: int, uids: Iterable[str], statuses: Sequence[str]
                  ) -> list[dict[str, Any]]:
    """The events a reader may see among ``uids`` (those an event's relations and occasion
    name) and the statements made at event ``event_id``, in one query, by date."""
    return list(Event.objects.filter(
        Q(uid__in=list(uids)) | Q(occasion_id=event_id), curation_status__in=statuses,
    ).order_by("date", "uid").values("uid", "kind", "title", "date", "date_precision",
                                     "approximate", "occasion_id"))


def events_of_agreement(events: QuerySet[Event], *, agreement_id: int) -> QuerySet[Event]:
    """Agreement events (signings, announcements) of one agreement."""
    return events.filter(agreement_id=agreement_id)


def topic_list() -> QuerySet[Topic]:
    """The topics events may be tagged with, by id."""
    return Topic.objects.order_by("slug")


@dataclass(frozen=True)
class Timeline:
    """The timeline filters that decide which index drives a list query.

    ``countries``: involving any of them (a participant counts under it, or it happened
    there); ``dyad``: participants count under both; dates: the event's span, widened
    by its precision, overlaps the inclusive range.
    """

    statuses: tuple[str, ...]
    kinds: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    dyad: tuple[str, str] | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    descending: bool = False
    # What the list is ordered by: date, intensity or updated (ties broken by id).
    ordering: str = "date"


ORDERINGS = ("date", "intensity", "updated")


def events_timeline(events: QuerySet[Event], *, timeline: Timeline) -> QuerySet[Event]:
    """``events`` narrowed by ``timeline`` and ordered by its ordering then id, with the two
    sort keys annotated as ``sort_key`` and ``sort_uid`` (what keyset pages compare).

    A dyad or a single country is answered from its derived table (EventPair,
    EventCountry), whose index holds status, kind and date in sort order: the page is
    found by one index range scan, then its events are fetched by key. Anything else is
    answered from the events' own (status, date) and (kind, date) indexes.

    By intensity, the key is the event's copy of its Goldstein value with NULLs (no CAMEO
    code) last in both directions (``intensity_key``), served by the
    ``event_status_intensity_up_idx`` / ``_dn_idx`` expression indexes; by last change,
    ``updated_at``, served by ``event_status_updated_idx``. Within a country or dyad,
    intensity is the derived row's copy, served by that table's intensity indexes; the
    last change is the event's own, sorted after the derived rows are found.
    """
    driven_by = ""
    if timeline.dyad is not None:
        first, second = sorted(timeline.dyad)
        rows = {"first": first, "second": second}
        driven_by = "pair_rows"
        events = _driven_by(events, driven_by, rows, timeline)
        if timeline.countries:
            events = events_involving(events, countries=list(timeline.countries))
    elif len(timeline.countries) == 1:
        driven_by = "country_rows"
        events = _driven_by(events, driven_by, {"country": timeline.countries[0]}, timeline)
    else:
        if timeline.countries:
            events = events_involving(events, countries=list(timeline.countries))
        events = events_in_period(events, timeline=timeline)
    events = events.annotate(**_sort_keys(timeline, driven_by))
    order = ("-sort_key", "-sort_uid") if timeline.descending else ("sort_key", "sort_uid")
    return events.order_by(*order)


def events_in_period(events: QuerySet[Event], *, timeline: Timeline) -> QuerySet[Event]:
    """``events`` of the timeline's statuses and kinds whose span meets its dates, read
    from the events' own columns (its countries and dyad are not applied)."""
    events = events.filter(curation_status__in=timeline.statuses)
    if timeline.kinds:
        events = events.filter(kind__in=timeline.kinds)
    return events_overlapping(events, date_from=timeline.date_from, date_to=timeline.date_to)


def timeline_rows(timeline: Timeline | None) -> QuerySet | None:
    """The derived rows that alone select ``timeline``'s events, one row per event, when
    a dyad or a single country drives it (else None).

    They carry the event's status, kind and dates, so counting them is an index-only
    scan of their table; counting through the events costs a probe of the events'
    primary key per row (measured at a million events: 12 ms against 50–90 ms for a
    dyad's 2,667 meetings in a year). Only the timeline is applied: a caller with
    other filters must count the events."""
    if timeline is None:
        return None
    if timeline.dyad is not None:
        if timeline.countries:
            return None
        first, second = sorted(timeline.dyad)
        return EventPair.objects.filter(first=first, second=second,
                                        **_row_conditions(timeline))
    if len(timeline.countries) == 1:
        return EventCountry.objects.filter(country=timeline.countries[0],
                                           **_row_conditions(timeline))
    return None


def _row_conditions(timeline: Timeline, prefix: str = "") -> dict[str, Any]:
    """The timeline's statuses, kinds and dates on a derived row's copies of them
    (``prefix``: the relation from the events to those rows)."""
    conditions: dict[str, Any] = {f"{prefix}curation_status__in": timeline.statuses}
    if timeline.kinds:
        conditions[f"{prefix}kind__in"] = timeline.kinds
    if timeline.date_from is not None:
        conditions[f"{prefix}span_end__gte"] = timeline.date_from
    if timeline.date_to is not None:
        conditions[f"{prefix}date__lte"] = timeline.date_to
    return conditions


def _driven_by(events: QuerySet[Event], relation: str, rows: dict, timeline: Timeline
               ) -> QuerySet[Event]:
    """Join one derived row per event (its unique key is in ``rows``) and filter and sort
    on its copies of the event's columns, which its index holds in order."""
    return events.filter(**{f"{relation}__{name}": value for name, value in rows.items()},
                         **_row_conditions(timeline, prefix=f"{relation}__"))


def _sort_keys(timeline: Timeline, driven_by: str) -> dict[str, Any]:
    """The two keyset sort keys: by date, the derived row's copies (in its index) when a
    derived table drives the query; otherwise the event's own columns."""
    prefix = f"{driven_by}__" if driven_by else ""
    if timeline.ordering == "intensity":
        # Within a country or dyad, the derived row's copy: its intensity index.
        return {"sort_key": intensity_key(descending=timeline.descending,
                                          column=f"{prefix}intensity" if driven_by
                                          else "sort_intensity"),
                "sort_uid": F(f"{prefix}uid")}
    if timeline.ordering == "updated":
        return {"sort_key": F("updated_at"), "sort_uid": F("uid")}
    return {"sort_key": F(f"{prefix}date"), "sort_uid": F(f"{prefix}uid")}


def events_involving(events: QuerySet[Event], *, countries: list[str]) -> QuerySet[Event]:
    """Events involving any of ``countries``: a participant counts under it, or it
    happened there."""
    involved = EventCountry.objects.filter(country__in=countries).values("event_id")
    return events.filter(id__in=involved)


def events_in_dyad(events: QuerySet[Event], *, countries: list[str]) -> QuerySet[Event]:
    """Events with participants counted under each of the two ``countries`` (unordered)."""
    first, second = sorted(countries)
    pairs = EventPair.objects.filter(first=first, second=second).values("event_id")
    return events.filter(id__in=pairs)


def events_with_participant(events: QuerySet[Event], *, actor: ActorRef,
                            roles: list[str] | None = None) -> QuerySet[Event]:
    """Events in which ``actor`` (a person or organisation, or a country) takes part, in
    one of ``roles`` when given."""
    taking_part = EventParticipant.objects.filter(**{_ACTOR_COLUMN[actor.type]: actor.id})
    if roles:
        taking_part = taking_part.filter(role__in=roles)
    return events.filter(id__in=taking_part.values("event_id"))


def events_with_countries_in_roles(events: QuerySet[Event], *, countries: list[str],
                                   roles: list[str]) -> QuerySet[Event]:
    """Events with a participant counted under one of ``countries`` in one of ``roles``."""
    taking_part = EventParticipant.objects.filter(country__in=countries, role__in=roles)
    return events.filter(id__in=taking_part.values("event_id"))


def events_citing(events: QuerySet[Event], *, sources: list[str]) -> QuerySet[Event]:
    """Events citing any of these sources (public ids)."""
    citing = Citation.objects.filter(source__uid__in=sources, event__isnull=False)
    return events.filter(id__in=citing.values("event_id"))


def events_related_to(events: QuerySet[Event], *, related: list[str]) -> QuerySet[Event]:
    """Events with a relation to or from any of the ``related`` events (public ids)."""
    uids = related
    outgoing = EventRelation.objects.filter(to_event__uid__in=uids).values("from_event_id")
    incoming = EventRelation.objects.filter(from_event__uid__in=uids).values("to_event_id")
    return events.filter(Q(id__in=outgoing) | Q(id__in=incoming))


def events_overlapping(events: QuerySet[Event], *, date_from: datetime.date | None = None,
                       date_to: datetime.date | None = None) -> QuerySet[Event]:
    """Events whose span, widened by its precision, overlaps the inclusive range."""
    return events.filter(event_span_overlaps(date_from=date_from, date_to=date_to))


def events_with_topics(events: QuerySet[Event], *, topics: list[str]) -> QuerySet[Event]:
    """Events on any of ``topics`` (slugs)."""
    return events.filter(id__in=Event.topics.through.objects.filter(
        topic_id__in=topics).values("event_id"))


def statements_about(events: QuerySet[Event], *, actor: ActorRef) -> QuerySet[Event]:
    """Statements about ``actor`` (a country, organisation or person)."""
    about = Event.objects.filter(**{_ABOUT_COLUMN[actor.type]: actor.id})
    return events.filter(id__in=about.values("id"))


def statements_by(events: QuerySet[Event], *, speakers: list[str]) -> QuerySet[Event]:
    """Statements whose speaker is one of these people (slugs)."""
    return events.filter(speaker_person__slug__in=speakers)
