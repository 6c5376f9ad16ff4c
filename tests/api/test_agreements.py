"""agreements/: durable relations with their parties (the two principal countries, further
countries with their roles, implementing organisations), directed exchanges and citations.

Filters: party (repeatable; every listed country or organisation must take part), kind,
status, in_force_on (unknown starts and ends are open, ends widened by their precision) and
q over titles and summaries. Reads are anonymous (published records only) unless noted;
alice (curator) also sees drafts, records agreements as drafts and edits them until bob
(reviewer) publishes them; anonymous readers write nothing. The seed questions run on the
shipped seed, loaded for their class only.
"""

from __future__ import annotations

import pytest

from diplomacy import models as m
from tests import factories as f

from .helpers import API, SEED, D, assert_error, edit, full_agreement, get, id_set, ids

pytestmark = pytest.mark.django_db

DAY = "2026-01-26"
IN_FORCE, TERMINATED, SIGNED = (m.AgreementStatus.IN_FORCE, m.AgreementStatus.TERMINATED,
                                m.AgreementStatus.SIGNED)


@pytest.fixture
def agreements(countries):
    aze, isr, irn, kaz, rus = (countries[c] for c in ("AZE", "ISR", "IRN", "KAZ", "RUS"))
    efa = full_agreement(first=aze, second=isr, title="Energy for arms relationship",
                         kind=m.AgreementKind.ENERGY_FOR_ARMS,
                         formality=m.Formality.INFORMAL, status=IN_FORCE)
    trade = f.AgreementFactory(first_party=aze, second_party=kaz,
                               title="Caspian trade memorandum",
                               kind=m.AgreementKind.TRADE, status=SIGNED,
                               start_date=D(2025, 1, 1))
    old = f.AgreementFactory(first_party=isr, second_party=rus, title="Visa waiver treaty",
                             kind=m.AgreementKind.DIPLOMATIC, status=TERMINATED,
                             start_date=D(2010, 1, 1), end_date=D(2020, 6, 30))
    gas = f.AgreementFactory(first_party=aze, second_party=irn, title="Gas swap contract",
                             kind=m.AgreementKind.ENERGY, status=IN_FORCE,
                             start_date=D(2020, 1, 1), end_date=D(2026, 1, 1),
                             end_precision=m.DatePrecision.MONTH)
    future = f.AgreementFactory(first_party=isr, second_party=aze, title="Defence pact",
                                kind=m.AgreementKind.DEFENCE, status=IN_FORCE,
                                start_date=D(2027, 1, 1))
    draft = f.AgreementFactory(first_party=aze, second_party=isr, title="Draft energy deal",
                               kind=m.AgreementKind.ENERGY_FOR_ARMS, status=IN_FORCE,
                               curation_status=m.CurationStatus.DRAFT)
    triple = f.AgreementFactory(first_party=rus, second_party=irn, title="Corridor treaty",
                                kind=m.AgreementKind.TRADE, status=IN_FORCE,
                                start_date=D(2024, 1, 1), start_precision=m.DatePrecision.YEAR)
    m.AgreementParty.objects.create(agreement=triple, country=kaz, role=m.PartyRole.PARTY)
    m.AgreementParty.objects.create(agreement=triple, country=aze, role=m.PartyRole.OBSERVER)
    return {"efa": efa.uid, "trade": trade.uid, "old": old.uid, "gas": gas.uid,
            "future": future.uid, "draft": draft.uid, "triple": triple.uid,
            "company": efa.parties.get().organisation}


# --- Representation --------------------------------------------------------------------------


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
    # The list shows each row exactly as its detail does, on one page.
    listed = get(anon, "agreements/")
    assert listed["next"] is None and listed["previous"] is None
    assert {row["id"]: row for row in listed["results"]}[uid] == body


def test_further_country_parties_carry_their_roles(anon, agreements):
    parties = get(anon, f"agreements/{agreements['triple']}/")["parties"]
    assert [(p["actor"]["id"], p["role"]) for p in parties] == [
        ("RUS", "party"), ("IRN", "party"), ("KAZ", "party"), ("AZE", "observer")]


def test_list_is_in_id_order(anon, agreements):
    listed = ids(get(anon, "agreements/"))
    assert listed == sorted(listed)


# --- Visibility ------------------------------------------------------------------------------


