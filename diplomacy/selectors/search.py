"""Full-text search: one query language, the same answers on SQLite and PostgreSQL.

A query is words and "quoted phrases", all of which must match; ``OR`` between two
of them accepts either; a leading ``-`` excludes. Each word is folded as names are
(case, apostrophes, diacritics: ``Sa’ar`` is ``saar``) and matches the start of a
word in the event's search document (``iran`` finds "Iranian"); a phrase matches
its words in a row. Events are searched through their derived document (title,
summary, quote, cited passages, place, and every name and alias of those taking
part or spoken of), as a substring match that a trigram index serves on PostgreSQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from diplomacy.models import Event, search_words

_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]
    excluded: bool = False
    # The term as typed ("energy-for-arms"): small tables' fields are matched as written.
    typed: str = ""


# AND of clauses; each clause an OR of terms.
SearchQuery = tuple[tuple[Term, ...], ...]


def parse_query(text: str) -> SearchQuery:
    """``iran OR kazakhstan "energy for arms" -draft`` →
    ((iran | kazakhstan), ("energy for arms"), (not draft)). Empty when no word."""
    clauses: list[list[Term]] = []
    join_next = False
    for match in _TOKEN.finditer(text):
        minus, phrase, word = match.groups()
        if phrase is None:
            if word.upper() == "OR":
                join_next = bool(clauses)
                continue
            if word.upper() == "AND":
                continue
            minus, phrase = ("-", word[1:]) if word.startswith("-") else ("", word)
        words = tuple(search_words(phrase))
        if not words:
            continue
        term = Term(words=words, excluded=bool(minus), typed=" ".join(phrase.split()))
        if join_next and not term.excluded and not clauses[-1][-1].excluded:
            clauses[-1].append(term)
        else:
            clauses.append([term])
        join_next = False
    return tuple(tuple(clause) for clause in clauses)


def has_words(text: str) -> bool:
    return bool(parse_query(text))


def _condition(term: Term, field: str) -> Q:
    condition = Q(**{f"{field}__contains": " " + " ".join(term.words)})
    return ~condition if term.excluded else condition


def events_matching(events: QuerySet[Event], *, text: str) -> QuerySet[Event]:
    """Events whose search document matches ``text`` (see the module's docstring)."""
    for clause in parse_query(text):
        condition = Q()
        for term in clause:
            condition |= _condition(term, "text_row__document")
        events = events.filter(condition)
    return events


def texts_matching(records: QuerySet, *, text: str, fields: list[str]) -> QuerySet:
    """The same query over a small table's text ``fields`` (agreements: title, short
    title, aliases, summary; sources): each term must appear in one of them,
    case-insensitively, as its words (``energy for arms``) or as typed
    (``energy-for-arms``, ``BTC``)."""
    for clause in parse_query(text):
        condition = Q()
        for term in clause:
            phrases = dict.fromkeys([" ".join(term.words), term.typed.lower()] if term.typed
                                    else [" ".join(term.words)])
            found = Q()
            for name in fields:
                for phrase in phrases:
                    found |= Q(**{f"{name}__icontains": phrase})
            condition |= ~found if term.excluded else found
        records = records.filter(condition)
    return records

