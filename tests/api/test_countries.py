"""countries/: ISO 3166 countries by alpha-3 code, with detail URLs and q over names and
codes.

Countries are reference data: anonymous readers see them all. The seed questions run on
the shipped seed (every ISO country), loaded for their class only.
"""

from __future__ import annotations

import pytest

from .helpers import API, get, id_set, ids

pytestmark = pytest.mark.django_db


# --- Representation and pages ----------------------------------------------------------------


def test_list_shows_every_country_by_iso3_in_code_order_and_pages(anon, countries):
    body = get(anon, "countries/")
    assert ids(body) == ["AZE", "IRN", "ISR", "KAZ", "RUS"]
    assert body["next"] is None
    body = get(anon, "countries/", {"page_size": 2})
    assert body["count"] == 5
    assert ids(body) == ["AZE", "IRN"]
    assert body["previous"] is None
    assert body["next"] == "http://testserver/api/v1/countries/?page=2&page_size=2"
    assert [row["url"] for row in body["results"]] == [
        "http://testserver/api/v1/countries/AZE/", "http://testserver/api/v1/countries/IRN/"]
    last = get(anon, "countries/", {"page_size": 2, "page": 3})
    assert ids(last) == ["RUS"]
    assert last["next"] is None and last["previous"] is not None


def test_detail(anon, countries):
    body = get(anon, "countries/ISR/")
    assert body == {"id": "ISR", "url": "http://testserver/api/v1/countries/ISR/",
                    "iso2": "IL", "numeric": "", "name": "Israel", "official_name": "",
                    "aliases": [], "wikidata_id": ""}


def test_detail_url_resolves_to_the_same_record(anon, countries):
    listed = {row["id"]: row for row in get(anon, "countries/")["results"]}
    detail = anon.get(listed["KAZ"]["url"]).json()
    assert detail == listed["KAZ"]


@pytest.mark.parametrize("code", ["XXX", "AZERBAIJAN", "ZZ"])
def test_unknown_id_is_a_json_404(anon, countries, code):
    response = anon.get(f"{API}/countries/{code}/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


# --- q ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("q", "expected"), [
    ("Azerbaijan", {"AZE"}),
    ("azer", {"AZE"}),
    ("KAZAKH", {"KAZ"}),
    ("federation", {"RUS"}),
    ("irn", {"IRN"}),          # alpha-3, lower case
    ("IRN", {"IRN"}),
    ("il", {"ISR"}),           # alpha-2 of Israel; no name contains "il"
    ("kz", {"KAZ"}),
    ("ru", {"RUS"}),           # alpha-2, and the start of a name
    ("atlantis", set()),
])
def test_q_matches_names_and_codes_ignoring_case(anon, countries, q, expected):
    assert id_set(anon, "countries/", {"q": q}) == expected


def test_q_matches_the_official_name(anon, countries):
    countries["IRN"].official_name = "Islamic Republic of Iran"
    countries["IRN"].save()
    assert id_set(anon, "countries/", {"q": "islamic republic"}) == {"IRN"}


# --- Seed questions --------------------------------------------------------------------------


@pytest.mark.usefixtures("seed_data")
class TestSeedQuestions:
    def test_every_iso_country_ships(self, anon):
        body = get(anon, "countries/", {"page_size": 500})
        assert body["count"] >= 249
        assert id_set(anon, "countries/", {"q": "Iran"}) == {"IRN"}
        assert get(anon, "countries/AZE/")["iso2"] == "AZ"
