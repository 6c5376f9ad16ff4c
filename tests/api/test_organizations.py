"""organizations/: ministries, security services, companies, armed groups, outlets.

Read as anonymous; organisations are not curated records, so everyone sees all.
Seed tests come last (the seed stays loaded for the rest of the module).
"""

from __future__ import annotations

import pytest

from diplomacy import models as m
from tests import factories as f

from .helpers import API, get, id_set, ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def orgs(countries) -> dict[str, m.Organisation]:
    aze, isr = countries["AZE"], countries["ISR"]
    mfa = f.OrganisationFactory(slug="israel-mfa", name="Ministry of Foreign Affairs of Israel",
                                kind=m.OrganisationKind.MINISTRY, country=isr)
    m.OrganisationAlias.objects.create(organisation=mfa, name="@IsraelMFA",
                                       kind=m.AliasKind.HANDLE)
    dtx = f.OrganisationFactory(slug="dtx", name="State Security Service", acronym="DTX",
                                kind=m.OrganisationKind.SECURITY_SERVICE, country=aze)
    m.OrganisationAlias.objects.create(organisation=dtx, name="Dövlət Təhlükəsizliyi Xidməti",
                                       kind=m.AliasKind.NATIVE, language="az")
    isis_k = f.OrganisationFactory(slug="isis-k", name="Islamic State Khorasan Province",
                                   acronym="ISIS-K", kind=m.OrganisationKind.ARMED_GROUP,
                                   country=None)
    m.OrganisationAlias.objects.create(organisation=isis_k, name="ISKP")
    embassy = f.OrganisationFactory(slug="embassy-baku", name="Embassy of Israel in Baku",
                                    kind=m.OrganisationKind.EMBASSY, country=isr, parent=mfa)
    socar = f.OrganisationFactory(slug="socar", name="State Oil Company", acronym="SOCAR",
                                  kind=m.OrganisationKind.STATE_COMPANY, country=aze)
    return {"mfa": mfa, "dtx": dtx, "isis_k": isis_k, "embassy": embassy, "socar": socar}


def test_list_and_detail_show_id_url_kind_country_parent_and_aliases(anon, orgs):
    body = get(anon, "organizations/")
    assert ids(body) == ["embassy-baku", "isis-k", "israel-mfa", "socar", "dtx"]  # by name
    assert body["next"] is None and body["previous"] is None
    detail = get(anon, "organizations/embassy-baku/")
    assert {row["id"]: row for row in body["results"]}["embassy-baku"] == detail
    assert detail["id"] == "embassy-baku"
    assert detail["url"] == "http://testserver/api/v1/organizations/embassy-baku/"
    assert (detail["kind"], detail["country"], detail["parent"]) == (
        "embassy", "ISR", "israel-mfa")
    dtx = get(anon, "organizations/dtx/")
    assert (dtx["acronym"], dtx["aliases"]) == ("DTX", ["Dövlət Təhlükəsizliyi Xidməti"])
    assert get(anon, "organizations/isis-k/")["country"] is None


def test_unknown_organisation_is_a_404(anon, orgs):
    assert anon.get(f"{API}/organizations/nobody/").status_code == 404


@pytest.mark.parametrize(("q", "expected"), [
    ("dtx", {"dtx"}),                       # acronym, any case
    ("DÖVLƏT", {"dtx"}),                    # alias, any case
    ("dovlət", {"dtx"}),                    # alias without its diacritic
    ("iskp", {"isis-k"}),                   # alias
    ("@israelmfa", {"israel-mfa"}),         # handle
    ("state", {"dtx", "isis-k", "socar"}),  # part of names
    ("nothing", set()),
])
def test_q_matches_names_acronyms_and_aliases(anon, orgs, q, expected):
    assert id_set(anon, "organizations/", {"q": q}) == expected


def test_country_comma_list_and_kind(anon, orgs):
    assert id_set(anon, "organizations/", {"country": "AZE"}) == {"dtx", "socar"}
    assert id_set(anon, "organizations/", {"country": "aze,isr"}) == {
        "dtx", "socar", "israel-mfa", "embassy-baku"}
    assert id_set(anon, "organizations/", {"kind": "armed_group"}) == {"isis-k"}
    assert id_set(anon, "organizations/", {"kind": "embassy", "country": "ISR"}) == {
        "embassy-baku"}
    assert id_set(anon, "organizations/", {"q": "state", "country": "AZE"}) == {"dtx", "socar"}


@pytest.mark.parametrize(("params", "name"), [
    ({"country": "XYZ"}, "country"),
    ({"kind": "cartel"}, "kind"),
    ({"q": "x" * 201}, "q"),
])
def test_bad_filters_are_refused(anon, orgs, params, name):
    response = anon.get(f"{API}/organizations/", params)
    assert response.status_code == 400
    assert name in response.json()


def test_seed_organisations(anon, seed_data):
    assert id_set(anon, "organizations/", {"q": "ISIS-K"}) == {"islamic-state-khorasan"}
    assert "socar" in id_set(anon, "organizations/", {"kind": "state_company",
                                                      "country": "AZE"})
