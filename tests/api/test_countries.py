"""countries/: ISO 3166 countries by alpha-3 code, with q over names and codes.

Read as anonymous; countries are reference data, visible to everyone.
Seed tests come last (the seed stays loaded for the rest of the module).
"""

from __future__ import annotations

import pytest

from .helpers import API, get, id_set, ids

pytestmark = pytest.mark.django_db


def test_list_is_paginated_with_id_and_url(anon, countries):
    body = get(anon, "countries/", {"page_size": 2})
    assert body["count"] == 5
    assert ids(body) == ["AZE", "IRN"]
    assert body["previous"] is None
    assert body["next"] == "http://testserver/api/v1/countries/?page=2&page_size=2"
    assert [row["url"] for row in body["results"]] == [
        "http://testserver/api/v1/countries/AZE/", "http://testserver/api/v1/countries/IRN/"]
    last = anon.get(f"{API}/countries/", {"page_size": 2, "page": 3}).json()
    assert ids(last) == ["RUS"]
    assert last["next"] is None and last["previous"] is not None


def test_detail(anon, countries):
    body = get(anon, "countries/ISR/")
    assert body == {"id": "ISR", "url": "http://testserver/api/v1/countries/ISR/",
                    "iso2": "IL", "numeric": "", "name": "Israel", "official_name": "",
                    "wikidata_id": ""}


@pytest.mark.parametrize(("q", "expected"), [
    ("israel", {"ISR"}), ("AZER", {"AZE"}), ("kaz", {"KAZ"}), ("ru", {"RUS"}),
    ("nowhere", set()),
])
def test_q(anon, countries, q, expected):
    assert id_set(anon, "countries/", {"q": q}) == expected


def test_seed_every_iso_country_ships(anon, seed_data):
    body = get(anon, "countries/", {"page_size": 500})
    assert body["count"] >= 249
    assert id_set(anon, "countries/", {"q": "Iran"}) == {"IRN"}
    assert get(anon, "countries/AZE/")["iso2"] == "AZ"
