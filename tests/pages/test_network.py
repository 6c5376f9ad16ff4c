"""``/network/``: actors as nodes; who acts on whom (by the role table), agreement flows
and belonging as edges, with the events/ filters.

The seed's energy-for-arms agreement is two flows: energy AZE → ISR (through SOCAR) and
arms ISR → AZE. A draft agreement's flows and a draft event's actors are shown to
curators only.
"""

from __future__ import annotations

import pytest

from diplomacy import models as m
from tests import factories as f

from .helpers import SEED, csv_link, json_script, link_to, page, writes_nothing

pytestmark = pytest.mark.usefixtures("seed_data")

# Every actor that takes part in a seed event, speaks, is spoken of or is party to the
# agreement; RUS stands for the unnamed victims of the Crocus City Hall attack.
SEED_ACTORS = {
    "country:AZE", "country:ISR", "country:IRN", "country:KAZ", "country:RUS",
    "person:gideon-saar", "person:ilham-aliyev", "person:jeyhun-bayramov",
    "person:kassym-jomart-tokayev",
    "organization:dtx", "organization:islamic-state-khorasan", "organization:socar",
    "organization:israeli-embassy-baku", "organization:azerbaijan-embassy-iran",
    "organization:azerbaijan-presidential-administration",
}


def graph(text: str) -> dict:
    return json_script(text, "network-data")


def edges(data: dict, kind: str) -> set[tuple]:
    return {(e["source"], e["target"], e["label"]) if kind == "exchange" else
            (e["source"], e["target"]) for e in data["edges"] if e["kind"] == kind}


class TestSeed:
    def test_holds_the_seed_actors(self, client):
        data = graph(page(client, "/network/"))
        assert {node["id"] for node in data["nodes"]} == SEED_ACTORS
        names = {node["id"]: node["label"] for node in data["nodes"]}
        assert names["country:AZE"] == "Azerbaijan"
        assert names["person:gideon-saar"] == "Gideon Sa'ar"

    def test_the_two_energy_for_arms_flows(self, client):
        data = graph(page(client, "/network/"))
        assert edges(data, "exchange") == {("country:AZE", "country:ISR", "energy"),
                                           ("country:ISR", "country:AZE", "arms")}
        flows = [e for e in data["edges"] if e["kind"] == "exchange"]
        assert all(e["agreements"] == [SEED["agreement"]] for e in flows)
        # SOCAR, through which the energy flows, belongs to Azerbaijan.
        assert ("organization:socar", "country:AZE") in edges(data, "belongs_to")

    def test_who_acts_on_whom_follows_the_role_table(self, client):
        data = graph(page(client, "/network/"))
        acts = edges(data, "acts_on")
        assert ("person:gideon-saar", "country:AZE") in acts        # the guest visits the host
        assert ("person:gideon-saar", "country:IRN") in acts        # speaks of Iran
        assert ("organization:islamic-state-khorasan",
                "organization:israeli-embassy-baku") in acts        # the plot's target
        assert ("organization:dtx", "country:AZE") in acts          # arrests Azerbaijanis
        # Bayramov only looked on while Sa'ar spoke of Iran: a statement is its speaker's.
        assert not any(source == "person:jeyhun-bayramov" for source, _ in acts)
        meetings = next(e for e in data["edges"] if e["kind"] == "acts_on"
                        and e["source"] == "person:gideon-saar"
                        and e["target"] == "person:ilham-aliyev")
        assert meetings["count"] == 3
        assert set(meetings["events"]) == {SEED["meeting_aliyev"], SEED["visionary_aliyev"],
                                           SEED["fascinating_meeting"]}

    def test_the_tables_list_the_flows(self, client):
        text = page(client, "/network/")
        assert 'data-source="country:AZE" data-target="country:ISR" data-category="energy"' \
            in text
        assert 'data-source="country:ISR" data-target="country:AZE" data-category="arms"' \
            in text

    def test_filters_narrow_the_actors_and_the_agreements(self, client):
        data = graph(page(client, "/network/", {"country": "KAZ"}))
        assert {node["id"] for node in data["nodes"]} == {
            "country:KAZ", "country:ISR", "person:gideon-saar", "person:kassym-jomart-tokayev"}
        assert edges(data, "exchange") == set()
        data = graph(page(client, "/network/", {"dyad": "AZE,ISR"}))
        assert len(edges(data, "exchange")) == 2

    def test_links_to_the_api_and_csv(self, client):
        text = page(client, "/network/", {"dyad": "AZE,ISR"})
        assert dict(link_to(text, "/api/v1/events/")) == {"dyad": "AZE,ISR",
                                                          "ordering": "-date"}
        assert dict(csv_link(text, "/api/v1/events/")) == {"dyad": "AZE,ISR",
                                                           "ordering": "-date", "format": "csv"}
        assert link_to(text, "/api/v1/agreements/") == [("party", "AZE"), ("party", "ISR")]

    @pytest.mark.parametrize(("params", "name"), [
        ({"country": "ZZZ"}, "country"), ({"cursor": "abc"}, "cursor"),
        ({"date_from": "soon"}, "date_from"), ({"layout": "circle"}, "layout"),
    ])
    def test_bad_input_is_a_400_page_naming_it_and_writes_nothing(self, client, params, name):
        with writes_nothing():
            text = page(client, "/network/", params, status=400)
        assert f"<code>{name}</code>" in text
        assert 'id="network-data"' not in text


