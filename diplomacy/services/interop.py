"""Exports for people who combine this log with machine-coded event data.

Two shapes: PLOVER-style JSON lines (one event per line, actors and recipients as
lists, and the directed country dyads) and an ICEWS-style dyadic table. Both read
sides and pairs from the role table (services/roles.py), as the counts by directed
dyad do, so summing an export by country pair counts each event once per pair:

- ICEWS has one row per directed pair of the event's sides, and never two rows for
  the same pair of countries (the first pair of actors stands for it); a side with
  no country is a pair of its own. An event with actors on one side only has a row
  per actor with the other side blank, and an event with no actor at all still has
  one row, both sides blank, so no published event is missing.
- Each actor carries the participant's note ("reportedly linked"); both shapes give
  the date's precision and whether it is approximate.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from diplomacy.models import (
    CameoCode,
    Citation,
    Event,
    EventParticipant,
    Organisation,
    ParticipantRole,
)

from . import roles
from .batches import in_batch

ICEWS_COLUMNS = [
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country",
    "Event Text", "CAMEO Code", "Intensity", "Target Name", "Target Sectors",
    "Target Country", "Story ID", "Publisher", "City", "Country", "Date Precision",
    "Approximate", "Source Note", "Target Note",
]

# --- Facts: what the two shapes read of an event, as plain values ---------------------------

_EVENT_COLUMNS = (
    "id", "uid", "kind", "title", "date", "date_end", "date_precision", "approximate",
    "place", "location_country_id", "verification", "plover_type", "plover_mode",
    "plover_context", "cameo_id", "cameo__name", "cameo__goldstein",
    "speaker_person__slug", "speaker_person__name", "speaker_person__nationality_id",
    "speaker_organisation__slug", "speaker_organisation__name",
    "speaker_organisation__country_id", "speaker_post__country_id",
)
_PARTICIPANT_COLUMNS = (
    "event_id", "role", "name", "country_id", "note", "actor_country_id",
    "actor_country__name", "actor_organisation__slug", "actor_organisation__name",
    "actor_organisation__acronym", "actor_organisation__kind", "actor_person__slug",
    "actor_person__name",
)
_CITATION_COLUMNS = (
    "event_id", "quote", "source__uid", "source__title", "source__url",
    "source__publisher__name", "source__published_on",
)
_ORGANISATION_KINDS = dict(Organisation._meta.get_field("kind").flatchoices)
_GOLDSTEIN = Decimal(1).scaleb(-CameoCode._meta.get_field("goldstein").decimal_places)


def _sector(kind: str) -> str:
    """An organisation's kind as its label (what ``get_kind_display`` gives)."""
    return str(_ORGANISATION_KINDS.get(kind, kind))


def _organisation_name(name: str, acronym: str) -> str:
    """An organisation as ``str(organisation)`` names it."""
    return f"{name} ({acronym})" if acronym else name


def interop_facts(ids: Sequence[int]) -> list[dict[str, Any]]:
    """What the PLOVER and ICEWS shapes read of the events ``ids``, in that order, as
    plain dicts, with five queries whatever the number of events (values() rows: no
    model instances, which cost most of the time of a large export). Lists are in an
    order that does not depend on the database: participants by role and their
    actor's public id, whom a statement is about by public id, citations by source."""
    if not ids:
        return []
    lists: dict[str, dict[int, list]] = {name: defaultdict(list) for name in (
        "participants", "about", "citations")}
    # Participants and whom a statement is about as (sort key, actor) until sorted.
    for row in EventParticipant.objects.filter(in_batch("event_id", ids)).order_by().values_list(
            *_PARTICIPANT_COLUMNS):
        lists["participants"][row[0]].append(_participant(row))
    for event_id, order, actor in _about_rows(ids):
        lists["about"][event_id].append((order, actor))
    for (event_id, quote, uid, title, url, publisher, published_on) in (
            Citation.objects.filter(in_batch("event_id", ids)).order_by().values_list(
                *_CITATION_COLUMNS)):
        lists["citations"][event_id].append({
            "id": uid, "title": title, "url": url, "publisher": publisher,
            "published_on": published_on.isoformat() if published_on else None,
            "quote": quote})
    for citations in lists["citations"].values():
        citations.sort(key=lambda citation: citation["id"])

    events = {row[0]: row for row in Event._base_manager.filter(in_batch("pk", ids)).order_by()
              .values_list(*_EVENT_COLUMNS)}
    return [_fact(events[pk], lists) for pk in ids if pk in events]


