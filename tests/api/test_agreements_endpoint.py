"""agreements/: parties (principal countries and implementing organisations), directed
exchanges and citations; party (repeatable, all must take part), kind, status,
in_force_on (open ends, precision-widened ends) and q."""

from __future__ import annotations

import datetime

import pytest

from diplomacy import models as m
from tests import factories as f

from .helpers import API, assert_error, full_agreement, get, id_set, ids

pytestmark = pytest.mark.django_db

D = datetime.date
DAY = "2026-01-26"


@pytest.fixture
def agreements(countries):
    aze, isr, irn, kaz, rus = (countries[c] for c in ("AZE", "ISR", "IRN", "KAZ", "RUS"))
    efa = full_agreement(first=aze, second=isr, title="Energy for arms relationship",
                         kind=m.AgreementKind.ENERGY_FOR_ARMS,
                         formality=m.Formality.INFORMAL, status=m.AgreementStatus.IN_FORCE)
    trade = f.AgreementFactory(first_party=aze, second_party=kaz,
                               title="Caspian trade memorandum",
                               kind=m.AgreementKind.TRADE, status=m.AgreementStatus.SIGNED,
                               start_date=D(2025, 1, 1))
    old = f.AgreementFactory(first_party=isr, second_party=rus, title="Visa waiver treaty",
                             kind=m.AgreementKind.DIPLOMATIC,
                             status=m.AgreementStatus.TERMINATED, start_date=D(2010, 1, 1),
                             end_date=D(2020, 6, 30))
    gas = f.AgreementFactory(first_party=aze, second_party=irn, title="Gas swap contract",
                             kind=m.AgreementKind.ENERGY, status=m.AgreementStatus.IN_FORCE,
                             start_date=D(2020, 1, 1), end_date=D(2026, 1, 1),
                             end_precision=m.DatePrecision.MONTH)
    future = f.AgreementFactory(first_party=isr, second_party=aze, title="Defence pact",
                                kind=m.AgreementKind.DEFENCE, status=m.AgreementStatus.IN_FORCE,
                                start_date=D(2027, 1, 1))
    draft = f.AgreementFactory(first_party=aze, second_party=isr, title="Draft energy deal",
                               kind=m.AgreementKind.ENERGY_FOR_ARMS,
                               status=m.AgreementStatus.IN_FORCE,
                               curation_status=m.CurationStatus.DRAFT)
    triple = f.AgreementFactory(first_party=rus, second_party=irn, title="Corridor treaty",
                                kind=m.AgreementKind.TRADE, status=m.AgreementStatus.IN_FORCE,
                                start_date=D(2024, 1, 1), start_precision=m.DatePrecision.YEAR)
    m.AgreementParty.objects.create(agreement=triple, country=kaz, role=m.PartyRole.PARTY)
    m.AgreementParty.objects.create(agreement=triple, country=aze, role=m.PartyRole.OBSERVER)
    return {"efa": efa.uid, "trade": trade.uid, "old": old.uid, "gas": gas.uid,
            "future": future.uid, "draft": draft.uid, "triple": triple.uid,
            "company": efa.parties.get().organisation}


def test_representation_with_parties_exchanges_and_citations(anon, agreements):
    uid, company = agreements["efa"], agreements["company"]
    body = get(anon, f"agreements/{uid}/")
    citation = m.Citation.objects.select_related("source").get(agreement__uid=uid)
    assert body["id"] == uid
    assert body["url"] == f"http://testserver/api/v1/agreements/{uid}/"
    assert (body["title"], body["kind"], body["formality"], body["status"],
            body["curation_status"]) == ("Energy for arms relationship", "energy_for_arms",
                                         "informal", "in_force", "published")
    assert body["parties"] == [
        {"actor": {"type": "country", "id": "AZE", "name": "Azerbaijan"}, "role": "party"},
        {"actor": {"type": "country", "id": "ISR", "name": "Israel"}, "role": "party"},
        {"actor": {"type": "organization", "id": company.slug, "name": company.name},
         "role": "implementing"},
    ]
    assert [{k: x[k] for k in ("from", "to", "category", "description", "via")}
            for x in body["exchanges"]] == [
        {"from": "AZE", "to": "ISR", "category": "energy", "description": "oil",
         "via": company.slug},
        {"from": "ISR", "to": "AZE", "category": "arms", "description": "modern weapons",
         "via": None},
    ]
    assert body["citations"] == [{
        "source": {"id": citation.source.uid, "title": citation.source.title,
                   "publisher": None, "link": citation.source.url,
                   "published_on": "2026-01-27"},
        "quote": "energy for arms",
        "note": "",
    }]
    assert (body["start_date"], body["end_date"]) == (None, None)


def test_further_country_parties_carry_their_roles(anon, agreements):
    parties = get(anon, f"agreements/{agreements['triple']}/")["parties"]
    assert [(p["actor"]["id"], p["role"]) for p in parties] == [
        ("RUS", "party"), ("IRN", "party"), ("KAZ", "party"), ("AZE", "observer")]


def test_anonymous_list_hides_drafts(anon, agreements):
    listed = id_set(anon, "agreements/")
    assert agreements["draft"] not in listed
    assert len(listed) == 6
    assert anon.get(f"{API}/agreements/{agreements['draft']}/").status_code == 404


