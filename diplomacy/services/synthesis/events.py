"""Synthetic events: a skewed dyad, a kind, an honest date, participants in roles,
citations, topics and a CAMEO code, written through the bulk writer."""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable

from diplomacy.models import Citation, Event, EventParticipant, EventRelation
from diplomacy.services.bulk import BulkWriter

from .agreements import CURATION, RETRACTION_REASONS, _at_precision
from .common import full_row, name_word, stable_uid, weighted
from .world import World

KINDS = (("meeting", 30), ("statement", 20), ("incident", 15), ("visit", 10),
         ("press_conference", 8), ("agreement", 7), ("cancellation", 10))
PRECISIONS = (("day", 85), ("month", 10), ("year", 5))
INCIDENT_TYPES = (("attack", 35), ("foiled_plot", 15), ("arrest", 35), ("expulsion", 10),
                  ("other", 5))
MEDIA = (("official_statement", 30), ("press_conference", 20), ("social_media", 20),
         ("interview", 15), ("speech", 10), ("readout", 5))
# Words titles and summaries draw on, a few often and most rarely (for full-text search).
WORDS = ("talks", "cooperation", "energy", "pipeline", "security", "trade", "sanctions",
         "drones", "gas", "oil", "border", "ceasefire", "investment", "tourism", "embassy",
         "visa", "corridor", "grain", "nuclear", "water", "railway", "elections", "refugees",
         "satellite", "cyber", "customs", "fisheries", "vaccines", "students", "museum")
LAST_DAY = datetime.date(2026, 2, 28)


def write_events(writer: BulkWriter, rng: random.Random, world: World, count: int, *,
                 agreements: list[tuple[int, str, str]],
                 progress: Callable[[int], None]) -> range:
    """Write ``count`` events with their children; returns their primary keys."""
    ids = writer.allocate(Event, count)
    for number, pk in enumerate(ids, 1):
        _event(writer, rng, world, pk, ids.start, agreements)
        if number % 10_000 == 0 or number == count:
            progress(number)
    return ids


def _date(rng: random.Random) -> tuple[datetime.date, datetime.date | None, str]:
    # Recent years are denser, as in the press: an exponential back from 2026.
    year = max(1990, 2026 - int(rng.expovariate(1 / 7)))
    day = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))
    day = min(day, LAST_DAY)
    precision = weighted(rng, PRECISIONS)
    day = _at_precision(day, precision)
    end = None
    if precision == "day" and rng.random() < 0.1:
        end = day + datetime.timedelta(days=rng.randint(1, 4))
    return day, end, precision


def _participant(pk: int, role: str, *, country: str | None, actor_country: str | None = None,
                 organisation: int | None = None, person: int | None = None,
                 name: str = "") -> dict:
    return {"event_id": pk, "role": role, "actor_country_id": actor_country,
            "actor_organisation_id": organisation, "actor_person_id": person, "name": name,
            "country_id": country, "note": ""}


