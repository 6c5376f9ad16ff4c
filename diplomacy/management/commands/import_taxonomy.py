"""manage.py import_taxonomy: load the CAMEO table and its PLOVER mapping."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from diplomacy.services.taxonomy import (
    CAMEO_ENCODING,
    PLOVER_ENCODING,
    TaxonomyImportError,
    taxonomy_import,
    taxonomy_write_fixture,
)


class Command(BaseCommand):
    help = (
        "Validate cameo-codes.csv and CAMEO2PLOVER-2021.txt and upsert the CAMEO codes into "
        "the database, or, with --fixture, write a Django fixture without touching the "
        "database. Every bad row is reported as file:line: reason and nothing is written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cameo", required=True, type=Path,
                            help="Path to cameo-codes.csv (icews R package).")
        parser.add_argument("--plover", required=True, type=Path,
                            help="Path to CAMEO2PLOVER-2021.txt (Open Event Data Alliance).")
        parser.add_argument("--fixture", type=Path,
                            help="Write this fixture file instead of importing into the "
                                 "database, e.g. fixtures/taxonomy.json.")
        parser.add_argument("--encoding", default=CAMEO_ENCODING,
                            help=f"Encoding of the CAMEO CSV (default {CAMEO_ENCODING}).")

    def handle(self, *args, cameo: Path | str, plover: Path | str, fixture: Path | str | None,
               encoding: str, **options) -> None:
        # call_command() passes keyword values through without argparse's type=Path.
        cameo, plover = Path(cameo), Path(plover)
        fixture = Path(fixture) if fixture else None
        for path in (cameo, plover):
            if not path.is_file():
                raise CommandError(f"{path}: no such file")
        self.stdout.write(f"Reading {cameo.name} as {encoding}")
        self.stdout.write(f"Reading {plover.name} as {PLOVER_ENCODING}")
        try:
            if fixture:
                report = taxonomy_write_fixture(cameo_path=cameo, plover_path=plover,
                                                fixture_path=fixture, encoding=encoding)
            else:
                report = taxonomy_import(cameo_path=cameo, plover_path=plover,
                                         encoding=encoding)
        except TaxonomyImportError as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(exc.errors)} bad row(s); nothing written.") from exc
        except LookupError as exc:  # an unknown --encoding
            raise CommandError(str(exc)) from exc

        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(f"warning: {warning}"))
        if fixture:
            self.stdout.write(self.style.SUCCESS(
                f"Wrote {report.total} CAMEO codes ({report.with_plover} with a PLOVER type) "
                f"to {report.path}"
            ))
            return
        for code in report.not_in_source:
            self.stderr.write(self.style.WARNING(
                f"warning: code {code} is in the database but not in {cameo.name}; kept"
            ))
        self.stdout.write(self.style.SUCCESS(
            f"{report.total} CAMEO codes ({report.with_plover} with a PLOVER type): "
            f"{report.created} created, {report.updated} updated, {report.unchanged} unchanged"
        ))
