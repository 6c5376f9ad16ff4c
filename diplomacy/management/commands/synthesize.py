from __future__ import annotations

import resource

from django.core.management.base import CommandError

from diplomacy.management.batch import BatchCommand
from diplomacy.services.synthesis import synthesize


class Command(BatchCommand):
    help = ("Fill a migrated database with N synthetic, valid, realistically skewed events "
            "(and their actors, sources and agreements), with history and derived tables. "
            "The same seed gives the same rows.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--events", type=int, required=True, help="How many events.")
        parser.add_argument("--seed", type=int, default=0, help="Random seed (default 0).")
        parser.add_argument("--quiet", action="store_true",
                            help="No progress lines (same as --verbosity 0).")

    def handle(self, *args, events: int, seed: int, quiet: bool, verbosity: int,
               **options) -> None:
        if events < 1:
            raise CommandError("--events must be at least 1.")
        show = None if quiet or verbosity == 0 else self.stderr.write
        summary = synthesize(events=events, seed=seed, progress=show)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stdout.write(
            f"Synthesized {summary.events} events ({summary.total_rows} rows with history) "
            f"in {summary.seconds:.1f} s: {summary.events / summary.seconds:,.0f} events/s, "
            f"{summary.total_rows / summary.seconds:,.0f} rows/s, peak RSS {peak_mb:.0f} MB.")
