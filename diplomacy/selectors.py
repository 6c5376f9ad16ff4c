"""Read queries. Each returns a QuerySet already carrying the joins its callers need."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet

from .models import (
    CurationStatus,
    Event,
    EventParticipant,
    Organisation,
    Person,
    Post,
    Tenure,
    search_key,
)


def tenures_on(*, on: datetime.date, post: Post | None = None) -> QuerySet[Tenure]:
    """Tenures in effect on a day; an unknown start or end counts as open."""
    tenures = Tenure.objects.filter(
        Q(start_date__isnull=True) | Q(start_date__lte=on),
        Q(end_date__isnull=True) | Q(end_date__gte=on),
    )
    if post is not None:
        tenures = tenures.filter(post=post)
    return tenures.select_related("person", "post", "post__country")


def post_holders_on(*, post: Post, on: datetime.date) -> QuerySet[Person]:
    """Who held ``post`` on ``on`` — usually one person, more if the record is unsure."""
    return Person.objects.filter(
        Q(tenures__start_date__isnull=True) | Q(tenures__start_date__lte=on),
        Q(tenures__end_date__isnull=True) | Q(tenures__end_date__gte=on),
        tenures__post=post,
    ).distinct()


def people_matching(*, text: str) -> QuerySet[Person]:
    """People whose name or any alias contains ``text``, ignoring case, apostrophes
    and diacritics (``saar`` finds Sa’ar, ``tokaev`` finds Tokayev)."""
    key = search_key(text)
    return Person.objects.filter(
        Q(search_key__contains=key) | Q(aliases__search_key__contains=key),
    ).distinct()


def organisations_matching(*, text: str) -> QuerySet[Organisation]:
    key = search_key(text)
    return Organisation.objects.filter(
        Q(search_key__contains=key) | Q(aliases__search_key__contains=key),
    ).distinct()


def published_events() -> QuerySet[Event]:
    return Event.objects.filter(curation_status=CurationStatus.PUBLISHED)


def events_involving(*, countries: list[str]) -> QuerySet[Event]:
    """Events with a participant counted under any of the given ISO alpha-3 codes."""
    involved = EventParticipant.objects.filter(country__in=countries).values("event_id")
    return Event.objects.filter(id__in=involved)
