"""``/countries/<ISO3>/`` and ``/dyads/<A>-<B>/``: a timeline chart and the event list.

Both take every events/ filter (the address fixes ``country`` or ``dyad``) and ``by``
(``year``, ``quarter`` or ``month``: the chart's period). The chart is drawn from
``selectors.event_counts`` by period and kind, what ``events/counts/`` answers.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from rest_framework.exceptions import ValidationError

from diplomacy import selectors
from diplomacy.models import Agreement
from diplomacy.selectors import ActorRef

from ..charts import CHART_PERIODS, DEFAULT_PERIOD, timeline_chart
from ..listing import keyset_page
from ..params import EventQuery, messages_of, read_event_query
from .explorer import DEFAULTS


def country(request: HttpRequest, code: str) -> HttpResponse:
    if code != code.upper():
        return redirect(_same_query(request, reverse("pages:country",
                                                     kwargs={"code": code.upper()})))
    found = selectors.country_by_code(code)
    if found is None:
        raise Http404("No country has this ISO alpha-3 code.")
    party = ActorRef("country", code)
    return _timeline(request, fixed={"country": code}, title=found.name, codes=[code],
                     json_url=reverse("api:country-detail", kwargs={"id": code}),
                     agreements=lambda agreements: selectors.agreements_with_party(
                         agreements, party=party),
                     agreements_query=[("party", code)])


def dyad(request: HttpRequest, first: str, second: str) -> HttpResponse:
    codes = sorted({first.upper(), second.upper()})
    if len(codes) != 2:
        raise Http404("A dyad is two different countries.")
    if [first, second] != codes:  # one address per pair: AZE-ISR, not isr-aze
        return redirect(_same_query(request, reverse("pages:dyad", kwargs={
            "first": codes[0], "second": codes[1]})))
    names = selectors.country_names(codes)
    if len(names) != 2:
        raise Http404("No country has one of these ISO alpha-3 codes.")
    parties = [ActorRef("country", code) for code in codes]
    return _timeline(request, fixed={"dyad": ",".join(codes)},
                     title=f"{names[codes[0]]} – {names[codes[1]]}", codes=codes,
                     json_url=None,
                     agreements=lambda agreements: selectors.agreements_with_parties(
                         agreements, parties=parties),
                     agreements_query=[("party", code) for code in codes])


def _timeline(request: HttpRequest, *, fixed: dict[str, str], title: str, codes: list[str],
              json_url: str | None, agreements: Callable[[QuerySet[Agreement]],
                                                          QuerySet[Agreement]],
              agreements_query: list[tuple[str, str]]) -> HttpResponse:
    """The page of the events ``fixed`` selects; ``agreements`` narrows the agreements to
    those binding the page's countries (``agreements_query`` in the API)."""
    query = read_event_query(request, fixed=fixed, own={"by"}, defaults=DEFAULTS)
    period = request.GET.get("by") or DEFAULT_PERIOD
    if period not in CHART_PERIODS:
        query.errors["by"] = [f"Give one of {', '.join(CHART_PERIODS)}."]
    chart = page = None
    bound = []
    if query.valid:
        events = query.filterset.qs
        try:
            page = keyset_page(request, events,
                               timeline=getattr(query.filterset, "plain_timeline", None))
        except ValidationError as exc:  # a cursor or page size the API would refuse
            query.errors = messages_of(exc)
        else:
            chart = timeline_chart(selectors.event_counts(
                events, period=period, dimensions=["kind"],
                timeline=getattr(query.filterset, "plain_timeline", None)))
            statuses = selectors.visible_statuses(user=request.user)
            bound = list(agreements(selectors.visible_agreements(statuses=statuses))
                         .order_by("uid").values("uid", "title", "kind", "status"))
    return render(request, "pages/timeline.html", {
        "title": title, "codes": codes, "query": query, "period": period,
        "periods": CHART_PERIODS, "chart": chart, "page": page, "agreements": bound,
        "json_url": json_url, "links": _links(query, period, agreements_query),
        "countries": [{"code": code, "url": reverse("pages:country", kwargs={"code": code})}
                      for code in codes],
        "network_url": _network_url(query),
    }, status=200 if query.valid else 400)


def _links(query: EventQuery, period: str, agreements_query: list[tuple[str, str]]
           ) -> list[dict[str, str]]:
    counts = {"by": f"{period},kind"}
    return [
        {"label": "Counts in the API", "url": query.link("api:event-counts",
                                                          drop={"ordering"}, **counts)},
        {"label": "counts as CSV", "url": query.link("api:event-counts", drop={"ordering"},
                                                     **counts, format="csv")},
        {"label": "Events in the API", "url": query.link("api:event-list")},
        {"label": "events as CSV", "url": query.link("api:event-list", format="csv")},
        {"label": "Agreements in the API",
         "url": f"{reverse('api:agreement-list')}?{urlencode(agreements_query)}"},
    ]


def _network_url(query: EventQuery) -> str:
    return f"{reverse('pages:network')}?{urlencode(query.parameters(drop={'ordering'}))}"


def _same_query(request: HttpRequest, path: str) -> str:
    query = request.GET.urlencode()
    return f"{path}?{query}" if query else path
