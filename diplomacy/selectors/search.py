"""Full-text search over events and other records' text fields."""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet

from diplomacy.models import Citation, Event


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