def test_anonymous_list_hides_drafts(anon, agreements):
    listed = id_set(anon, "agreements/")
    assert agreements["draft"] not in listed
    assert len(listed) == 6
    assert anon.get(f"{API}/agreements/{agreements['draft']}/").status_code == 404


def test_curators_see_drafts_in_the_list(alice_client, agreements):
    listed = id_set(alice_client, "agreements/", {"kind": "energy_for_arms"})
    assert listed == {agreements["draft"], agreements["efa"]}


# --- party -------------------------------------------------------------------------------


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


# --- kind and status -------------------------------------------------------------------------


def test_kind_and_status(anon, agreements):
    assert id_set(anon, "agreements/", {"kind": "energy_for_arms"}) == {agreements["efa"]}
    assert id_set(anon, "agreements/", {"kind": "trade"}) == {agreements["trade"],
                                                              agreements["triple"]}
    assert id_set(anon, "agreements/", {"status": "terminated"}) == {agreements["old"]}
    assert id_set(anon, "agreements/", {"status": "signed"}) == {agreements["trade"]}
    assert id_set(anon, "agreements/", {"status": "in_force"}) == {
        agreements[k] for k in ("efa", "gas", "future", "triple")}
    assert id_set(anon, "agreements/", {"kind": "trade", "status": "in_force"}) == {
        agreements["triple"]}


# --- in_force_on -------------------------------------------------------------------------


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


@pytest.fixture
def spans(countries) -> dict[str, m.Agreement]:
    """One AZE–ISR agreement at each edge of 26 January 2026."""
    def make(**fields) -> m.Agreement:
        return f.AgreementFactory(first_party=countries["AZE"], second_party=countries["ISR"],
                                  **fields)

    month = m.DatePrecision.MONTH
    return {
        "open": make(status=IN_FORCE),
        "started": make(status=IN_FORCE, start_date=D(2020, 5, 1)),
        "starts_later": make(status=IN_FORCE, start_date=D(2026, 2, 1)),
        "started_that_month": make(status=IN_FORCE, start_date=D(2026, 1, 1),
                                   start_precision=month),
        "ended_that_month": make(status=TERMINATED, start_date=D(2020, 1, 1),
                                 end_date=D(2026, 1, 1), end_precision=month),
        "terminated_before": make(status=TERMINATED, start_date=D(2020, 1, 1),
                                  end_date=D(2025, 12, 31)),
        "terminated_after": make(status=TERMINATED, end_date=D(2026, 6, 30)),
        "ends_that_day": make(status=IN_FORCE, end_date=D(2026, 1, 26)),
        "only_signed": make(status=SIGNED, start_date=D(2020, 1, 1)),
    }


def test_in_force_on_treats_unknown_ends_as_open_and_excludes_ended_ones(anon, spans):
    found = id_set(anon, "agreements/", {"in_force_on": DAY})
    assert found == {spans[name].uid for name in (
        "open", "started", "started_that_month", "ended_that_month", "terminated_after",
        "ends_that_day")}


def test_in_force_on_combines_with_party_and_kind(anon, agreements):
    params = [("kind", "energy_for_arms"), ("in_force_on", DAY), ("party", "AZE"),
              ("party", "ISR")]
    assert id_set(anon, "agreements/", params) == {agreements["efa"]}
    # The AZE–KAZ trade memorandum is signed, not in force; the triple is.
    params = [("in_force_on", DAY), ("party", "AZE"), ("party", "KAZ")]
    assert id_set(anon, "agreements/", params) == {agreements["triple"]}
    params = [("in_force_on", DAY), ("party", "ISR"), ("party", "KAZ")]
    assert id_set(anon, "agreements/", params) == set()


# --- q ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("q", "expected"), [
    ("relationship", {"efa"}),
    ("caspian", {"trade"}),
    ("treaty", {"old", "triple"}),
    ("visa treaty", {"old"}),                  # every term, anywhere
    ('"visa waiver"', {"old"}),                # a quoted phrase
    ('"visa treaty"', set()),                  # ... whose words must be adjacent
    ("nothing-like-this", set()),
])
def test_q_searches_titles_and_summaries(anon, agreements, q, expected):
    assert id_set(anon, "agreements/", {"q": q}) == {agreements[k] for k in expected}


