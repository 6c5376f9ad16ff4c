"""A page's query string: the events/ filters, checked exactly as the API checks them.

The explorer, the country and dyad pages and the network take the parameters of
``/api/v1/events/`` and validate them with its FilterSet (``EventFilter``), so a query
copied between a page and the API means the same thing, and each page links to the
same query in the API and as CSV. One difference: an HTML form sends the fields a
reader left alone as empty values (``?q=&country=AZE``), so a page drops empty values
where the API refuses them. Every other bad value is listed on the page with a 400.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import HttpRequest, QueryDict
from django.urls import reverse
from rest_framework.exceptions import ValidationError

from diplomacy import selectors
from diplomacy.api.filters import EventFilter
from diplomacy.api.parameters import check_query_parameters

# Where a page of a list starts and how long it is, as in the API's keyset pages.
PAGING = frozenset({"cursor", "page_size"})
# Page-only parameters that are not part of the query itself.
NOT_QUERY = PAGING | {"by"}


@dataclass
class EventQuery:
    """The events a page shows: the reader's parameters, those fixed by the page's address
    (a country page's ``country``), defaults, and what was wrong with them."""

    given: dict[str, str]
    fixed: dict[str, str]
    defaults: dict[str, str]
    errors: dict[str, list[str]] = field(default_factory=dict)
    filterset: EventFilter | None = None

    @property
    def valid(self) -> bool:
        return not self.errors

    @property
    def data(self) -> dict[str, str]:
        """Everything the FilterSet reads, the address's values first: fixed values win,
        defaults fill gaps."""
        data = {**self.fixed, **self.given, **self.fixed}
        return {**data, **{name: value for name, value in self.defaults.items()
                           if name not in data}}

    def parameters(self, *, drop: Iterable[str] = ()) -> list[tuple[str, str]]:
        """The query as (name, value) pairs, in a stable order, without page-only ones."""
        dropped = NOT_QUERY | set(drop)
        return [(name, value) for name, value in self.data.items() if name not in dropped]

    def link(self, route: str, *, drop: Iterable[str] = (), **extra: str) -> str:
        """The same query at an API route (``api:event-list``…), plus ``extra``."""
        pairs = self.parameters(drop=drop) + list(extra.items())
        query = urlencode(pairs)
        return f"{reverse(route)}?{query}" if query else reverse(route)

    def extra_parameters(self, shown: Iterable[str]) -> list[tuple[str, str]]:
        """The reader's parameters that a page's form has no field for (kept as hidden
        fields so that submitting the form keeps them)."""
        shown = set(shown) | PAGING
        return [(name, value) for name, value in self.given.items() if name not in shown]


def _given(query: QueryDict) -> QueryDict:
    """The query string without the empty values an HTML form sends for untouched
    fields; whitespace, separators alone and everything else are left for the checks."""
    kept = QueryDict(mutable=True)
    for name, values in query.lists():
        for value in values:
            if value != "":
                kept.appendlist(name, value)
    return kept


def read_event_query(request: HttpRequest, *, fixed: dict[str, str] | None = None,
                     own: Iterable[str] = (), paged: bool = True,
                     defaults: dict[str, str] | None = None) -> EventQuery:
    """Check the request's parameters as ``events/`` does and build its FilterSet.

    ``fixed``: values the page's address sets (not accepted from the query string);
    ``own``: the page's own parameters (checked by the page); ``paged``: whether
    ``cursor`` and ``page_size`` apply.
    """
    fixed = fixed or {}
    given = _given(request.GET)
    known = (set(EventFilter.base_filters) - set(fixed)) | set(own) | (PAGING if paged else set())
    query = EventQuery(given={}, fixed=fixed, defaults=dict(defaults or {}))
    try:
        check_query_parameters(given, known=known)
    except ValidationError as exc:
        query.errors = messages_of(exc)
        query.given = {name: given.get(name, "") for name in given if name in known}
        return query
    query.given = {name: given[name] for name in given}
    filter_data = {name: value for name, value in query.data.items()
                   if name in EventFilter.base_filters}
    statuses = selectors.visible_statuses(user=request.user)
    filterset = EventFilter(filter_data, queryset=selectors.visible_events(statuses=statuses),
                            request=request)
    if not filterset.is_valid():
        # Read through Django's ValidationError: a message that holds the reader's own
        # value (``Unknown id(s): a%d``) is shown as it is (see api/filtering.py).
        query.errors = {name: [message for error in errors.as_data()
                               for message in error.messages]
                        for name, errors in filterset.errors.items()}
        return query
    query.filterset = filterset
    return query


def messages_of(exc: ValidationError) -> dict[str, list[str]]:
    """A DRF ValidationError's messages by parameter name, as plain strings."""
    detail = exc.detail if isinstance(exc.detail, dict) else {"": exc.detail}
    return {name: [str(message) for message in (messages if isinstance(messages, list)
                                                else [messages])]
            for name, messages in detail.items()}
