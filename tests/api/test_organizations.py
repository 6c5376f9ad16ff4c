"""organizations/: ministries, security services, embassies, companies, armed groups,
outlets, by slug id, with their country, parent and aliases.

Filters: q over the name, acronym and any alias, ignoring case, apostrophes and
diacritics; country (comma list, any case) and kind. Organisations are not curated
records, so anonymous readers see them all. The seed questions run on the shipped seed,
loaded for their class only.
"""

from __future__ import annotations

import pytest

from diplomacy import models as m
from tests import factories as f

from .helpers import API, assert_error, get, id_set, ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def orgs(countries):
    aze, isr, irn = countries["AZE"], countries["ISR"], countries["IRN"]
    dtx = f.OrganisationFactory(slug="dtx", name="State Security Service of Azerbaijan",
                                acronym="DTX", kind=m.OrganisationKind.SECURITY_SERVICE,
                                country=aze)
    m.OrganisationAlias.objects.create(organisation=dtx, name="Dövlət Təhlükəsizliyi Xidməti",
                                       kind=m.AliasKind.NATIVE, language="az")
    m.OrganisationAlias.objects.create(organisation=dtx, name="National Security Agency")
    mfa = f.OrganisationFactory(slug="israel-mfa", name="Ministry of Foreign Affairs of Israel",
                                kind=m.OrganisationKind.MINISTRY, country=isr)
    m.OrganisationAlias.objects.create(organisation=mfa, name="@IsraelMFA",
                                       kind=m.AliasKind.HANDLE)
    embassy = f.OrganisationFactory(slug="israeli-embassy-baku", name="Embassy of Israel in Baku",
                                    kind=m.OrganisationKind.EMBASSY, country=isr, parent=mfa)
    m.OrganisationAlias.objects.create(organisation=embassy, name="Israel’s Embassy in Baku")
    iskp = f.OrganisationFactory(slug="islamic-state-khorasan",
                                 name="Islamic State Khorasan Province", acronym="ISIS-K",
                                 kind=m.OrganisationKind.ARMED_GROUP, country=None)
    m.OrganisationAlias.objects.create(organisation=iskp, name="ISKP",
                                       kind=m.AliasKind.ACRONYM)
    irgc = f.OrganisationFactory(slug="irgc", name="Islamic Revolutionary Guard Corps",
                                 acronym="IRGC", kind=m.OrganisationKind.MILITARY, country=irn)
    return {"dtx": dtx, "mfa": mfa, "embassy": embassy, "iskp": iskp, "irgc": irgc}


# --- Representation --------------------------------------------------------------------------


def test_list_is_ordered_by_name(anon, orgs):
    assert ids(get(anon, "organizations/")) == [
        "israeli-embassy-baku", "irgc", "islamic-state-khorasan", "israel-mfa", "dtx"]


def test_representation(anon, orgs):
    body = get(anon, "organizations/dtx/")
    assert body == {
        "id": "dtx",
        "url": "http://testserver/api/v1/organizations/dtx/",
        "name": "State Security Service of Azerbaijan",
        "acronym": "DTX",
        "kind": "security_service",
        "country": "AZE",
        "parent": None,
        "aliases": ["Dövlət Təhlükəsizliyi Xidməti", "National Security Agency"],
        "wikidata_id": "",
    }
    # The list shows each row exactly as its detail does, on one page.
    listed = get(anon, "organizations/")
    assert listed["next"] is None and listed["previous"] is None
    assert {row["id"]: row for row in listed["results"]}["dtx"] == body


def test_parent_and_stateless_organisations(anon, orgs):
    embassy = get(anon, "organizations/israeli-embassy-baku/")
    assert embassy["parent"] == "israel-mfa"
    assert embassy["country"] == "ISR"
    assert embassy["aliases"] == ["Israel’s Embassy in Baku"]
    iskp = get(anon, "organizations/islamic-state-khorasan/")
    assert iskp["country"] is None
    assert iskp["acronym"] == "ISIS-K"
    assert iskp["aliases"] == ["ISKP"]


def test_unknown_slug_is_a_404(anon, orgs):
    assert anon.get(f"{API}/organizations/no-such-body/").status_code == 404


