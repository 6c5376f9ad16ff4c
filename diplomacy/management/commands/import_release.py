"""manage.py import_release DIR: verify a release folder and load it, all or nothing."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from diplomacy.services.releases import ReleaseError, release_import


class Command(BaseCommand):
    help = (
        "Verify a release folder (SHA256SUMS, datapackage.json, every CSV row) and load its "
        "fixture in one transaction. A tampered, truncated or invalid release is refused "
        "with the file, row and field, and nothing is written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("release_dir", type=Path, help="The release folder.")

    def handle(self, *args, release_dir: Path | str, **options) -> None:
        progress = self.stderr.write if self.stderr.isatty() else None
        try:
            summary = release_import(release_dir=Path(release_dir), progress=progress)
        except ReleaseError as exc:
            for error in exc.errors[1:]:
                self.stderr.write(error)
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(
            f"Imported release {summary.version}: {summary.objects} objects "
            f"({summary.created} new, {summary.updated} changed records)"
        ))