def test_list_is_in_id_order(anon, agreements):
    listed = ids(get(anon, "agreements/"))
    assert listed == sorted(listed)


@pytest.mark.parametrize(("parties", "expected"), [
    (["AZE", "ISR"], {"efa", "future"}),
    (["ISR", "AZE"], {"efa", "future"}),
    (["aze", "isr"], {"efa", "future"}),      # codes in any case
    (["AZE", "KAZ"], {"trade", "triple"}),      # AZE observes the triple
    (["KAZ"], {"trade", "triple"}),             # KAZ is a further party of the triple
    (["KAZ", "IRN", "RUS"], {"triple"}),
    (["ISR", "KAZ"], set()),
    (["AZE"], {"efa", "trade", "gas", "future", "triple"}),
])
def test_party_repeated_means_all_listed_parties(anon, agreements, parties, expected):
    params = [("party", party) for party in parties]
    assert id_set(anon, "agreements/", params) == {agreements[k] for k in expected}


def test_party_by_organisation_id(anon, agreements):
    slug = agreements["company"].slug
    assert id_set(anon, "agreements/", {"party": slug}) == {agreements["efa"]}
    assert id_set(anon, "agreements/", [("party", slug), ("party", "ISR")]) == {
        agreements["efa"]}
    assert id_set(anon, "agreements/", [("party", slug), ("party", "KAZ")]) == set()


def test_kind_and_status(anon, agreements):
    assert id_set(anon, "agreements/", {"kind": "energy_for_arms"}) == {agreements["efa"]}
    assert id_set(anon, "agreements/", {"kind": "trade"}) == {agreements["trade"],
                                                              agreements["triple"]}
    assert id_set(anon, "agreements/", {"status": "terminated"}) == {agreements["old"]}
    assert id_set(anon, "agreements/", {"status": "signed"}) == {agreements["trade"]}
    assert id_set(anon, "agreements/", {"kind": "trade", "status": "in_force"}) == {
        agreements["triple"]}


@pytest.mark.parametrize(("day", "expected"), [
    # Open start and end (efa); month-precision end January 2026 covers the 26th (gas);
    # signed only (trade), terminated in 2020 (old) and not yet begun (future) are out.
    (DAY, {"efa", "gas", "triple"}),
    ("2026-01-31", {"efa", "gas", "triple"}),
    ("2026-02-01", {"efa", "triple"}),
    ("2015-03-01", {"efa", "old"}),            # the terminated one, while it lasted
    ("2020-06-30", {"efa", "old", "gas"}),     # day-precision end is inclusive
    ("2020-07-01", {"efa", "gas"}),
    ("2024-01-01", {"efa", "gas", "triple"}),  # year-precision start
    ("2027-01-01", {"efa", "future", "triple"}),
])
def test_in_force_on(anon, agreements, day, expected):
    assert id_set(anon, "agreements/", {"in_force_on": day}) == {
        agreements[k] for k in expected}


def test_in_force_on_combines_with_party_and_kind(anon, agreements):
    params = [("kind", "energy_for_arms"), ("in_force_on", DAY), ("party", "AZE"),
              ("party", "ISR")]
    assert id_set(anon, "agreements/", params) == {agreements["efa"]}
    # The AZE–KAZ trade memorandum is signed, not in force; the triple is.
    params = [("in_force_on", DAY), ("party", "AZE"), ("party", "KAZ")]
    assert id_set(anon, "agreements/", params) == {agreements["triple"]}
    params = [("in_force_on", DAY), ("party", "ISR"), ("party", "KAZ")]
    assert id_set(anon, "agreements/", params) == set()


@pytest.mark.parametrize(("q", "expected"), [
    ("relationship", {"efa"}),
    ("caspian", {"trade"}),
    ("treaty", {"old", "triple"}),
    ("nothing-like-this", set()),
])
def test_q_searches_titles_and_summaries(anon, agreements, q, expected):
    assert id_set(anon, "agreements/", {"q": q}) == {agreements[k] for k in expected}


def test_q_searches_the_summary(anon, agreements):
    m.Agreement.objects.filter(uid=agreements["gas"]).update(
        summary="Iran delivers gas to Nakhchivan")
    assert id_set(anon, "agreements/", {"q": "Nakhchivan"}) == {agreements["gas"]}


def test_curators_see_drafts_in_the_list(alice_client, agreements):
    listed = id_set(alice_client, "agreements/", {"kind": "energy_for_arms"})
    assert listed == {agreements["draft"], agreements["efa"]}


@pytest.mark.parametrize(("params", "name"), [
    ({"party": "XXX"}, "party"),
    ([("party", "AZE"), ("party", "no-such-org")], "party"),
    ({"kind": "barter"}, "kind"),
    ({"status": "in force"}, "status"),
    ({"in_force_on": "2026-13-01"}, "in_force_on"),
    ({"q": "x" * 201}, "q"),
])
def test_bad_filters_are_400s_naming_the_parameter(anon, agreements, params, name):
    assert_error(anon.get(f"{API}/agreements/", params), name)
