"""manage.py release OUT_DIR --version V [--previous DIR]: write a dataset release."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError, CommandParser

from diplomacy.management.batch import BatchCommand
from diplomacy.services.releases import ReleaseError, release_write


class Command(BatchCommand):
    help = (
        "Write a release folder of the published records: Django fixture, one CSV per table, "
        "datapackage.json, CODEBOOK.md, CHANGES.md against --previous, PLOVER and ICEWS "
        "exports and SHA256SUMS; and record the version. Progress is shown on a terminal."
    )

    def add_base_argument(self, parser: CommandParser, *args, **kwargs) -> None:
        # --version names the release here, not Django's version.
        if "--version" not in args:
            super().add_base_argument(parser, *args, **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out_dir", type=Path, help="New (or empty) folder to write.")
        parser.add_argument("--version", required=True,
                            help="Release version as cited, e.g. 2026.01 or 1.0.0.")
        parser.add_argument("--previous", type=Path,
                            help="Folder of the previous release, for CHANGES.md.")

    def handle(self, *args, out_dir: Path | str, version: str,
               previous: Path | str | None = None, **options) -> None:
        progress = self.stderr.write if self.stderr.isatty() else None
        try:
            summary = release_write(out_dir=Path(out_dir), version=version,
                                    previous_dir=Path(previous) if previous else None,
                                    progress=progress)
        except ReleaseError as exc:
            raise CommandError(str(exc)) from exc
        note = "" if summary.recorded else " (already recorded with identical files)"
        self.stdout.write(self.style.SUCCESS(
            f"Release {summary.version}: {summary.record_count} published events and "
            f"agreements, {len(summary.files)} files in {summary.path}{note}"
        ))