class TestVisibility:
    @pytest.fixture
    def drafts(self, db):
        kaz, irn = (m.Country.objects.get(iso3=code) for code in ("KAZ", "IRN"))
        agreement = f.AgreementFactory(first_party=kaz, second_party=irn,
                                       curation_status=m.CurationStatus.DRAFT)
        f.ExchangeFactory(agreement=agreement, category=m.ExchangeCategory.MONEY)
        event = f.EventFactory(curation_status=m.CurationStatus.DRAFT)
        f.ParticipantFactory(event=event, actor_country=None, country=kaz,
                             actor_person=f.PersonFactory(slug="secret-envoy", nationality=kaz),
                             role=m.ParticipantRole.GUEST)
        return agreement

    def test_anonymous_sees_no_draft_actor_nor_flow(self, client, drafts):
        data = graph(page(client, "/network/"))
        assert "person:secret-envoy" not in {node["id"] for node in data["nodes"]}
        assert ("country:KAZ", "country:IRN", "money") not in edges(data, "exchange")

    def test_a_curator_sees_them(self, alice_client, drafts):
        data = graph(page(alice_client, "/network/"))
        assert "person:secret-envoy" in {node["id"] for node in data["nodes"]}
        assert ("country:KAZ", "country:IRN", "money") in edges(data, "exchange")


class TestQueries:
    @pytest.mark.parametrize("more", [0, 20])
    def test_queries_do_not_grow_with_the_actors(self, client, more, django_assert_num_queries):
        aze, isr = (m.Country.objects.get(iso3=code) for code in ("AZE", "ISR"))
        for _ in range(more):
            event = f.EventFactory()
            f.ParticipantFactory(event=event, actor_country=aze, role=m.ParticipantRole.HOST)
            f.ParticipantFactory(event=event, actor_country=None, actor_person=f.PersonFactory(
                nationality=isr), country=isr, role=m.ParticipantRole.GUEST)
            f.CitationFactory(event=event, quote="a passage")
            f.ExchangeFactory(agreement=f.AgreementFactory(first_party=aze, second_party=isr))
        # the events' ids; their rows, topics, participants, citations, relations both
        # ways, whom they are about (event_facts); the agreements, their exchanges and
        # organisation parties; the countries' names
        with django_assert_num_queries(11):
            response = client.get("/network/")
        assert response.status_code == 200
        assert len(graph(response.content.decode())["nodes"]) == len(SEED_ACTORS) + more