def _participant(row: tuple) -> tuple[tuple[str, ...], dict]:
    (_event, role, name, country, note, iso3, country_name, organisation, organisation_name,
     acronym, organisation_kind, person, person_name) = row
    if iso3:
        actor = {"id": iso3, "type": "country", "name": country_name, "sector": "Government"}
    elif organisation:
        actor = {"id": organisation, "type": "organization",
                 "name": _organisation_name(organisation_name, acronym),
                 "sector": _sector(organisation_kind)}
    elif person:
        actor = {"id": person, "type": "person", "name": person_name, "sector": ""}
    else:
        actor = {"id": None, "type": "unresolved", "name": name, "sector": ""}
    # Sorted by its natural key without the event.
    order = (role, iso3 or "", organisation or "", person or "", name)
    return order, {**actor, "country": country, "role": role, "note": note}


def _about_rows(ids: Sequence[int]) -> Iterator[tuple]:
    """(event id, (rank, public id), actor dict) for whom each statement is about:
    countries, then organisations, then people, each by public id."""
    for event_id, iso3, name in Event.about_countries.through.objects.filter(
            in_batch("event_id", ids)).order_by().values_list("event_id", "country_id",
                                                              "country__name"):
        yield event_id, (0, iso3), {"id": iso3, "type": "country", "name": name,
                                    "country": iso3, "role": roles.ABOUT,
                                    "sector": "Government", "note": ""}
    for event_id, slug, name, country, kind in (
            Event.about_organisations.through.objects.filter(in_batch("event_id", ids)).order_by()
            .values_list("event_id", "organisation__slug", "organisation__name",
                         "organisation__country_id", "organisation__kind")):
        yield event_id, (1, slug), {"id": slug, "type": "organization", "name": name,
                                    "country": country, "role": roles.ABOUT,
                                    "sector": _sector(kind), "note": ""}
    for event_id, slug, name, nationality in Event.about_people.through.objects.filter(
            in_batch("event_id", ids)).order_by().values_list("event_id", "person__slug",
                                                     "person__name", "person__nationality_id"):
        yield event_id, (2, slug), {"id": slug, "type": "person", "name": name,
                                    "country": nationality, "role": roles.ABOUT, "sector": "",
                                    "note": ""}


def _fact(row: tuple, lists: dict[str, dict[int, list]]) -> dict[str, Any]:
    fact = dict(zip(_EVENT_COLUMNS, row, strict=True))
    pk = fact["id"]
    goldstein = fact.pop("cameo__goldstein")
    # SQLite and PostgreSQL may hand back 7 or 7.0 for the same numeric(3, 1).
    fact["intensity"] = None if goldstein is None else Decimal(goldstein).quantize(_GOLDSTEIN)
    for name in ("participants", "about"):
        fact[name] = [actor for _, actor in sorted(lists[name].get(pk, ()),
                                                     key=lambda item: item[0])]
    fact["citations"] = lists["citations"].get(pk, [])
    fact["speaker"] = _speaker(fact)
    return fact


def _speaker(fact: dict) -> list[dict]:
    """The statement's speaker as an actor: the post's country, else the speaker's own."""
    if fact["speaker_person__slug"]:
        slug, name, kind = fact["speaker_person__slug"], fact["speaker_person__name"], "person"
        country = fact["speaker_person__nationality_id"]
    elif fact["speaker_organisation__slug"]:
        slug, name = fact["speaker_organisation__slug"], fact["speaker_organisation__name"]
        kind, country = "organization", fact["speaker_organisation__country_id"]
    else:
        return []
    return [{"id": slug, "type": kind, "name": name,
             "country": fact["speaker_post__country_id"] or country,
             "role": ParticipantRole.SPEAKER, "sector": "", "note": ""}]


