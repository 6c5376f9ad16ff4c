"""Names people type: countries by common and former names and abbreviations, people and
organisations by aliases in any script, agreements by short title and aliases.

Over the shipped fixtures (countries.json from generate_countries, the seed), on
SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import pytest

from diplomacy import models as m
from diplomacy import selectors
from diplomacy.services.countries import country_instances

from .helpers import SEED, get, ids

pytestmark = pytest.mark.django_db


def _countries(client, text: str) -> list[str]:
    return ids(get(client, "countries/", {"q": text, "page_size": 500}))


@pytest.mark.usefixtures("seed_data")
class TestCountries:
    @pytest.mark.parametrize(("typed", "found"), [
        ("UK", ["GBR"]), ("uk", ["GBR"]), ("U.K.", ["GBR"]), ("Britain", ["GBR"]),
        ("USA", ["USA"]), ("US", ["USA"]), ("America", ["USA"]),
        ("Turkey", ["TUR"]), ("turkiye", ["TUR"]), ("Türkiye", ["TUR"]),
        ("Iran", ["IRN"]), ("Persia", ["IRN"]), ("Russia", ["RUS"]),
        ("AZE", ["AZE"]), ("az", ["AZE"]), ("Burma", ["MMR"]), ("South Korea", ["KOR"]),
    ])
    def test_an_exact_name_code_or_abbreviation_finds_only_its_country(self, anon, typed,
                                                                        found):
        assert _countries(anon, typed) == found

    def test_uk_is_never_ukraine_but_a_word_start_still_finds_it(self, anon):
        assert "UKR" not in _countries(anon, "UK")
        assert _countries(anon, "ukr") == ["UKR"]
        assert {"GBR", "SAU", "NLD"} <= set(_countries(anon, "kingdom"))
        assert "IRN" not in _countries(anon, "ran")  # a word's start, not its middle

    def test_the_selector_states_the_rule(self):
        everything = m.Country.objects.all()
        found = selectors.countries_matching(everything, text="uk")
        assert list(found.values_list("iso3", flat=True)) == ["GBR"]
        assert not selectors.countries_matching(everything, text="  ").exists()

    def test_the_representation_lists_aliases(self, anon):
        body = get(anon, "countries/GBR/")
        assert "UK" in body["aliases"] and "Great Britain" in body["aliases"]


def test_saving_a_country_folds_its_names_again():
    country = m.Country.objects.create(iso3="QQQ", iso2="QQ", name="Ruritania",
                                       aliases="Old Ruritania\nRRT")
    assert country.search_names == "|qqq|qq|ruritania|old ruritania|rrt|"
    assert list(selectors.countries_matching(m.Country.objects.all(), text="rrt")) == [country]


def test_generate_countries_fills_aliases_and_search_names():
    by_code = {country.iso3: country for country in country_instances(wikidata={})}
    assert "Turkey" in by_code["TUR"].alias_list
    assert "Iran" in by_code["IRN"].alias_list  # pycountry's common name
    assert "|uk|" in by_code["GBR"].search_names
    assert "|ukraine|" in by_code["UKR"].search_names
    assert "|uk|" not in by_code["UKR"].search_names


@pytest.mark.usefixtures("seed_data")
class TestPeopleAndOrganisations:
    @pytest.mark.parametrize("typed", ["Токаев", "ТОКАЕВ", "токаев", "Тоқаев", "tokaev",
                                       "Kassym-Jomart"])
    def test_people_by_any_alias_in_any_script(self, anon, typed):
        assert ids(get(anon, "people/", {"q": typed})) == ["kassym-jomart-tokayev"]

    @pytest.mark.parametrize("typed", ["Daesh", "DAESH", "daesh khorasan", "ISIS-K", "iskp",
                                       "خراسان"])
    def test_organisations_by_acronym_or_alias(self, anon, typed):
        assert ids(get(anon, "organizations/", {"q": typed})) == ["islamic-state-khorasan"]

    def test_admin_search_finds_aliases_folded(self, root_client):
        response = root_client.get("/admin/diplomacy/person/", {"q": "Токаев"})
        assert response.status_code == 200
        assert "Kassym-Jomart Tokayev" in response.content.decode()
        response = root_client.get("/admin/diplomacy/organisation/", {"q": "daesh"})
        assert "Islamic State Khorasan Province" in response.content.decode()

    def test_admin_country_search_and_autocomplete_take_the_rule(self, root_client):
        response = root_client.get("/admin/diplomacy/country/", {"q": "UK"})
        text = response.content.decode()
        assert "United Kingdom" in text and "Ukraine" not in text
        response = root_client.get("/admin/autocomplete/", {
            "app_label": "diplomacy", "model_name": "eventparticipant",
            "field_name": "actor_country", "term": "Turkey"})
        assert response.status_code == 200, response.content[:300]
        assert [row["id"] for row in response.json()["results"]] == ["TUR"]


@pytest.mark.usefixtures("seed_data")
class TestAgreements:
    @pytest.mark.parametrize("query", ["energy-for-arms", "Energy-For-Arms", "oil for arms",
                                       '"energy for weapons"', "weapons OR nothingness",
                                       "oil -btc"])
    def test_q_covers_short_titles_and_aliases(self, anon, query):
        assert ids(get(anon, "agreements/", {"q": query})) == [SEED["agreement"]]

    @pytest.mark.parametrize("query", ["btc", "energy -weapons", '"arms for energy"'])
    def test_q_still_excludes(self, anon, query):
        assert ids(get(anon, "agreements/", {"q": query})) == []

    def test_the_representation_shows_them(self, anon):
        body = get(anon, f"agreements/{SEED['agreement']}/")
        assert body["short_title"] == "energy-for-arms"
        assert body["aliases"] == ["oil for arms", "energy for weapons"]
