"""The role table: who acts in an event and who receives, and how they pair.

Event data (CAMEO, ICEWS, PLOVER) is dyadic: a *source* does something to a
*target*. Curated events record participants in roles; this table turns roles
into sides and pairs, and it is the only place that does. The counts by directed
dyad (``events/counts/?by=directed_dyad``), the PLOVER and ICEWS exports and the
release codebook all read it.

- Acting roles (CAMEO's source): guest, speaker, perpetrator, acting authority,
  organiser, participant.
- Receiving roles (CAMEO's target): host, target, victim, arrested, subject,
  mentioned; in a statement also what it is ``about``.
- An acting role is paired with the receiving roles listed for it in
  ``DYAD_PARTNERS`` when any of them is present (the authority arrests the
  arrested; the perpetrator attacks the target, not the arrested), otherwise with
  every recipient. Nobody is paired with themselves.
- A statement is made by its speaker alone; others present only looked on.
"""

from __future__ import annotations

from collections.abc import Iterable

from diplomacy.models import ParticipantRole

ACTING_ROLES = frozenset({
    ParticipantRole.GUEST, ParticipantRole.SPEAKER, ParticipantRole.PERPETRATOR,
    ParticipantRole.AUTHORITY, ParticipantRole.ORGANISER, ParticipantRole.PARTICIPANT,
})
RECEIVING_ROLES = frozenset({
    ParticipantRole.HOST, ParticipantRole.TARGET, ParticipantRole.VICTIM,
    ParticipantRole.ARRESTED, ParticipantRole.SUBJECT, ParticipantRole.MENTIONED,
})
# Whom a statement is about receives it (a pseudo-role: not a participant's role).
ABOUT = "about"
DYAD_PARTNERS = {
    ParticipantRole.GUEST: frozenset({ParticipantRole.HOST}),
    ParticipantRole.SPEAKER: frozenset({ParticipantRole.SUBJECT, ParticipantRole.MENTIONED,
                                        ParticipantRole.TARGET, ABOUT}),
    ParticipantRole.AUTHORITY: frozenset({ParticipantRole.ARRESTED}),
    ParticipantRole.PERPETRATOR: frozenset({ParticipantRole.TARGET, ParticipantRole.VICTIM}),
}


def side(role: str) -> str | None:
    """"source", "target" or None (a role that takes no side)."""
    if role in ACTING_ROLES:
        return "source"
    if role in RECEIVING_ROLES or role == ABOUT:
        return "target"
    return None


def sides(participants: Iterable[dict], *, is_statement: bool, speaker: list[dict] = (),
          about: list[dict] = ()) -> tuple[list[dict], list[dict]]:
    """(actors, recipients) from participant dicts with a "role" (and any other keys),
    each without duplicates (same type, id and name), in a stable order."""
    participants = list(participants)
    actors = [p for p in participants if p["role"] in ACTING_ROLES]
    recipients = [p for p in participants if p["role"] in RECEIVING_ROLES]
    if is_statement:
        actors = [*speaker, *(a for a in actors if a["role"] == ParticipantRole.SPEAKER)]
        recipients = [*about, *recipients]
    return _dedupe(actors), _dedupe(recipients)


def pairs(actors: list[dict], recipients: list[dict]) -> list[tuple[dict, dict]]:
    """(source, target) pairs by role (see the module's docstring)."""
    found = []
    for actor in actors:
        partners = [r for r in recipients if r["role"] in DYAD_PARTNERS.get(actor["role"], ())]
        found += [(actor, r) for r in (partners or recipients)
                  if (r["type"], r["id"]) != (actor["type"], actor["id"])]
    return found


def country_pairs(actors: list[dict], recipients: list[dict]) -> list[tuple[str, str]]:
    """The distinct directed country pairs (source country, target country) the actors'
    pairs yield, each once, in first-seen order; a pair within one country is none."""
    seen: dict[tuple[str, str], None] = {}
    for source, target in pairs(actors, recipients):
        if source["country"] and target["country"] and source["country"] != target["country"]:
            seen.setdefault((source["country"], target["country"]))
    return list(seen)


def _dedupe(items: list[dict]) -> list[dict]:
    seen: set[tuple] = set()
    kept = []
    for item in items:
        key = (item["type"], item["id"], item["name"])
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept
