from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from diplomacy.services.benchmark import PARTS, bench


class Command(BaseCommand):
    help = ("Measure the API against hand-written SQL, deep pages, a streamed CSV, release "
            "and import, and 16 concurrent clients on gunicorn, over a synthetic database "
            "(built with synthesize, or reused with --reuse).")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--events", type=int, default=None,
                            help="Size to build when the database is empty (default "
                                 "100,000; 2,000 with --quick).")
        parser.add_argument("--reuse", action="store_true",
                            help="Measure the events already in the database.")
        parser.add_argument("--duration", type=float, default=None,
                            help="Seconds of concurrent reads (default 60; 5 with --quick).")
        parser.add_argument("--clients", type=int, default=16)
        parser.add_argument("--quick", action="store_true",
                            help="Small and short, for CI: 2,000 events, 5 runs per request, "
                                 "5 s of concurrency.")
        parser.add_argument("--explain", metavar="FILE",
                            help="Write EXPLAIN (ANALYZE, BUFFERS) of each request's main "
                                 "query to FILE (PostgreSQL).")
        parser.add_argument("--timeout", type=float, default=None,
                            help="Longest a release, import or loaddata may run (s).")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--skip", default="", metavar="PARTS",
                            help="Comma list of parts to leave out: requests, csv, release, "
                                 "concurrency.")

    def handle(self, *args, quick: bool, **options) -> None:
        events = options["events"] or (2_000 if quick else 100_000)
        duration = options["duration"] if options["duration"] is not None else (
            5 if quick else 60)
        timeout = options["timeout"] or (300 if quick else 1800)
        quiet = options["verbosity"] == 0
        skip = frozenset(part for part in options["skip"].split(",") if part)
        if skip - set(PARTS):
            raise CommandError(f"--skip takes {', '.join(PARTS)}.")
        try:
            bench(events=events, reuse=options["reuse"], duration=duration, quick=quick,
                  seed=options["seed"], explain=options["explain"],
                  clients=options["clients"], timeout=timeout, skip=skip,
                  say=lambda line: self.stdout.write(line, ending="\n"),
                  note=(lambda line: None) if quiet else self.stderr.write)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
