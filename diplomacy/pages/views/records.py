"""One record per page: an event, a person, an organisation, an agreement.

Each shows what the record's JSON holds, readably, with its citations (source,
publisher, link, date and the quoted passage) and a link to that JSON. A record the
reader may not see (a draft, to anyone but a curator) is a 404, as in the API.
People and organisations list the newest events they take part in, each with its
citations, and link to the API for the rest.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from diplomacy import selectors
from diplomacy.api.event_rows import actor, event_facts
from diplomacy.models import EventKind, RelationKind
from diplomacy.selectors import ActorRef

from ..listing import NEWEST, date_label, labelled, newest
from ..network import actor_url


def event(request: HttpRequest, uid: str) -> HttpResponse:
    _no_nul(uid)
    statuses = selectors.visible_statuses(user=request.user)
    pk = selectors.visible_events(statuses=statuses).filter(uid=uid).values_list(
        "pk", flat=True).first()
    if pk is None:
        raise Http404("No event with this id is visible to you.")
    facts = shown_events([pk], statuses=statuses)[0]
    named = [relation["event"] for relation in facts["relations"]]
    if facts["visible_occasion"]:
        named.append(facts["visible_occasion"])
    linked = labelled(selectors.events_linked(event_id=pk, uids=named, statuses=statuses))
    by_uid = {row["uid"]: row for row in linked}
    codes = [p["country_id"] for p in facts["participants"] if p["country_id"]]
    if facts["location_country_id"]:
        codes.append(facts["location_country_id"])
    countries = selectors.country_names(codes)
    for participant in facts["participants"]:
        participant["country_name"] = countries.get(participant["country_id"], "")
    return render(request, "pages/event.html", {
        "event": facts,
        "location": countries.get(facts["location_country_id"], ""),
        "relations": [{**relation, "other": by_uid.get(relation["event"]),
                       "kind_label": _label(RelationKind, relation["kind"])}
                      for relation in facts["relations"]],
        "occasion": by_uid.get(facts["visible_occasion"]),
        "statements_made": [row for row in linked if row["occasion_id"] == pk],
        "json_url": reverse("api:event-detail", kwargs={"id": uid}),
    })


def person(request: HttpRequest, slug: str) -> HttpResponse:
    _no_nul(slug)
    found = selectors.person_list().filter(slug=slug).first()
    if found is None:
        raise Http404("No person has this id.")
    tenures = [{"post": tenure.post, "start": date_label(tenure.start_date,
                                                         tenure.start_precision),
                "end": date_label(tenure.end_date, tenure.end_precision), "note": tenure.note}
               for tenure in found.tenures.all()]
    return render(request, "pages/person.html", {
        "person": found, "tenures": tenures,
        **_taking_part(request, ActorRef("person", slug)),
        "statements_url": f"{reverse('api:statement-list')}?{urlencode({'speaker': slug})}",
        "json_url": reverse("api:person-detail", kwargs={"id": slug}),
    })


def organisation(request: HttpRequest, slug: str) -> HttpResponse:
    _no_nul(slug)
    found = selectors.organisation_list().filter(slug=slug).first()
    if found is None:
        raise Http404("No organisation has this id.")
    statuses = selectors.visible_statuses(user=request.user)
    party = ActorRef("organisation", slug)
    sources = list(selectors.sources_published_by(organisation_id=found.pk)[:NEWEST])
    bound = selectors.agreements_with_party(selectors.visible_agreements(statuses=statuses),
                                            party=party)
    return render(request, "pages/organisation.html", {
        "organisation": found, "sources": sources,
        "sources_url": f"{reverse('api:source-list')}?{urlencode({'publisher': slug})}",
        "agreements": list(bound.order_by("uid").values("uid", "title", "kind", "status")),
        **_taking_part(request, party),
        "json_url": reverse("api:organization-detail", kwargs={"id": slug}),
    })


def agreement(request: HttpRequest, uid: str) -> HttpResponse:
    _no_nul(uid)
    statuses = selectors.visible_statuses(user=request.user)
    found = selectors.agreement_list(statuses=statuses).filter(uid=uid).first()
    if found is None:
        raise Http404("No agreement with this id is visible to you.")
    ids, count = newest(selectors.events_of_agreement(
        selectors.visible_events(statuses=statuses), agreement_id=found.pk))
    parties = [found.first_party_id, found.second_party_id]
    return render(request, "pages/agreement.html", {
        "agreement": found,
        "start": date_label(found.start_date, found.start_precision, found.approximate),
        "end": date_label(found.end_date, found.end_precision, found.approximate),
        "citations": [_citation(citation) for citation in found.citations.all()],
        "events": labelled(selectors.event_headlines(ids)), "event_count": count,
        "network_url": f"{reverse('pages:network')}?"
                       f"{urlencode({'dyad': ','.join(sorted(parties))})}",
        "json_url": reverse("api:agreement-detail", kwargs={"id": uid}),
    })


def _no_nul(identifier: str) -> None:
    """No id holds a NUL byte, and PostgreSQL refuses one in a query (a 500): not found."""
    if "\x00" in identifier:
        raise Http404("No record has this id.")


def _citation(citation) -> dict:
    """A citation as ``event_facts`` gives them, so one template shows both."""
    source = citation.source
    return {"source__uid": source.uid, "source__title": source.title, "source__url": source.url,
            "source__published_on": source.published_on,
            "source__publisher__name": source.publisher.name if source.publisher else None,
            "quote": citation.quote, "note": citation.note}


def _label(choices, value: str) -> str:
    return choices(value).label if value in choices.values else value


def shown_events(ids: list[int], *, statuses: list[str]) -> list[dict]:
    """``event_facts`` rows with what the templates read: labels, actors and their pages."""
    rows = labelled(event_facts(ids, statuses=statuses))
    for row in rows:
        row["is_statement"] = row["kind"] == EventKind.STATEMENT
        for participant in row["participants"]:
            participant["actor"] = actor(participant)
            participant["url"] = actor_url(participant["actor"]["type"],
                                           participant["actor"]["id"])
        for about in row["about"]:
            about["url"] = actor_url(about["type"], about["id"])
        speaker = actor(row, prefix="speaker_")
        row["speaker"] = speaker if speaker["type"] != "unresolved" else None
        if row["speaker"]:
            row["speaker"]["url"] = actor_url(speaker["type"], speaker["id"])
    return rows


def _taking_part(request: HttpRequest, party: ActorRef) -> dict:
    """The newest events ``party`` takes part in, with their citations, and the same
    query in the API (``events/?participant=…&ordering=-date``) and as CSV."""
    statuses = selectors.visible_statuses(user=request.user)
    ids, count = newest(selectors.events_with_participant(
        selectors.visible_events(statuses=statuses), actor=party))
    query = urlencode({"participant": party.id, "ordering": "-date"})
    url = reverse("api:event-list")
    return {"events": shown_events(ids, statuses=statuses), "event_count": count,
            "newest": NEWEST,
            "links": [{"label": "These events in the API", "url": f"{url}?{query}"},
                      {"label": "as CSV", "url": f"{url}?{query}&format=csv"}]}