def _event(writer: BulkWriter, rng: random.Random, world: World, pk: int, first_pk: int,
           agreements: list) -> None:
    kind = weighted(rng, KINDS)
    agreement = None
    if kind == "agreement" and agreements:
        agreement, a, b = rng.choice(agreements)
    else:
        a = world.countries.pick(rng)
        b = world.countries.pick_other(rng, a)
    day, end, precision = _date(rng)
    names = world.names
    words = [_word(rng) for _ in range(3)]
    speaker: dict = {}
    parts: list[dict] = []
    incident_type = ""
    third = world.countries.pick_other(rng, a, b) if rng.random() < 0.35 else None
    if kind in ("meeting", "visit", "cancellation"):
        office = "head_of_state" if kind == "visit" else "foreign"
        held = world.holder(b, office, day) if rng.random() < 0.6 else None
        parts.append(_participant(pk, "host", country=a, actor_country=a))
        parts.append(_participant(pk, "guest", country=b, person=held[0]) if held
                     else _participant(pk, "guest", country=b, actor_country=b))
        if rng.random() < 0.3:
            parts.append(_participant(pk, "participant", country=a,
                                      organisation=world.bodies[a]["foreign"]))
        title = f"{names[a]} and {names[b]} {kind} on {words[0]}"
    elif kind in ("statement", "press_conference"):
        held = world.holder(a, rng.choice(("foreign", "head_of_state")), day)
        if held and rng.random() < 0.75:
            parts.append(_participant(pk, "speaker", country=a, person=held[0]))
        else:
            held = None
            parts.append(_participant(pk, "speaker", country=a,
                                      organisation=world.bodies[a]["foreign"]))
        parts.append(_participant(pk, "subject", country=b, actor_country=b))
        if kind == "statement":
            speaker = {"speaker_person_id": held[0] if held else None,
                       "speaker_post_id": held[1] if held else None,
                       "speaker_organisation_id": None if held else world.bodies[a]["foreign"],
                       "quote": f"We stand ready to discuss {words[0]} and {words[1]} with "
                                f"{names[b]}.",
                       "language": "en", "medium": weighted(rng, MEDIA)}
        title = f"{names[a]} on {names[b]}: {words[0]}"
    elif kind == "incident":
        incident_type = weighted(rng, INCIDENT_TYPES)
        roll = rng.random()
        if roll < 0.4:
            parts.append(_participant(pk, "perpetrator", country=a,
                                      organisation=rng.choice(world.armed_groups)))
        elif roll < 0.7:
            parts.append(_participant(pk, "perpetrator", country=a,
                                      organisation=world.bodies[a]["security"]))
        else:
            parts.append(_participant(pk, "perpetrator", country=a,
                                      name=f"unidentified {names[a]} nationals"))
        parts.append(_participant(pk, "target", country=b, actor_country=b))
        if incident_type == "arrest":
            parts.append(_participant(pk, "authority", country=b,
                                      organisation=world.bodies[b]["security"]))
        title = f"{incident_type.replace('_', ' ').capitalize()} involving {names[a]} " \
                f"and {names[b]}"
    else:  # agreement signings and announcements
        parts.append(_participant(pk, "participant", country=a, actor_country=a))
        parts.append(_participant(pk, "participant", country=b, actor_country=b))
        title = f"{names[a]} and {names[b]} sign {words[0]} deal"
    if third is not None and len(parts) < 4:
        parts.append(_participant(pk, "mentioned", country=third, actor_country=third))

    status = weighted(rng, CURATION)
    code, plover_type, mode, context = rng.choice(world.cameo[kind])
    writer.add(Event, full_row(
        Event, id=pk, uid=stable_uid("ev", pk, world.salt), kind=kind, title=title[:300],
        summary=f"Reports on {words[0]}, {words[1]} and {words[2]}.",
        date=day, date_end=end, date_precision=precision,
        approximate=precision != "day" and rng.random() < 0.3,
        place=world.cities[a] if kind in ("meeting", "visit", "incident") else "",
        location_country_id=a if kind in ("meeting", "visit", "incident") else None,
        verification=weighted(rng, (("reported", 60), ("confirmed", 30), ("alleged", 7),
                                    ("disputed", 3))),
        incident_type=incident_type, cameo_id=code, plover_type=plover_type,
        plover_mode=mode, plover_context=context, agreement_id=agreement,
        occasion_id=None, note="", curation_status=status,
        retraction_reason=rng.choice(RETRACTION_REASONS) if status == "retracted" else "",
        **{"speaker_person_id": None, "speaker_post_id": None, "speaker_organisation_id": None,
           "quote": "", "language": "", "medium": "", **speaker}))
    for row in parts:
        row["id"] = writer.allocate(EventParticipant, 1)[0]
        writer.add(EventParticipant, row)
    for source in _distinct(rng, world.sources, rng.randint(1, 3)):
        writer.add(Citation, full_row(
            Citation, id=writer.allocate(Citation, 1)[0], source_id=source, event_id=pk,
            agreement_id=None, quote=f"… {words[0]} …" if rng.random() < 0.5 else "", note=""))
    if world.topics:
        writer.add_links(Event.topics.field, pk, _distinct(rng, world.topics,
                                                           rng.randint(0, 2)))
    if kind == "statement":
        writer.add_links(Event.about_countries.field, pk, [b])
    if pk > first_pk and rng.random() < 0.03:
        writer.add(EventRelation, full_row(
            EventRelation, id=writer.allocate(EventRelation, 1)[0], from_event_id=pk,
            to_event_id=rng.randrange(first_pk, pk),
            kind=rng.choice(("follows", "responds_to", "coincided_with")),
            certainty=rng.choice(("certain", "likely", "possible")), note=""))


def _word(rng: random.Random) -> str:
    # Mostly the common vocabulary (skewed to its head), sometimes a rare made-up word.
    if rng.random() < 0.9:
        return WORDS[min(int(rng.expovariate(1 / 6)), len(WORDS) - 1)]
    return name_word(rng).lower()


def _distinct(rng: random.Random, items, count: int) -> list:
    if count <= 0 or not items:
        return []
    picked: dict = {}
    while len(picked) < min(count, len(items)):
        picked.setdefault(items[rng.randrange(len(items))])
    return list(picked)
