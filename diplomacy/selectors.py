"""Read queries. Each returns a QuerySet already carrying the joins its callers need."""

from __future__ import annotations

import datetime

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Case, F, Prefetch, Q, QuerySet, When

from .models import (
    Agreement,
    AgreementParty,
    Citation,
    CurationStatus,
    DatePrecision,
    Event,
    EventParticipant,
    EventRelation,
    Exchange,
    Organisation,
    Person,
    Post,
    Source,
    Tenure,
    period_start,
    search_key,
)


def tenures_on(*, on: datetime.date, post: Post | None = None) -> QuerySet[Tenure]:
    """Tenures in effect on a day; an unknown start or end counts as open.

    Dates are stored as the first day of their period, so an end "January 2026"
    (2026-01-01, month precision) still covers 26 January: ends are widened by
    their precision, as agreements' are.
    """
    tenures = Tenure.objects.filter(
        Q(start_date__isnull=True) | Q(start_date__lte=on),
        Q(end_date__isnull=True)
        | Q(end_precision=DatePrecision.DAY, end_date__gte=on)
        | Q(end_precision=DatePrecision.MONTH,
            end_date__gte=period_start(on, DatePrecision.MONTH))
        | Q(end_precision=DatePrecision.YEAR,
            end_date__gte=period_start(on, DatePrecision.YEAR)),
    )
    if post is not None:
        tenures = tenures.filter(post=post)
    return tenures.select_related("person", "post", "post__country")


def post_holders_on(*, post: Post, on: datetime.date) -> QuerySet[Person]:
    """Who held ``post`` on ``on`` (one query) — usually one person, more if unsure."""
    return Person.objects.filter(id__in=tenures_on(on=on, post=post).values("person_id"))


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


# --- API read paths -------------------------------------------------------------------------

def visible_statuses(*, user) -> list[str]:
    """Curators see drafts and retractions; everyone else sees published records only."""
    if is_curator(user=user):
        return list(CurationStatus.values)
    return [CurationStatus.PUBLISHED]


def is_curator(*, user) -> bool:
    if not (user and user.is_authenticated):
        return False
    return user.is_superuser or user.groups.filter(name__in=["curators", "reviewers"]).exists()


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


def agreement_list(*, statuses: list[str]) -> QuerySet[Agreement]:
    return Agreement.objects.filter(curation_status__in=statuses).select_related(
        "first_party", "second_party",
    ).prefetch_related(
        "topics",
        Prefetch("parties", queryset=AgreementParty.objects.select_related(
            "country", "organisation").order_by("id")),
        Prefetch("exchanges", queryset=Exchange.objects.select_related(
            "from_country", "to_country", "via").order_by("id")),
        Prefetch("citations", queryset=Citation.objects.select_related(
            "source", "source__publisher").order_by("source__uid")),
    )


def person_list() -> QuerySet[Person]:
    return Person.objects.select_related("nationality").prefetch_related(
        "aliases",
        Prefetch("tenures", queryset=Tenure.objects.select_related(
            "post", "post__country").order_by("start_date", "id")),
    )


def organisation_list() -> QuerySet[Organisation]:
    return Organisation.objects.select_related("country", "parent").prefetch_related("aliases")


def source_list() -> QuerySet[Source]:
    return Source.objects.select_related("publisher")


# --- Full-text search -----------------------------------------------------------------------

def _phrases(text: str) -> list[str]:
    """Split a query into terms, keeping "quoted phrases" whole."""
    terms: list[str] = []
    for index, chunk in enumerate(text.split('"')):
        if index % 2:  # inside quotes
            if chunk.strip():
                terms.append(" ".join(chunk.split()))
        else:
            terms.extend(word for word in chunk.split() if word.lower() != "and")
    return terms


def events_matching(events: QuerySet[Event], *, text: str) -> QuerySet[Event]:
    """Events whose title, summary, statement quote or a citation's quoted passage match.

    PostgreSQL uses its full-text search (stemmed, "quoted phrases" as phrases, web
    search syntax); SQLite falls back to requiring every term or phrase as a
    case-insensitive substring of one of those texts.
    """
    if connection.vendor == "postgresql":
        query = SearchQuery(text, config="english", search_type="websearch")
        by_citation = Citation.objects.annotate(
            document=SearchVector("quote", config="english"),
        ).filter(document=query).values("event_id")
        return events.annotate(
            document=SearchVector("title", "summary", "quote", config="english"),
        ).filter(Q(document=query) | Q(id__in=by_citation))
    for term in _phrases(text):
        by_citation = Citation.objects.filter(quote__icontains=term).values("event_id")
        events = events.filter(
            Q(title__icontains=term) | Q(summary__icontains=term) | Q(quote__icontains=term)
            | Q(id__in=by_citation),
        )
    return events


def texts_matching(records: QuerySet, *, text: str, fields: list[str]) -> QuerySet:
    """The same search over any model's text ``fields`` (agreements, sources)."""
    if connection.vendor == "postgresql":
        query = SearchQuery(text, config="english", search_type="websearch")
        return records.annotate(document=SearchVector(*fields, config="english")).filter(
            document=query,
        )
    for term in _phrases(text):
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__icontains": term})
        records = records.filter(condition)
    return records