def test_q_searches_the_summary(anon, agreements):
    m.Agreement.objects.filter(uid=agreements["gas"]).update(
        summary="Iran delivers gas to Nakhchivan")
    assert id_set(anon, "agreements/", {"q": "Nakhchivan"}) == {agreements["gas"]}


# --- Bad filters -----------------------------------------------------------------------------


@pytest.mark.parametrize(("params", "name"), [
    ({"party": "XXX"}, "party"),
    ([("party", "AZE"), ("party", "no-such-org")], "party"),
    ({"kind": "barter"}, "kind"),
    ({"status": "in force"}, "status"),
    ({"in_force_on": "2026-13-01"}, "in_force_on"),
    ({"in_force_on": "2026-02-30"}, "in_force_on"),   # no such day
    ({"q": "x" * 201}, "q"),
])
def test_bad_filters_are_400s_naming_the_parameter(anon, agreements, params, name):
    body = assert_error(anon.get(f"{API}/agreements/", params), name)
    assert name in body


# --- Writes ----------------------------------------------------------------------------------


ENERGY_FOR_ARMS = {
    "title": "Energy for arms",
    "kind": "energy_for_arms",
    "formality": "informal",
    "status": "in_force",
    "first_party": "AZE",
    "second_party": "ISR",
    "parties": [{"organisation": "socar", "role": "implementing"}],
    "exchanges": [
        {"from": "AZE", "to": "ISR", "category": "energy", "via": "socar",
         "description": "oil through the state company"},
        {"from": "ISR", "to": "AZE", "category": "arms", "description": "modern weapons"},
    ],
}


@pytest.fixture
def socar(countries):
    return f.OrganisationFactory(slug="socar", name="SOCAR", kind="state_company",
                                 country=countries["AZE"])


def test_curator_creates_a_draft_agreement_with_exchanges(alice_client, socar):
    response = alice_client.post(f"{API}/agreements/", ENERGY_FOR_ARMS, format="json")

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["curation_status"] == m.CurationStatus.DRAFT
    assert [(x["from"], x["to"], x["category"], x["via"]) for x in body["exchanges"]] == [
        ("AZE", "ISR", "energy", "socar"), ("ISR", "AZE", "arms", None)]
    assert [p["actor"]["id"] for p in body["parties"]] == ["AZE", "ISR", "socar"]
    agreement = m.Agreement.objects.get(uid=body["id"])
    assert agreement.history.latest().history_user.username == "alice"


def test_server_owned_fields_are_ignored(alice_client, socar):
    payload = {**ENERGY_FOR_ARMS, "id": "ag-chosen00", "curation_status": "published",
               "retraction_reason": "x"}
    body = alice_client.post(f"{API}/agreements/", payload, format="json").json()
    assert body["id"] != "ag-chosen00"
    assert body["curation_status"] == m.CurationStatus.DRAFT
    assert body["retraction_reason"] == ""


@pytest.mark.parametrize(("change", "field"), [
    ({"second_party": "AZE"}, "second_party"),                  # one country twice
    ({"exchanges": [{"from": "AZE", "to": "AZE", "category": "energy"}]}, "exchanges"),
    ({"exchanges": [{"from": "AZE", "to": "IRN", "category": "energy"}]}, "exchanges"),
    ({"first_party": "XXX"}, "first_party"),                     # unknown country
    ({"kind": "barter"}, "kind"),
    ({"title": "nul\x00byte"}, "title"),
    ({"start_date": "2026-02-30"}, "start_date"),
])
def test_broken_rules_are_refused_and_nothing_is_written(alice_client, socar, change, field):
    response = alice_client.post(f"{API}/agreements/", {**ENERGY_FOR_ARMS, **change},
                                 format="json")
    body = assert_error(response, field)
    assert field in body or any(field in str(value) for value in body.values()), body
    assert not m.Agreement.objects.exists()
    assert not m.Exchange.objects.exists()


def test_curator_edits_a_draft_but_not_a_published_agreement(alice_client, bob_client, socar):
    cited = {**ENERGY_FOR_ARMS, "citations": [{"source": f.SourceFactory().uid}]}
    uid = alice_client.post(f"{API}/agreements/", cited, format="json").json()["id"]
    edited = edit(alice_client).patch(f"{API}/agreements/{uid}/", {"status": "suspended"},
                                format="json")
    assert edited.status_code == 200
    assert edited.json()["status"] == "suspended"

    assert edit(bob_client).post(f"{API}/agreements/{uid}/publish/").status_code == 200
    refused = edit(alice_client).patch(f"{API}/agreements/{uid}/", {"status": "terminated"},
                                 format="json")
    assert refused.status_code == 403
    assert m.Agreement.objects.get(uid=uid).status == "suspended"


