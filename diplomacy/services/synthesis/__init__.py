"""Synthetic data at research scale: ``manage.py synthesize --events N --seed S``.

Fills a migrated database with valid, realistically skewed records — a few dyads
frequent and most rare, statements a fifth of the events, two to four participants
in roles, one to three citations, honest date precisions, drafts and retractions with
reasons, one agreement per hundred events with parties and exchanges — through the
project's bulk path (``services.bulk``: COPY on PostgreSQL), so every row has its
first history entry and published records their changes-feed entry, as an import
would write them. The derived tables are then rebuilt by the same refresh as
``manage.py refresh_derived``.

Everything is drawn from one ``random.Random(seed)`` and keys come from the writer in
order, so the same seed on the same (empty) database gives identical rows, public ids
included; public ids are a permutation of the primary key, hence unique. Rows are
generated and written in batches: memory stays flat whatever N.
"""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import connection, transaction

from diplomacy.services.bulk import BulkWriter
from diplomacy.services.derived import events_refresh

from .agreements import write_agreements
from .events import write_events
from .world import build_world, ensure_reference_data

Progress = Callable[[str], None] | None
SYNTH_USER = "synthesizer"
# The moment the history and the changes feed record for every synthetic row: fixed, so
# a seed gives identical databases, history included.
DEFAULT_MOMENT = datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC)


@dataclass
class SynthesisSummary:
    events: int
    first_event_id: int
    rows: dict[str, int]
    seconds: float

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def synthesize(*, events: int, seed: int = 0, moment: datetime.datetime = DEFAULT_MOMENT,
               progress: Progress = None) -> SynthesisSummary:
    """Write ``events`` synthetic events (and their world) in one transaction."""
    say = progress or (lambda message: None)
    started = time.monotonic()
    rng = random.Random(seed)  # noqa: S311 (reproducible data, not secrets)
    with transaction.atomic():
        ensure_reference_data(say)
        user = _synth_user()
        with BulkWriter(history_user_id=user.pk, reason=f"synthesized (seed {seed})",
                        moment=moment) as writer:
            world = build_world(writer, rng, salt=rng.randrange(32 ** 8),
                                sources=max(20, events // 5),
                                # A small run needs no 249 governments and 7,000 office
                                # holders; from 5,000 events on every country acts.
                                countries=max(20, events // 20))
            say(f"world: {len(world.names)} countries, {len(world.person_names)} people, "
                f"{len(world.sources)} sources")
            agreements = write_agreements(writer, rng, world, max(2, events // 100))
            say(f"agreements: {len(agreements)}")

            def counted(done: int) -> None:
                rate = done / max(time.monotonic() - started, 1e-6)
                say(f"events: {done}/{events} written ({rate:,.0f}/s)")

            ids = write_events(writer, rng, world, events, agreements=agreements,
                               progress=counted)
        rows = dict(writer.written)
        say("derived tables: refreshing")
        events_refresh(event_ids=ids, progress=say if events >= 20_000 else None)
    if connection.vendor == "postgresql":
        # Fresh planner statistics: without them PostgreSQL still believes the bulk-loaded
        # tables are small and answers a page's prefetches with sequential scans (at
        # 100,000 events the dyad page took 700 ms instead of a few).
        say("analyze: planner statistics")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return SynthesisSummary(events=events, first_event_id=ids.start, rows=rows,
                            seconds=time.monotonic() - started)


def _synth_user():
    """The account history names for synthetic rows: no password, cannot sign in."""
    user, created = get_user_model().objects.get_or_create(
        username=SYNTH_USER, defaults={"is_active": False})
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
