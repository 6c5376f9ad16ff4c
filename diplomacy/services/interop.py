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

from collections.abc import Iterable, Iterator

from diplomacy.models import Event, EventParticipant, ParticipantRole

from . import roles

ICEWS_COLUMNS = [
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country",
    "Event Text", "CAMEO Code", "Intensity", "Target Name", "Target Sectors",
    "Target Country", "Story ID", "Publisher", "City", "Country", "Date Precision",
    "Approximate", "Source Note", "Target Note",
]


def _actor(participant: EventParticipant) -> dict:
    actor = participant.actor
    kind = participant.actor_type
    actor_id = getattr(actor, "iso3", None) or getattr(actor, "slug", None)
    sector = {"country": "Government", "person": "", "unresolved": ""}.get(kind, "")
    if kind == "organization":
        sector = actor.get_kind_display()
    return {"id": actor_id, "type": kind, "name": str(actor if kind != "country" else actor.name),
            "country": participant.country_id, "role": participant.role, "sector": sector,
            "note": participant.note}


def _speaker(event: Event) -> list[dict]:
    speaker = event.speaker_person or event.speaker_organisation
    if speaker is None:
        return []
    country = (event.speaker_post.country_id if event.speaker_post_id else None) or getattr(
        speaker, "country_id", None) or getattr(speaker, "nationality_id", None)
    kind = "person" if event.speaker_person_id else "organization"
    return [{"id": speaker.slug, "type": kind, "name": speaker.name, "country": country,
             "role": ParticipantRole.SPEAKER, "sector": "", "note": ""}]


def _about(event: Event) -> list[dict]:
    about = [{"id": c.iso3, "type": "country", "name": c.name, "country": c.iso3,
              "role": roles.ABOUT, "sector": "Government", "note": ""}
             for c in event.about_countries.all()]
    about += [{"id": o.slug, "type": "organization", "name": o.name, "country": o.country_id,
               "role": roles.ABOUT, "sector": o.get_kind_display(), "note": ""}
              for o in event.about_organisations.all()]
    about += [{"id": p.slug, "type": "person", "name": p.name, "country": p.nationality_id,
               "role": roles.ABOUT, "sector": "", "note": ""} for p in event.about_people.all()]
    return about


def sides(event: Event) -> tuple[list[dict], list[dict]]:
    """(actors, recipients) of an event by the role table, each without duplicates."""
    statement = event.kind == Event.Kind.STATEMENT
    return roles.sides([_actor(p) for p in event.participants.all()], is_statement=statement,
                       speaker=_speaker(event) if statement else [],
                       about=_about(event) if statement else [])


def dyads(event: Event) -> list[tuple[dict | None, dict | None]]:
    """The event's (source, target) rows: each directed country pair once (the first pair
    of actors stands for it), one-sided rows for an event with one side only, and one
    empty row for an event with no actor at all."""
    actors, recipients = sides(event)
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


def _first_citation(event: Event) -> dict | None:
    citations = sorted(event.citations.all(), key=lambda c: c.source.uid)
    if not citations:
        return None
    source = citations[0].source
    return {"id": source.uid, "title": source.title, "url": source.url,
            "publisher": source.publisher.name if source.publisher_id else None,
            "published_on": source.published_on.isoformat() if source.published_on else None,
            "quote": citations[0].quote}


def plover_record(event: Event) -> dict:
    """One event in the shape of PLOVER's JSON exchange format."""
    actors, recipients = sides(event)
    return {
        "id": event.uid,
        "date": event.date.isoformat(),
        "date_end": event.date_end.isoformat() if event.date_end else None,
        "date_precision": event.date_precision,
        "approximate": event.approximate,
        "event_type": event.plover_type or None,
        "mode": event.plover_mode or None,
        "context": [token.strip() for token in event.plover_context.split(";")
                    if token.strip()],
        "actors": [{"id": a["id"], "type": a["type"], "name": a["name"],
                    "country": a["country"], "note": a["note"]} for a in actors],
        "recipients": [{"id": r["id"], "type": r["type"], "name": r["name"],
                        "country": r["country"], "note": r["note"]} for r in recipients],
        "dyads": [list(pair) for pair in roles.country_pairs(actors, recipients)],
        "cameo": event.cameo_id,
        "intensity": None if event.intensity is None else float(event.intensity),
        "location": {"place": event.place or None, "country": event.location_country_id},
        "verification": event.verification,
        "text": event.title,
        "citation": _first_citation(event),
        "sources": sorted(c.source.uid for c in event.citations.all()),
    }


def plover_records(events: Iterable[Event]) -> Iterator[dict]:
    for event in events:
        yield plover_record(event)


def icews_rows(events: Iterable[Event]) -> Iterator[list[str]]:
    """The event's dyads (see ``dyads``) as ICEWS-style rows."""
    for event in events:
        citation = _first_citation(event) or {}
        for source, target in dyads(event):
            yield [
                event.uid,
                event.date.isoformat(),
                source["name"] if source else "",
                source["sector"] if source else "",
                source["country"] or "" if source else "",
                event.cameo.name if event.cameo_id else event.title,
                event.cameo_id or "",
                "" if event.intensity is None else str(event.intensity),
                target["name"] if target else "",
                target["sector"] if target else "",
                target["country"] or "" if target else "",
                citation.get("id", ""),
                citation.get("publisher") or "",
                event.place,
                event.location_country_id or "",
                event.date_precision,
                "true" if event.approximate else "false",
                source["note"] if source else "",
                target["note"] if target else "",
            ]
