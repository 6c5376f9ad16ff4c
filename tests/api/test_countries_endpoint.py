"""countries/: ISO alpha-3 ids, detail URLs, and q over names and codes."""

from __future__ import annotations

import pytest

from .helpers import API, get, id_set, ids

pytestmark = pytest.mark.django_db


def test_list_shows_every_country_by_iso3_in_code_order(anon, countries):
    body = get(anon, "countries/")
    assert ids(body) == ["AZE", "IRN", "ISR", "KAZ", "RUS"]
    assert body["next"] is None


def test_detail_has_id_url_and_codes(anon, countries):
    body = get(anon, "countries/AZE/")
    assert body["id"] == "AZE"
    assert body["url"] == "http://testserver/api/v1/countries/AZE/"
    assert body["iso2"] == "AZ"
    assert body["name"] == "Azerbaijan"
    assert get(anon, "countries/")["results"][0]["url"] == body["url"]


def test_detail_url_resolves_to_the_same_record(anon, countries):
    listed = {row["id"]: row for row in get(anon, "countries/")["results"]}
    detail = anon.get(listed["KAZ"]["url"]).json()
    assert detail == listed["KAZ"]


@pytest.mark.parametrize("code", ["XXX", "AZERBAIJAN", "ZZ"])
def test_unknown_id_is_a_json_404(anon, countries, code):
    response = anon.get(f"{API}/countries/{code}/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize(("q", "expected"), [
    ("Azerbaijan", {"AZE"}),
    ("azer", {"AZE"}),
    ("KAZAKH", {"KAZ"}),
    ("federation", {"RUS"}),
    ("irn", {"IRN"}),          # alpha-3, lower case
    ("IRN", {"IRN"}),
    ("il", {"ISR"}),           # alpha-2 of Israel; no name contains "il"
    ("kz", {"KAZ"}),
    ("atlantis", set()),
])
def test_q_matches_names_and_codes_ignoring_case(anon, countries, q, expected):
    assert id_set(anon, "countries/", {"q": q}) == expected


def test_q_matches_the_official_name(anon, countries):
    countries["IRN"].official_name = "Islamic Republic of Iran"
    countries["IRN"].save()
    assert id_set(anon, "countries/", {"q": "islamic republic"}) == {"IRN"}
