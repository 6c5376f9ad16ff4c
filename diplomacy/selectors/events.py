"""The timeline: the events list with what it shows, and the rules that narrow it.

Each ``events_*`` function takes an events QuerySet and returns it narrowed, so
the API's FilterSets, the admin and the pages combine the same rules.
"""

from __future__ import annotations

import datetime

from django.db.models import Case, F, Prefetch, QuerySet, When

from diplomacy.models import Citation, Event, EventParticipant, EventRelation

from .actors import ActorRef
from .dates import event_span_overlaps

# The participant column that holds each kind of actor.
_ACTOR_COLUMN = {"country": "actor_country", "organisation": "actor_organisation__slug",
                 "person": "actor_person__slug"}
# The about_* link that holds each kind of actor a statement is about.
_ABOUT_COLUMN = {"country": "about_countries", "organisation": "about_organisations__slug",
                 "person": "about_people__slug"}


def event_list(*, statuses: list[str], kind: str | None = None) -> QuerySet[Event]:
    """Events with everything their API representation shows, in a fixed number of queries:
    one for the page, then one per prefetched list whatever the page size."""
    events = Event.objects.filter(curation_status__in=statuses)
    if kind:
        events = events.filter(kind=kind)
    visible_targets = Event.objects.filter(curation_status__in=statuses)
    # Links to an occasion or agreement the reader may not see are shown as empty.
    events = events.annotate(
        visible_occasion=Case(When(occasion__curation_status__in=statuses,
                                   then=F("occasion__uid"))),
        visible_agreement=Case(When(agreement__curation_status__in=statuses,
                                    then=F("agreement__uid"))),
    )
    return events.select_related(
        "location_country", "cameo", "speaker_person", "speaker_organisation",
        "speaker_post", "speaker_post__country", "occasion", "agreement",
    ).prefetch_related(
        "topics",
        Prefetch(
            "participants",
            queryset=EventParticipant.objects.select_related(
                "actor_country", "actor_organisation", "actor_person",
            ).order_by("role", "id"),
        ),
        Prefetch(
            "citations",
            queryset=Citation.objects.select_related("source", "source__publisher")
            .order_by("source__uid"),
        ),
        Prefetch(
            "relations",
            queryset=EventRelation.objects.filter(to_event__in=visible_targets)
            .select_related("to_event").order_by("kind", "to_event__uid"),
        ),
        Prefetch(
            "related_from",
            queryset=EventRelation.objects.filter(from_event__in=visible_targets)
            .select_related("from_event").order_by("kind", "from_event__uid"),
        ),
        "about_countries", "about_organisations", "about_people",
    )


def events_involving(events: QuerySet[Event], *, countries: list[str]) -> QuerySet[Event]:
    """Events with a participant counted under any of ``countries``."""
    involved = EventParticipant.objects.filter(country__in=countries).values("event_id")
    return events.filter(id__in=involved)


def events_in_dyad(events: QuerySet[Event], *, countries: list[str]) -> QuerySet[Event]:
    """Events with participants counted under each of the two ``countries`` (unordered)."""
    for code in countries:
        events = events.filter(
            id__in=EventParticipant.objects.filter(country=code).values("event_id"))
    return events


def events_with_participant(events: QuerySet[Event], *, actor: ActorRef) -> QuerySet[Event]:
    """Events in which ``actor`` (a person or organisation, or a country) takes part."""
    taking_part = EventParticipant.objects.filter(**{_ACTOR_COLUMN[actor.type]: actor.id})
    return events.filter(id__in=taking_part.values("event_id"))


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
