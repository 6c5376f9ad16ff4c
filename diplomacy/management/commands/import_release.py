"""manage.py import_release DIR [--user NAME] [--update]: verify a release folder and load
it, all or nothing, never overwriting local work unless told to."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError, CommandParser

from diplomacy.management.batch import BatchCommand
from diplomacy.services.accounts import SYSTEM_USERNAME
from diplomacy.services.releases import ReleaseError, release_import


class Command(BatchCommand):
    help = (
        "Verify a release folder (SHA256SUMS, datapackage.json, every CSV row) and load its "
        "fixture in one transaction. A tampered, truncated or invalid release is refused "
        "with the file, row and field, and nothing is written. Records that exist here and "
        "differ from the release are listed and left alone unless --update."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("release_dir", type=Path, help="The release folder.")
        parser.add_argument("--user", default=None,
                            help="Username the history of every written row names (default: "
                                 f"the '{SYSTEM_USERNAME}' account, created on first use).")
        parser.add_argument("--update", action="store_true",
                            help="Overwrite local records that differ from the release (a "
                                 "local draft keeps its status).")

    def handle(self, *args, release_dir: Path | str, user: str | None = None,
               update: bool = False, **options) -> None:
        progress = self.stderr.write if self.stderr.isatty() else None
        account = None
        if user is not None:
            account = get_user_model()._default_manager.filter(username=user).first()
            if account is None:
                raise CommandError(f"--user {user}: no such user")
        try:
            summary = release_import(release_dir=Path(release_dir), user=account,
                                     update=update, progress=progress)
        except ReleaseError as exc:
            for error in exc.errors[1:]:
                self.stderr.write(error)
            raise CommandError(str(exc)) from exc
        for label in summary.differing:
            self.stdout.write(f"differs here, left alone: {label}")
        for label in summary.updated_records:
            self.stdout.write(f"updated: {label}")
        self.stdout.write(self.style.SUCCESS(
            f"Imported release {summary.version}: {summary.objects} objects "
            f"({summary.created} new, {summary.unchanged} unchanged, {summary.updated} "
            f"updated, {len(summary.differing)} differing left alone)"
        ))
