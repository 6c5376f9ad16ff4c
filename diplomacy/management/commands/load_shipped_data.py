"""manage.py load_shipped_data [FILE ...]: add the shipped fixtures where they are missing."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError, CommandParser

from diplomacy.management.batch import BatchCommand
from diplomacy.services.releases import ReleaseError
from diplomacy.services.shipped import shipped_data_load


class Command(BatchCommand):
    help = (
        "Load the shipped data (fixtures/*.json unless files are given) where it is missing: "
        "records whose natural key is absent are added with a first history entry, records "
        "already here are never changed (a curator's edit or retraction stays). Running it "
        "again adds nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="*", type=Path,
                            help="Fixture files (default: every fixtures/*.json).")

    def handle(self, *args, files: list[Path], **options) -> None:
        paths = files or sorted(Path(settings.BASE_DIR, "fixtures").glob("*.json"))
        try:
            summary = shipped_data_load(paths=paths)
        except ReleaseError as exc:
            raise CommandError(str(exc).replace("nothing was imported", "nothing was loaded")
                               ) from exc
        self.stdout.write(
            f"Shipped data: {summary.objects} objects, {summary.added} added, "
            f"{summary.kept} kept as edited here")