# --- q ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("q", "expected"), [
    ("security service", {"dtx"}),          # name
    ("dtx", {"dtx"}),                         # acronym, any case
    ("DTX", {"dtx"}),
    ("Dövlət", {"dtx"}),                      # alias as written
    ("DÖVLƏT TƏHLÜKƏSİZLİYİ", {"dtx"}),       # alias, other case
    # ö and ü lose their marks; ə is a letter of its own, not a diacritic, so search_key()
    # keeps it (tests/test_models.py) and "dovlet" with a plain e does not match.
    ("dovlət təhlukəsizliyi", {"dtx"}),  # ö and ü without marks
    ("national security", {"dtx"}),           # plain alias
    ("@israelmfa", {"israel-mfa"}),           # handle
    ("israels embassy", {"israeli-embassy-baku"}),   # apostrophe dropped in the query
    ("Israel's Embassy", {"israeli-embassy-baku"}),  # straight apostrophe vs ’ in alias
    ("isis-k", {"islamic-state-khorasan"}),
    ("iskp", {"islamic-state-khorasan"}),
    ("ISKP", {"islamic-state-khorasan"}),
    ("islamic", {"islamic-state-khorasan", "irgc"}),
    ("no such thing", set()),
])
def test_q_matches_name_acronym_and_aliases(anon, orgs, q, expected):
    assert id_set(anon, "organizations/", {"q": q}) == expected


def test_q_does_not_duplicate_an_organisation_matching_several_aliases(anon, orgs):
    m.OrganisationAlias.objects.create(organisation=orgs["iskp"], name="IS-K")
    body = get(anon, "organizations/", {"q": "is"})
    assert ids(body).count("islamic-state-khorasan") == 1


# --- country and kind ------------------------------------------------------------------------


@pytest.mark.parametrize(("country", "expected"), [
    ("AZE", {"dtx"}),
    ("isr", {"israel-mfa", "israeli-embassy-baku"}),
    ("AZE,IRN", {"dtx", "irgc"}),
    ("AZE, ISR", {"dtx", "israel-mfa", "israeli-embassy-baku"}),
    ("KAZ", set()),
])
def test_country_filter_takes_a_comma_list(anon, orgs, country, expected):
    assert id_set(anon, "organizations/", {"country": country}) == expected


def test_kind_filter(anon, orgs):
    assert id_set(anon, "organizations/", {"kind": "armed_group"}) == {"islamic-state-khorasan"}
    assert id_set(anon, "organizations/", {"kind": "embassy"}) == {"israeli-embassy-baku"}
    assert id_set(anon, "organizations/", {"kind": "media_outlet"}) == set()


def test_filters_combine(anon, orgs):
    assert id_set(anon, "organizations/", {"country": "ISR", "kind": "ministry"}) == {
        "israel-mfa"}
    assert id_set(anon, "organizations/", {"q": "islamic", "country": "IRN"}) == {"irgc"}
    assert id_set(anon, "organizations/", {"q": "islamic", "kind": "armed_group"}) == {
        "islamic-state-khorasan"}


# --- Bad filters -----------------------------------------------------------------------------


@pytest.mark.parametrize(("params", "names"), [
    ({"kind": "militia"}, ["kind"]),
    ({"kind": "Armed Group"}, ["kind"]),
    ({"country": "XXX"}, ["country"]),
    ({"country": "AZE,ZZZ"}, ["country", "ZZZ"]),   # the unknown code is named too
    ({"q": "x" * 201}, ["q"]),
])
def test_bad_filters_are_400s_naming_the_parameter(anon, orgs, params, names):
    body = assert_error(anon.get(f"{API}/organizations/", params), *names)
    assert names[0] in body


# --- Seed questions --------------------------------------------------------------------------


@pytest.mark.usefixtures("seed_data")
class TestSeedQuestions:
    def test_isis_k_by_acronym_and_socar_by_kind_and_country(self, anon):
        assert id_set(anon, "organizations/", {"q": "ISIS-K"}) == {"islamic-state-khorasan"}
        assert "socar" in id_set(anon, "organizations/", {"kind": "state_company",
                                                          "country": "AZE"})

    @pytest.mark.parametrize("q", ["isis-k", "ISIS-K", "ISKP", "iskp", "IS-K", "khorasan"])
    def test_islamic_state_khorasan_by_any_name(self, anon, q):
        assert id_set(anon, "organizations/", {"q": q}) == {"islamic-state-khorasan"}

    def test_dtx_by_its_azerbaijani_name(self, anon):
        assert id_set(anon, "organizations/", {"q": "Dövlət Təhlükəsizliyi"}) == {"dtx"}
        assert id_set(anon, "organizations/", {"q": "dtx"}) == {"dtx"}
