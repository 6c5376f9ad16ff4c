"""Exports for people who combine this log with machine-coded event data.

Two shapes: PLOVER-style JSON lines (one event per line, actors and recipients as
lists) and an ICEWS-style dyadic table (one row per source actor → target actor
pair). Both are derived from participants' roles; this module is the one place
that decides which roles act and which receive.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from diplomacy.models import Event, EventParticipant, ParticipantRole

from .roles import ACTING_ROLES, DYAD_PARTNERS, RECEIVING_ROLES

# The role table (who acts, who receives, how they pair) is services/roles.py.

ICEWS_COLUMNS = [
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country",
    "Event Text", "CAMEO Code", "Intensity", "Target Name", "Target Sectors",
    "Target Country", "Story ID", "Publisher", "City", "Country", "Date Precision",
]


def _actor(participant: EventParticipant) -> dict:
    actor = participant.actor
    kind = participant.actor_type
    actor_id = getattr(actor, "iso3", None) or getattr(actor, "slug", None)
    sector = {"country": "Government", "person": "", "unresolved": ""}.get(kind, "")
    if kind == "organization":
        sector = actor.get_kind_display()
    return {"id": actor_id, "type": kind, "name": str(actor if kind != "country" else actor.name),
            "country": participant.country_id, "role": participant.role, "sector": sector}


def _speaker(event: Event) -> list[dict]:
    speaker = event.speaker_person or event.speaker_organisation
    if speaker is None:
        return []
    country = (event.speaker_post.country_id if event.speaker_post_id else None) or getattr(
        speaker, "country_id", None) or getattr(speaker, "nationality_id", None)
    kind = "person" if event.speaker_person_id else "organization"
    return [{"id": speaker.slug, "type": kind, "name": speaker.name, "country": country,
             "role": ParticipantRole.SPEAKER, "sector": ""}]


def _about(event: Event) -> list[dict]:
    about = [{"id": c.iso3, "type": "country", "name": c.name, "country": c.iso3,
              "role": "about", "sector": "Government"} for c in event.about_countries.all()]
    about += [{"id": o.slug, "type": "organization", "name": o.name, "country": o.country_id,
               "role": "about", "sector": o.get_kind_display()}
              for o in event.about_organisations.all()]
    about += [{"id": p.slug, "type": "person", "name": p.name, "country": p.nationality_id,
               "role": "about", "sector": ""} for p in event.about_people.all()]
    return about


def sides(event: Event) -> tuple[list[dict], list[dict]]:
    """(actors, recipients) of an event, each without duplicates, in a stable order."""
    participants = list(event.participants.all())
    actors = [_actor(p) for p in participants if p.role in ACTING_ROLES]
    recipients = [_actor(p) for p in participants if p.role in RECEIVING_ROLES]
    if event.kind == Event.Kind.STATEMENT:
        # The speaker alone makes a statement; others present only looked on.
        actors = _speaker(event) + [a for a in actors if a["role"] == ParticipantRole.SPEAKER]
        recipients = _about(event) + recipients
    return _dedupe(actors), _dedupe(recipients)


def dyads(event: Event) -> list[tuple[dict | None, dict | None]]:
    """(source, target) pairs of an event, paired by role (see DYAD_PARTNERS)."""
    actors, recipients = sides(event)
    if not actors or not recipients:
        return [(a, None) for a in actors] + [(None, r) for r in recipients]
    pairs = []
    for actor in actors:
        partners = [r for r in recipients if r["role"] in DYAD_PARTNERS.get(actor["role"], ())]
        pairs += [(actor, r) for r in (partners or recipients) if r["id"] != actor["id"]
                  or r["type"] != actor["type"]]
    return pairs


def _dedupe(items: list[dict]) -> list[dict]:
    seen: set[tuple] = set()
    kept = []
    for item in items:
        key = (item["type"], item["id"], item["name"])
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


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
                    "country": a["country"]} for a in actors],
        "recipients": [{"id": r["id"], "type": r["type"], "name": r["name"],
                        "country": r["country"]} for r in recipients],
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
    """One row per (source actor, target actor) pair; an event with one side has one row
    per actor with the other side blank, as ICEWS does for one-sided events; an event
    with no coded actor has no row."""
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
            ]