# --- The two shapes ---------------------------------------------------------------------------

def sides(fact: dict) -> tuple[list[dict], list[dict]]:
    """(actors, recipients) of an event by the role table, each without duplicates."""
    statement = fact["kind"] == Event.Kind.STATEMENT
    return roles.sides(fact["participants"], is_statement=statement,
                       speaker=fact["speaker"] if statement else [],
                       about=fact["about"] if statement else [])


def dyads(fact: dict) -> list[tuple[dict | None, dict | None]]:
    """The event's (source, target) rows: each directed country pair once (the first pair
    of actors stands for it), one-sided rows for an event with one side only, and one
    empty row for an event with no actor at all."""
    actors, recipients = sides(fact)
    if not actors or not recipients:
        one_sided = [(a, None) for a in actors] + [(None, r) for r in recipients]
        return _once_per_country(one_sided) or [(None, None)]
    return _once_per_country(roles.pairs(actors, recipients)) or [(None, None)]


def _once_per_country(pairs: list[tuple[dict | None, dict | None]]
                      ) -> list[tuple[dict | None, dict | None]]:
    kept: dict[tuple, tuple] = {}
    for source, target in pairs:
        key = tuple((side["country"] or ("actor", side["type"], side["id"], side["name"]))
                    if side else None for side in (source, target))
        kept.setdefault(key, (source, target))
    return list(kept.values())


def _first_citation(fact: dict) -> dict | None:
    return fact["citations"][0] if fact["citations"] else None


def plover_record(fact: dict) -> dict:
    """One event in the shape of PLOVER's JSON exchange format."""
    actors, recipients = sides(fact)
    intensity = fact["intensity"]
    return {
        "id": fact["uid"],
        "date": fact["date"].isoformat(),
        "date_end": fact["date_end"].isoformat() if fact["date_end"] else None,
        "date_precision": fact["date_precision"],
        "approximate": fact["approximate"],
        "event_type": fact["plover_type"] or None,
        "mode": fact["plover_mode"] or None,
        "context": [token.strip() for token in fact["plover_context"].split(";")
                    if token.strip()],
        "actors": [{"id": a["id"], "type": a["type"], "name": a["name"],
                    "country": a["country"], "note": a["note"]} for a in actors],
        "recipients": [{"id": r["id"], "type": r["type"], "name": r["name"],
                        "country": r["country"], "note": r["note"]} for r in recipients],
        "dyads": [list(pair) for pair in roles.country_pairs(actors, recipients)],
        "cameo": fact["cameo_id"],
        "intensity": None if intensity is None else float(intensity),
        "location": {"place": fact["place"] or None, "country": fact["location_country_id"]},
        "verification": fact["verification"],
        "text": fact["title"],
        "citation": _first_citation(fact),
        "sources": [citation["id"] for citation in fact["citations"]],
    }


def plover_records(facts: Iterable[dict]) -> Iterator[dict]:
    for fact in facts:
        yield plover_record(fact)


def icews_rows(facts: Iterable[dict]) -> Iterator[list[str]]:
    """The events' dyads (see ``dyads``) as ICEWS-style rows."""
    for fact in facts:
        citation = _first_citation(fact) or {}
        for source, target in dyads(fact):
            yield [
                fact["uid"],
                fact["date"].isoformat(),
                source["name"] if source else "",
                source["sector"] if source else "",
                source["country"] or "" if source else "",
                fact["cameo__name"] if fact["cameo_id"] else fact["title"],
                fact["cameo_id"] or "",
                "" if fact["intensity"] is None else str(fact["intensity"]),
                target["name"] if target else "",
                target["sector"] if target else "",
                target["country"] or "" if target else "",
                citation.get("id", ""),
                citation.get("publisher") or "",
                fact["place"],
                fact["location_country_id"] or "",
                fact["date_precision"],
                "true" if fact["approximate"] else "false",
                source["note"] if source else "",
                target["note"] if target else "",
            ]