def test_anonymous_cannot_write(anon, socar):
    response = anon.post(f"{API}/agreements/", ENERGY_FOR_ARMS, format="json")
    assert response.status_code in (401, 403)
    assert not m.Agreement.objects.exists()


# --- Seed questions --------------------------------------------------------------------------


@pytest.mark.usefixtures("seed_data")
class TestSeedQuestions:
    def test_energy_for_arms_between_azerbaijan_and_israel_in_force_on_the_day(self, anon):
        params = [("kind", "energy_for_arms"), ("in_force_on", DAY), ("party", "AZE"),
                  ("party", "ISR")]
        body = get(anon, "agreements/", params)
        assert ids(body) == [SEED["agreement"]]
        agreement = body["results"][0]
        assert (agreement["kind"], agreement["status"], agreement["curation_status"]) == (
            "energy_for_arms", "in_force", "published")
        assert [(x["from"], x["to"], x["category"], x["via"]) for x in agreement["exchanges"]] == [
            ("AZE", "ISR", "energy", "socar"), ("ISR", "AZE", "arms", None)]
        assert agreement["exchanges"][1]["description"] == "modern weapons"
        assert [(p["actor"]["id"], p["role"]) for p in agreement["parties"]] == [
            ("AZE", "party"), ("ISR", "party"), ("socar", "implementing")]
        assert agreement["citations"]

    def test_the_seed_agreement_does_not_bind_kazakhstan(self, anon):
        params = [("kind", "energy_for_arms"), ("party", "AZE"), ("party", "KAZ")]
        assert id_set(anon, "agreements/", params) == set()
        assert id_set(anon, "agreements/", {"party": "socar"}) == {SEED["agreement"]}

    def test_the_seed_agreement_is_in_the_csv(self, anon):
        response = anon.get("/api/v1/agreements/", {"format": "csv", "party": "ISR"})
        lines = b"".join(response.streaming_content).decode().splitlines()
        assert len(lines) == 2
        assert lines[1].startswith(f"{SEED['agreement']},")
        assert "AZE>ISR:energy;ISR>AZE:arms" in lines[1]


# --- Exchanges: what flows from whom to whom ---------------------------------------------------


@pytest.fixture
def flows(countries):
    aze, isr, rus, kaz = (countries[code] for code in ("AZE", "ISR", "RUS", "KAZ"))
    return {
        "energy_for_arms": full_agreement(first=aze, second=isr),   # AZE→ISR energy, back arms
        "russian_arms": _flow(rus, aze, m.ExchangeCategory.ARMS),
        "kazakh_oil": _flow(kaz, isr, m.ExchangeCategory.ENERGY),
    }


def _flow(source, recipient, category) -> m.Agreement:
    agreement = f.AgreementFactory(first_party=source, second_party=recipient)
    f.ExchangeFactory(agreement=agreement, from_country=source, to_country=recipient,
                      category=category)
    return agreement


@pytest.mark.parametrize(("params", "expected"), [
    ({"exchange": "arms", "exchange_to": "AZE"}, {"energy_for_arms", "russian_arms"}),
    ({"exchange": "arms", "exchange_from": "RUS"}, {"russian_arms"}),
    ({"exchange": "energy", "exchange_to": "ISR"}, {"energy_for_arms", "kazakh_oil"}),
    # One flow must match all three: Israel sends arms, not energy.
    ({"exchange": "energy", "exchange_from": "ISR"}, set()),
    ({"exchange": "energy,arms", "exchange_from": "KAZ,RUS"}, {"russian_arms", "kazakh_oil"}),
])
def test_exchange_filters_describe_one_flow(anon, flows, params, expected):
    assert id_set(anon, "agreements/", params) == {flows[name].uid for name in expected}


@pytest.mark.parametrize(("params", "name"), [({"exchange": "oil"}, "exchange"),
                                              ({"exchange_to": "XYZ"}, "exchange_to"),
                                              ({"exchange_from": " "}, "exchange_from")])
def test_bad_exchange_filters_are_named(anon, flows, params, name):
    assert_error(anon.get(f"{API}/agreements/", params), name)
