"""Synthetic agreements: two principal parties from the skewed dyads, sometimes a third
party or an implementing body, one or two directed exchanges, and citations."""

from __future__ import annotations

import datetime
import random

from diplomacy.models import Agreement, AgreementParty, Citation, Exchange
from diplomacy.services.bulk import BulkWriter

from .common import full_row, name_word, stable_uid, weighted
from .world import World

KINDS = (("trade", 25), ("energy", 15), ("defence", 12), ("security", 12),
         ("diplomatic", 15), ("cultural", 8), ("energy_for_arms", 5), ("other", 8))
FORMALITIES = (("treaty", 20), ("memorandum", 45), ("contract", 15), ("informal", 20))
STATUSES = (("signed", 35), ("in_force", 40), ("reported", 10), ("suspended", 5),
            ("terminated", 10))
CURATION = (("published", 90), ("draft", 7), ("retracted", 3))
# What flows each way under an agreement of a kind: (first → second, second → first).
FLOWS = {"energy_for_arms": ("energy", "arms"), "trade": ("goods", "money"),
         "energy": ("energy", "money"), "defence": ("arms", "money"),
         "security": ("intelligence", "intelligence"), "diplomatic": ("political_support", None),
         "cultural": ("services", None), "other": ("other", None)}
RETRACTION_REASONS = ("Duplicate of another record.", "The only source withdrew the report.",
                      "Misattributed: the parties were different.")


def write_agreements(writer: BulkWriter, rng: random.Random, world: World, count: int
                     ) -> list[tuple[int, str, str]]:
    """Write ``count`` agreements; returns (pk, first party, second party) of each."""
    written = []
    for pk in writer.allocate(Agreement, count):
        first = world.countries.pick(rng)
        second = world.countries.pick_other(rng, first)
        kind = weighted(rng, KINDS)
        status = weighted(rng, CURATION)
        start = datetime.date(1990, 1, 1) + datetime.timedelta(days=rng.randrange(13000))
        precision = weighted(rng, (("day", 80), ("month", 15), ("year", 5)))
        start = _at_precision(start, precision)
        end = None
        if rng.random() < 0.3:
            end = start + datetime.timedelta(days=rng.randrange(365, 3650))
        uid = stable_uid("ag", pk, world.salt)
        writer.add(Agreement, full_row(
            Agreement, id=pk, uid=uid,
            title=f"{world.names[first]}–{world.names[second]} {kind.replace('_', ' ')} "
                  f"agreement {name_word(rng)}",
            summary=f"{world.names[first]} and {world.names[second]} agree on "
                    f"{kind.replace('_', ' ')}.",
            kind=kind, formality=weighted(rng, FORMALITIES), status=weighted(rng, STATUSES),
            verification=weighted(rng, (("reported", 60), ("confirmed", 35), ("alleged", 5))),
            first_party_id=first, second_party_id=second, start_date=start,
            start_precision=precision, end_date=end, end_precision="day",
            approximate=rng.random() < 0.05, note="", curation_status=status,
            retraction_reason=rng.choice(RETRACTION_REASONS) if status == "retracted" else ""))
        if rng.random() < 0.3:
            third = world.countries.pick_other(rng, first, second)
            writer.add(AgreementParty, full_row(
                AgreementParty, id=writer.allocate(AgreementParty, 1)[0], agreement_id=pk,
                country_id=third, organisation_id=None,
                role=weighted(rng, (("party", 50), ("guarantor", 25), ("observer", 25))),
                note=""))
        if rng.random() < 0.2:
            writer.add(AgreementParty, full_row(
                AgreementParty, id=writer.allocate(AgreementParty, 1)[0], agreement_id=pk,
                country_id=None, organisation_id=world.bodies[first]["government"],
                role="implementing", note=""))
        there, back = FLOWS[kind]
        for source, target, category in ((first, second, there), (second, first, back)):
            if category is None:
                continue
            value = rng.randrange(1, 5000) * 1_000_000 if rng.random() < 0.5 else None
            writer.add(Exchange, full_row(
                Exchange, id=writer.allocate(Exchange, 1)[0], agreement_id=pk,
                from_country_id=source, to_country_id=target, category=category,
                description=f"{category.replace('_', ' ')} from {world.names[source]}",
                via_id=None, quantity="", value=value, currency="USD" if value else ""))
        for source in rng.sample(world.sources, rng.randint(1, 2)):
            writer.add(Citation, full_row(
                Citation, id=writer.allocate(Citation, 1)[0], source_id=source,
                event_id=None, agreement_id=pk, quote="", note=""))
        if world.topics and rng.random() < 0.7:
            writer.add_links(Agreement.topics.field, pk, rng.sample(world.topics, 1))
        written.append((pk, first, second))
    return written


def _at_precision(day: datetime.date, precision: str) -> datetime.date:
    if precision == "year":
        return day.replace(month=1, day=1)
    if precision == "month":
        return day.replace(day=1)
    return day
