"""manage.py generate_countries and the country fixture service behind it."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pycountry
import pytest
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import CommandError

from diplomacy.models import Country
from diplomacy.services.countries import (
    COUNTRY_FIXTURE_PATH,
    country_fixture_json,
    country_wikidata_read,
)

DATA = Path(__file__).parent / "data"
WIKIDATA = DATA / "country_wikidata_sample.csv"


def _generate(output: Path, wikidata: Path = WIKIDATA) -> str:
    out = StringIO()
    call_command("generate_countries", output=str(output), wikidata=str(wikidata), stdout=out)
    return out.getvalue()


def _entries(path: Path) -> dict[str, dict]:
    return {entry["pk"]: entry["fields"] for entry in json.loads(path.read_text("utf-8"))}


def test_every_current_iso_country_is_in_the_fixture(tmp_path):
    fixture = tmp_path / "countries.json"

    message = _generate(fixture)

    entries = _entries(fixture)
    assert set(entries) == {country.alpha_3 for country in pycountry.countries}
    assert f"Wrote {len(pycountry.countries)} countries" in message
    for country in pycountry.countries:
        fields = entries[country.alpha_3]
        assert fields["iso2"] == country.alpha_2
        assert fields["numeric"] == country.numeric
        # Plain ISO short names, never the official long form.
        assert fields["name"] == country.name
        assert fields["official_name"] == getattr(country, "official_name", "")


def test_codes_keep_their_form(tmp_path):
    fixture = tmp_path / "countries.json"
    _generate(fixture)

    assert _entries(fixture)["AZE"] == {
        "iso2": "AZ", "numeric": "031", "name": "Azerbaijan",
        "official_name": "Republic of Azerbaijan", "wikidata_id": "Q227", "aliases": "",
        "search_names": "|aze|az|azerbaijan|republic of azerbaijan|",
    }
    assert _entries(fixture)["AFG"]["numeric"] == "004"  # a string with its leading zeros


def test_wikidata_ids_are_merged_and_the_rest_left_blank(tmp_path):
    fixture = tmp_path / "countries.json"
    _generate(fixture)

    with_ids = {iso3: f["wikidata_id"] for iso3, f in _entries(fixture).items() if f["wikidata_id"]}
    assert with_ids == {"ISR": "Q801", "AZE": "Q227"}


def test_fixture_is_deterministic_and_sorted(tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    _generate(first)
    _generate(second)

    text = first.read_text("utf-8")
    assert text == second.read_text("utf-8")
    assert text.endswith("]\n") and not text.endswith("\n\n")
    keys = [entry["pk"] for entry in json.loads(text)]
    assert keys == sorted(keys)
    assert all(entry["model"] == "diplomacy.country" for entry in json.loads(text))


def test_fixture_loads_and_a_second_load_changes_nothing(db, tmp_path):
    fixture = tmp_path / "countries.json"
    _generate(fixture)

    call_command("loaddata", str(fixture), verbosity=0)
    first = serializers.serialize("json", Country.objects.order_by("iso3"))
    call_command("loaddata", str(fixture), verbosity=0)

    assert Country.objects.count() == len(pycountry.countries)
    assert serializers.serialize("json", Country.objects.order_by("iso3")) == first
    assert Country.objects.get(iso3="ISR").wikidata_id == "Q801"


def test_bad_wikidata_rows_are_all_reported_and_nothing_is_written(tmp_path):
    fixture = tmp_path / "countries.json"
    err = StringIO()

    with pytest.raises(CommandError) as excinfo:
        call_command("generate_countries", output=str(fixture),
                     wikidata=str(DATA / "country_wikidata_bad.csv"), stdout=StringIO(),
                     stderr=err)

    assert excinfo.value.returncode == 1
    assert err.getvalue().splitlines() == [
        "country_wikidata_bad.csv:3: 'XXX' is not a current ISO 3166-1 alpha-3 code",
        "country_wikidata_bad.csv:4: '227' is not a Wikidata item id such as Q227",
        "country_wikidata_bad.csv:5: ISR is listed twice",
    ]
    assert not fixture.exists()


def test_shipped_wikidata_csv_is_valid():
    ids = country_wikidata_read()

    assert {"ISR": "Q801", "AZE": "Q227", "IRN": "Q794", "KAZ": "Q232"}.items() <= ids.items()


def test_shipped_fixture_is_up_to_date():
    """fixtures/countries.json is exactly what the generator writes today."""
    expected = country_fixture_json(wikidata=country_wikidata_read())

    assert COUNTRY_FIXTURE_PATH.read_text("utf-8") == expected
