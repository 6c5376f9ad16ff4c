"""Build the shipped country fixture from pycountry's ISO 3166-1 table.

pycountry knows codes and names but not Wikidata ids; those come from a small,
hand-checked CSV (``diplomacy/data/country_wikidata.csv``) and stay blank for
every country it does not list. Aliases (the names people type: Iran, Turkey, UK)
are pycountry's common names plus the hand-kept table in ``country_names``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import pycountry
from django.conf import settings
from django.core import serializers

from diplomacy.models import Country, country_search_names
from diplomacy.services.country_names import COUNTRY_ALIASES
from diplomacy.services.taxonomy import write_text_atomic

COUNTRY_FIXTURE_PATH = Path(settings.BASE_DIR, "fixtures", "countries.json")
COUNTRY_WIKIDATA_PATH = Path(__file__).resolve().parent.parent / "data" / "country_wikidata.csv"
WIKIDATA_COLUMNS = ["iso3", "wikidata_id"]

_QID_RE = re.compile(r"^Q[1-9][0-9]*$")


class CountryDataError(Exception):
    """The Wikidata CSV has bad rows; nothing was written."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__(f"{len(errors)} bad row(s), nothing written:\n" + "\n".join(errors))


@dataclass(frozen=True)
class CountryFixtureReport:
    path: Path
    total: int
    with_wikidata: int


def country_wikidata_read(*, path: Path | str = COUNTRY_WIKIDATA_PATH) -> dict[str, str]:
    """Read ``iso3,wikidata_id`` rows; every bad row is reported as file:line: reason."""
    path = Path(path)
    known = {country.alpha_3 for country in pycountry.countries}
    ids: dict[str, str] = {}
    errors: list[str] = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header != WIKIDATA_COLUMNS:
            raise CountryDataError([f"{path.name}:1: expected header {WIKIDATA_COLUMNS!r}, "
                                    f"got {header!r}"])
        for values in reader:
            where = f"{path.name}:{reader.line_num}"
            if not values:
                continue
            if len(values) != len(WIKIDATA_COLUMNS):
                errors.append(f"{where}: expected 2 columns, found {len(values)}")
                continue
            iso3, qid = (value.strip() for value in values)
            if iso3 not in known:
                errors.append(f"{where}: {iso3!r} is not a current ISO 3166-1 alpha-3 code")
            elif not _QID_RE.match(qid):
                errors.append(f"{where}: {qid!r} is not a Wikidata item id such as Q227")
            elif iso3 in ids:
                errors.append(f"{where}: {iso3} is listed twice")
            else:
                ids[iso3] = qid
    if errors:
        raise CountryDataError(errors)
    return ids


def country_aliases(entry) -> list[str]:
    """The names people type for a pycountry entry: its common name, if pycountry has one
    (Iran, South Korea), then the hand-kept names of ``country_names`` (UK, Turkey)."""
    names = [getattr(entry, "common_name", ""), *COUNTRY_ALIASES.get(entry.alpha_3, ())]
    return list(dict.fromkeys(name for name in names if name and name != entry.name))


def country_instances(*, wikidata: dict[str, str]) -> list[Country]:
    """Every current ISO 3166-1 country as an unsaved Country, sorted by alpha-3, with
    its aliases and folded search names (fixtures load raw, without ``save()``)."""
    countries = [
        Country(
            iso3=entry.alpha_3,
            iso2=entry.alpha_2,
            numeric=entry.numeric,
            # ISO's short name as pycountry gives it ("Iran, Islamic Republic of"),
            # not a common name, so the list matches the standard it cites.
            name=entry.name,
            official_name=getattr(entry, "official_name", ""),
            wikidata_id=wikidata.get(entry.alpha_3, ""),
            aliases="\n".join(country_aliases(entry)),
        )
        for entry in sorted(pycountry.countries, key=lambda entry: entry.alpha_3)
    ]
    for country in countries:
        country.search_names = country_search_names(country)
    return countries


def country_fixture_json(*, wikidata: dict[str, str]) -> str:
    """The Django JSON fixture of all countries: sorted by iso3, indent 2, final newline.

    ``iso3`` is Country's primary key, so each entry carries it as ``pk``, just as
    ``dumpdata --natural-primary --natural-foreign`` would.
    """
    text = serializers.serialize("json", country_instances(wikidata=wikidata), indent=2,
                                 use_natural_foreign_keys=True, use_natural_primary_keys=True)
    return text.rstrip("\n") + "\n"


def country_write_fixture(*, fixture_path: Path | str = COUNTRY_FIXTURE_PATH,
                          wikidata_path: Path | str = COUNTRY_WIKIDATA_PATH,
                          ) -> CountryFixtureReport:
    """Write the country fixture from pycountry and the Wikidata CSV; no database."""
    wikidata = country_wikidata_read(path=wikidata_path)
    path = Path(fixture_path)
    text = country_fixture_json(wikidata=wikidata)
    write_text_atomic(path, text)
    return CountryFixtureReport(path=path, total=len(pycountry.countries),
                                with_wikidata=len(wikidata))
