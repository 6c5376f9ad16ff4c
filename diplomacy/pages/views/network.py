"""``/network/``: actors and agreement flows, with the events/ filters.

The events the filters select (the newest ``NETWORK_EVENTS`` of them) give the
actors and who acts on whom; the agreements binding the countries filtered for
(every agreement when no country or dyad is given) give the flows.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from diplomacy import selectors
from diplomacy.api.event_rows import event_facts
from diplomacy.models import Agreement
from diplomacy.selectors import ActorRef

from ..network import NETWORK_EVENTS, build_network, name_countries
from ..params import EventQuery, read_event_query
from .explorer import DEFAULTS

# Agreements a network shows at most (by id); the page says when more match.
NETWORK_AGREEMENTS = 200


def network(request: HttpRequest) -> HttpResponse:
    query = read_event_query(request, paged=False, defaults=DEFAULTS)
    context = {"query": query, "graph": None, "limits": {
        "events": NETWORK_EVENTS, "agreements": NETWORK_AGREEMENTS}}
    if query.valid:
        statuses = selectors.visible_statuses(user=request.user)
        ids = list(query.filterset.qs.values_list("pk", flat=True)[:NETWORK_EVENTS + 1])
        facts = event_facts(ids[:NETWORK_EVENTS], statuses=statuses)
        agreements = selectors.agreement_rows(
            _agreements(query, selectors.visible_agreements(statuses=statuses)),
            limit=NETWORK_AGREEMENTS + 1)
        agreement_ids = [row["id"] for row in agreements[:NETWORK_AGREEMENTS]]
        graph = build_network(
            events=facts, agreements=agreements[:NETWORK_AGREEMENTS],
            exchanges=selectors.exchange_rows(agreement_ids),
            organisations=selectors.organisation_party_rows(agreement_ids))
        name_countries(graph, selectors.country_names(
            node["key"] for node in graph.nodes.values() if node["type"] == "country"))
        context.update(graph=graph.as_data(), events_shown=len(facts),
                       more_events=len(ids) > NETWORK_EVENTS,
                       agreements_shown=len(agreement_ids),
                       more_agreements=len(agreements) > NETWORK_AGREEMENTS)
    context["links"] = _links(query)
    return render(request, "pages/network.html", context, status=200 if query.valid else 400)


def _agreements(query: EventQuery, agreements: QuerySet[Agreement]) -> QuerySet[Agreement]:
    """Agreements binding any of the ``country`` codes and both of the ``dyad``."""
    data = query.filterset.form.cleaned_data
    if data.get("country"):
        bound = agreements.none()
        for code in data["country"]:
            bound |= selectors.agreements_with_party(agreements,
                                                     party=ActorRef("country", code))
        agreements = agreements.filter(pk__in=bound.values("pk"))
    if data.get("dyad"):
        agreements = selectors.agreements_with_parties(
            agreements, parties=[ActorRef("country", code) for code in data["dyad"]])
    return agreements


def _links(query: EventQuery) -> list[dict[str, str]]:
    links = [{"label": "Events in the API", "url": query.link("api:event-list")},
             {"label": "events as CSV", "url": query.link("api:event-list", format="csv")}]
    parties = []
    if query.valid:
        data = query.filterset.form.cleaned_data
        if data.get("dyad"):
            parties = [("party", code) for code in sorted(data["dyad"])]
        elif data.get("country") and len(data["country"]) == 1:
            parties = [("party", data["country"][0])]
    url = reverse("api:agreement-list")
    links.append({"label": "Agreements in the API",
                  "url": f"{url}?{urlencode(parties)}" if parties else url})
    return links
