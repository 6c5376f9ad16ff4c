"""Events as the API shows them, built from plain rows.

A page of events (or a chunk of an export) is read with six ``values()`` queries,
whatever the number of events: one for the events and their single-valued links, then
one per list (topics, participants, citations, relations both ways, whom statements
are about). Building dicts from those rows costs a fraction of what model instances
and serializer fields cost per row (measured: ModelSerializer 5–9× a values path on a
1,000-row page), which matters for 50,000-row CSV exports as much as for pages.
Linked events and agreements are looked up by primary key rather than joined, so a
chunk never reads the whole events table (see ``_visible_uid``).

The shapes are documented by the serializers in ``serializers.py`` (which the
OpenAPI schema is generated from); ``tests/api`` and schemathesis check that what
this module builds matches them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import F, OuterRef, Subquery, Value
from rest_framework.reverse import reverse

from diplomacy.models import (
    Agreement,
    Citation,
    Event,
    EventKind,
    EventParticipant,
    EventRelation,
)
from diplomacy.services.batches import in_batch

# The detail route each kind's rows link to, by endpoint.
DETAIL_ROUTE = {"event": "api:event-detail", "meeting": "api:meeting-detail",
                "incident": "api:incident-detail", "statement": "api:statement-detail"}

_EVENT_COLUMNS = (
    "id", "uid", "kind", "title", "summary", "date", "date_end", "date_precision",
    "approximate", "place", "location_country_id", "verification", "curation_status",
    "retraction_reason", "incident_type", "cameo_id", "plover_type", "plover_mode",
    "plover_context", "note", "quote", "language", "medium",
    "cameo__name", "cameo__goldstein",
    "speaker_person__slug", "speaker_person__name",
    "speaker_organisation__slug", "speaker_organisation__name",
    "speaker_post__slug", "speaker_post__label", "speaker_post__country_id",
)


def event_facts(ids: Sequence[int], *, statuses: Sequence[str]) -> list[dict[str, Any]]:
    """Everything the representations show of the events ``ids``, in that order, as
    plain dicts (lists under "topics", "participants", "citations", "relations",
    "about"). Links to records outside ``statuses`` read as None."""
    if not ids:
        return []
    # in_batch: the ids travel as one parameter, not one placeholder each (an export
    # chunk holds 2,000 of them).
    chosen = Event._base_manager.filter(in_batch("pk", ids))
    events = {row["id"]: row for row in chosen.annotate(
        visible_occasion=_visible_uid(Event, "occasion_id", statuses),
        visible_agreement=_visible_uid(Agreement, "agreement_id", statuses),
    ).values(*_EVENT_COLUMNS, "visible_occasion", "visible_agreement")}
    lists: dict[str, dict[int, list]] = {name: defaultdict(list) for name in (
        "topics", "participants", "citations", "relations", "about")}

    topics = Event.topics.through.objects.filter(in_batch("event_id", ids))
    for event_id, slug in topics.order_by("topic_id").values_list("event_id", "topic_id"):
        lists["topics"][event_id].append(slug)
    for row in EventParticipant.objects.filter(in_batch("event_id", ids)).order_by(
            "event_id", "role", "id").values(
            "event_id", "role", "name", "country_id", "note", "actor_country_id",
            "actor_country__name", "actor_organisation__slug", "actor_organisation__name",
            "actor_person__slug", "actor_person__name"):
        lists["participants"][row["event_id"]].append(row)
    for row in Citation.objects.filter(in_batch("event_id", ids)).order_by("source__uid").values(
            "event_id", "quote", "note", "source__uid", "source__title", "source__url",
            "source__published_on", "source__publisher__name"):
        lists["citations"][row["event_id"]].append(row)
    for event_id, entry in _relations(ids, statuses):
        lists["relations"][event_id].append(entry)
    # Asked of every page, statements on it or not, so a page costs the same queries.
    for event_id, entry in _about(ids):
        lists["about"][event_id].append(entry)

    facts = []
    for pk in ids:
        row = events.get(pk)
        if row is None:
            continue
        facts.append({**row, **{name: lists[name].get(pk, []) for name in lists}})
    return facts


def _visible_uid(model, column: str, statuses: Sequence[str]) -> Subquery:
    """The public id of the ``model`` row that ``column`` points to, if that row is in
    ``statuses`` (else NULL). A subquery, so each linked row is one primary-key lookup:
    joined instead, the planner, expecting a link per id, hashes the whole linked table
    once a batch is large (a 2,000-event export chunk read all 100,000 events twice)."""
    linked = model._base_manager.filter(pk=OuterRef(column), curation_status__in=statuses)
    return Subquery(linked.order_by().values("uid")[:1])


# A relation read from each end: outgoing (this event is its "from"), then incoming.
_DIRECTIONS = (("from_event", "to_event"), ("to_event", "from_event"))
_DIRECTION_NAMES = ("outgoing", "incoming")


def _relations(ids: Sequence[int], statuses: Sequence[str]) -> list[tuple[int, dict]]:
    """(event id, relation as shown) for the relations of ``ids`` both ways, in one
    query (a UNION of the two directions, each led by its own index): an event's
    outgoing relations first, then its incoming ones, each by kind and the other
    event's id; relations to events outside ``statuses`` are left out. A relation
    between two events of ``ids`` is shown on both."""
    parts = [EventRelation.objects.filter(in_batch(f"{own}_id", ids)).annotate(
        rank=Value(rank), own=F(f"{own}_id"),
        other=_visible_uid(Event, f"{other}_id", statuses),
    ).filter(other__isnull=False).order_by().values_list(
        "own", "rank", "kind", "other", "certainty", "note")
        for rank, (own, other) in enumerate(_DIRECTIONS)]
    rows = parts[0].union(parts[1], all=True).order_by("rank", "kind", "other")
    return [(event_id, {"kind": kind, "direction": _DIRECTION_NAMES[rank], "event": other,
                        "certainty": certainty, "note": note})
            for event_id, rank, kind, other, certainty, note in rows]


# Whom statements are about: one table per actor type, shown countries first.
_ABOUT = (("about_countries", "country", "iso3"),
          ("about_organisations", "organization", "slug"),
          ("about_people", "person", "slug"))


def _about(ids: Sequence[int]) -> list[tuple[int, dict]]:
    """(event id, actor) for whom the statements among ``ids`` are about, in one query
    (a UNION over the three actor types): countries, organisations, then people, each
    by name."""
    parts = [getattr(Event, field).rel.model.objects.filter(
        in_batch("statements_about", ids)).annotate(
        rank=Value(rank), actor_id=F(key)).order_by().values_list(
        "statements_about", "actor_id", "name", "rank")
        for rank, (field, _kind, key) in enumerate(_ABOUT)]
    rows = parts[0].union(*parts[1:], all=True).order_by("rank", "name")
    return [(event_id, {"type": _ABOUT[rank][1], "id": actor_id, "name": name})
            for event_id, actor_id, name, rank in rows]


def actor(row: dict, prefix: str = "actor_") -> dict:
    """A participant's (or speaker's) actor: country, organisation, person or a name."""
    if row.get(f"{prefix}country_id"):
        return {"type": "country", "id": row[f"{prefix}country_id"],
                "name": row[f"{prefix}country__name"]}
    if row.get(f"{prefix}organisation__slug"):
        return {"type": "organization", "id": row[f"{prefix}organisation__slug"],
                "name": row[f"{prefix}organisation__name"]}
    if row.get(f"{prefix}person__slug"):
        return {"type": "person", "id": row[f"{prefix}person__slug"],
                "name": row[f"{prefix}person__name"]}
    return {"type": "unresolved", "id": None, "name": row.get("name", "")}


def _speaker(row: dict) -> dict | None:
    if row["speaker_person__slug"]:
        return {"type": "person", "id": row["speaker_person__slug"],
                "name": row["speaker_person__name"]}
    if row["speaker_organisation__slug"]:
        return {"type": "organization", "id": row["speaker_organisation__slug"],
                "name": row["speaker_organisation__name"]}
    return None


def _statement(row: dict) -> dict:
    post = ({"id": row["speaker_post__slug"], "label": row["speaker_post__label"],
             "country": row["speaker_post__country_id"]} if row["speaker_post__slug"] else None)
    return {"speaker": _speaker(row), "speaker_post": post, "quote": row["quote"],
            "language": row["language"], "medium": row["medium"], "about": row["about"],
            "occasion": row["visible_occasion"]}


def _iso(day) -> str | None:
    return day.isoformat() if day is not None else None


def representation(row: dict, *, route: str, request) -> dict:
    """One event as the list and detail of ``route`` (events/, meetings/…) show it."""
    goldstein = row["cameo__goldstein"]
    body = {
        "id": row["uid"],
        "url": reverse(DETAIL_ROUTE[route], kwargs={"id": row["uid"]}, request=request),
        "kind": row["kind"], "title": row["title"], "summary": row["summary"],
        "date": _iso(row["date"]), "date_end": _iso(row["date_end"]),
        "date_precision": row["date_precision"], "approximate": row["approximate"],
        "location": {"place": row["place"], "country": row["location_country_id"]},
        "participants": [{"actor": actor(p), "role": p["role"], "country": p["country_id"],
                          "note": p["note"]} for p in row["participants"]],
        "topics": row["topics"],
        "verification": row["verification"], "status": row["curation_status"],
        "retraction_reason": row["retraction_reason"], "incident_type": row["incident_type"],
        "codes": {"cameo": row["cameo_id"], "cameo_name": row["cameo__name"],
                  "plover_type": row["plover_type"], "plover_mode": row["plover_mode"],
                  "plover_context": row["plover_context"],
                  "intensity": float(goldstein) if goldstein is not None else None},
        "citations": [{"source": {"id": c["source__uid"], "title": c["source__title"],
                                  "publisher": c["source__publisher__name"],
                                  "link": c["source__url"],
                                  "published_on": _iso(c["source__published_on"])},
                       "quote": c["quote"], "note": c["note"]} for c in row["citations"]],
        "relations": row["relations"],
        "agreement": row["visible_agreement"],
        "note": row["note"],
    }
    if route == "statement":
        statement = _statement(row)
        body.update(speaker=statement["speaker"], speaker_post=statement["speaker_post"],
                    quote=statement["quote"], language=statement["language"],
                    medium=statement["medium"], about=statement["about"],
                    occasion=statement["occasion"])
    else:
        body["statement"] = _statement(row) if row["kind"] == EventKind.STATEMENT else None
    return body


def representations(ids: Iterable[int], *, statuses: Sequence[str], route: str,
                    request) -> list[dict]:
    return [representation(row, route=route, request=request)
            for row in event_facts(list(ids), statuses=statuses)]
