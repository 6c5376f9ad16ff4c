"""manage.py generate_countries: write fixtures/countries.json from pycountry."""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from diplomacy.services.countries import (
    COUNTRY_FIXTURE_PATH,
    COUNTRY_WIKIDATA_PATH,
    CountryDataError,
    country_write_fixture,
)


class Command(BaseCommand):
    help = (
        "Write the country fixture (every current ISO 3166-1 country from pycountry, with "
        "Wikidata ids from a hand-checked CSV). The database is not touched."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, default=COUNTRY_FIXTURE_PATH,
                            help="Fixture file to write (default fixtures/countries.json).")
        parser.add_argument("--wikidata", type=Path, default=COUNTRY_WIKIDATA_PATH,
                            help="CSV with columns iso3,wikidata_id "
                                 "(default diplomacy/data/country_wikidata.csv).")

    def handle(self, *args, output: Path | str, wikidata: Path | str, **options) -> None:
        # call_command() passes keyword values through without argparse's type=Path.
        output, wikidata = Path(output), Path(wikidata)
        if not wikidata.is_file():
            raise CommandError(f"{wikidata}: no such file")
        try:
            report = country_write_fixture(fixture_path=output, wikidata_path=wikidata)
        except CountryDataError as exc:
            for error in exc.errors:
                self.stderr.write(error)
            raise CommandError(f"{len(exc.errors)} bad row(s); nothing written.") from exc
        self.stdout.write(self.style.SUCCESS(
            f"Wrote {report.total} countries (ISO 3166-1 from pycountry {version('pycountry')}, "
            f"{report.with_wikidata} with a Wikidata id) to {report.path}"
        ))

