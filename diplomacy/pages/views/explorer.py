"""``/``: search and filter the timeline, with the events/ parameters."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from rest_framework.exceptions import ValidationError

from diplomacy import selectors
from diplomacy.models import EventKind, Verification

from ..listing import keyset_page
from ..params import EventQuery, messages_of, read_event_query

# The filters the explorer's form has a field for; any other events/ parameter given
# (participant, cameo, role…) still applies and is kept by the form as a hidden field.
FORM_FIELDS = ("q", "country", "dyad", "kind", "topic", "verification", "date_from",
               "date_to", "ordering")
# Newest first unless the reader asks otherwise; the API's links carry the same order.
DEFAULTS = {"ordering": "-date"}


def explorer(request: HttpRequest) -> HttpResponse:
    query = read_event_query(request, defaults=DEFAULTS)
    page = None
    if query.valid:
        try:
            events = query.filterset.qs  # first: filtering finds what a count may read
            page = keyset_page(request, events,
                               timeline=getattr(query.filterset, "plain_timeline", None))
        except ValidationError as exc:  # a cursor or page size the API would refuse
            query.errors = messages_of(exc)
    return render(request, "pages/explorer.html", {
        "query": query, "page": page, "form": form_context(query),
        "links": list_links(query),
        "shortcut": shortcut(query),
    }, status=200 if query.valid else 400)


def form_context(query: EventQuery) -> dict:
    """What the filter form shows: current values, choices, and hidden extras."""
    values = {**query.defaults, **query.given}
    kinds = list(EventKind.choices)
    if values.get("kind") and values["kind"] not in EventKind.values:
        kinds.append((values["kind"], values["kind"]))  # a comma list typed in the address
    return {"values": values, "kinds": kinds, "verifications": Verification.choices,
            "topics": list(selectors.topic_list().values_list("slug", "name")),
            "orderings": [("-date", "newest first"), ("date", "oldest first"),
                          ("intensity", "most hostile first"),
                          ("-intensity", "most cooperative first"),
                          ("-updated", "recently changed first")],
            "hidden": query.extra_parameters(FORM_FIELDS)}


def list_links(query: EventQuery) -> list[dict[str, str]]:
    return [{"label": "This query in the API", "url": query.link("api:event-list")},
            {"label": "as CSV", "url": query.link("api:event-list", format="csv")}]


def shortcut(query: EventQuery) -> dict[str, str] | None:
    """The country or dyad page (with its chart) for a query naming one country or a dyad."""
    if not query.valid:
        return None
    data = query.filterset.form.cleaned_data
    if data.get("dyad"):
        first, second = sorted(data["dyad"])
        return {"label": f"Timeline of {first}–{second}",
                "url": reverse("pages:dyad", kwargs={"first": first, "second": second})}
    if data.get("country") and len(data["country"]) == 1:
        code = data["country"][0]
        return {"label": f"Timeline of {code}",
                "url": reverse("pages:country", kwargs={"code": code})}
    return None
