from __future__ import annotations

import sys

from diplomacy.management.batch import BatchCommand
from diplomacy.services.derived import events_refresh


class Command(BatchCommand):
    help = ("Rebuild the derived tables (event countries, dyads, search documents) from the "
            "events: after a plain loaddata, or when upgrading a database.")

    def handle(self, *args, **options) -> None:
        show = self.stderr.write if sys.stderr.isatty() else None
        count = events_refresh(progress=show)
        self.stdout.write(self.style.SUCCESS(f"Refreshed the derived rows of {count} events."))
