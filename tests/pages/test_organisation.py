"""``/organizations/<id>/``: an organisation with its aliases, the agreements it is party
to, the sources it published, and the newest events it takes part in with their
citations; links to the same events in the API and as CSV, and to its JSON.
"""

from __future__ import annotations

import pytest

from diplomacy import models as m
from tests import factories as f

from .helpers import SEED, csv_link, event_links, link_to, page

pytestmark = pytest.mark.usefixtures("seed_data")

EVENTS = "/api/v1/events/"


class TestSeed:
    def test_the_dtx_its_events_and_the_statement_it_published(self, client):
        text = page(client, "/organizations/dtx/")
        assert "State Security Service of the Republic of Azerbaijan" in text
        assert "(DTX)" in text
        assert event_links(text) == [SEED["plot"]]
        assert "preparing to commit a terrorist attack" in text  # the quoted passage
        assert "DTX statement on the arrest of three Azerbaijani nationals" in text  # published
        assert dict(link_to(text, "/api/v1/sources/")) == {"publisher": "dtx"}
        assert 'href="/api/v1/organizations/dtx/"' in text

    def test_socar_is_party_to_the_energy_for_arms_agreement(self, client):
        text = page(client, "/organizations/socar/")
        assert f'href="/agreements/{SEED["agreement"]}/"' in text
        assert event_links(text) == []

    def test_links_to_the_same_events_in_the_api_and_as_csv(self, client):
        text = page(client, "/organizations/islamic-state-khorasan/")
        query = {"participant": "islamic-state-khorasan", "ordering": "-date"}
        assert dict(link_to(text, EVENTS)) == query
        assert dict(csv_link(text, EVENTS)) == {**query, "format": "csv"}
        api = client.get(EVENTS, query).json()["results"]
        assert event_links(text) == [row["id"] for row in api] == [SEED["plot"], SEED["crocus"]]

    def test_an_unknown_organisation_is_a_404(self, client):
        page(client, "/organizations/no-such-body/", status=404)

    def test_a_nul_byte_in_the_id_is_a_404_not_a_500(self, client):
        page(client, "/organizations/dtx%00/", status=404)


class TestVisibility:
    def test_a_draft_agreement_is_listed_to_curators_only(self, client, alice_client):
        # The seed's own countries as parties: factory countries can collide with the
        # seed's codes (an X-prefixed code whose two-letter code is taken).
        agreement = f.AgreementFactory(title="A draft accord",
                                       first_party=m.Country.objects.get(iso3="AZE"),
                                       second_party=m.Country.objects.get(iso3="ISR"),
                                       curation_status=m.CurationStatus.DRAFT)
        m.AgreementParty.objects.create(agreement=agreement,
                                        organisation=m.Organisation.objects.get(slug="ynet"),
                                        role=m.PartyRole.OBSERVER)
        assert "A draft accord" not in page(client, "/organizations/ynet/")
        assert "A draft accord" in page(alice_client, "/organizations/ynet/")


class TestQueries:
    @pytest.mark.parametrize(("slug", "more"), [("dtx", 0), ("islamic-state-khorasan", 0),
                                                ("ynet", 30)])
    def test_queries_do_not_grow_with_the_events(self, client, slug, more,
                                                 django_assert_num_queries):
        organisation = m.Organisation.objects.get(slug=slug)
        for _ in range(more):
            event = f.cited(f.EventFactory())
            f.ParticipantFactory(event=event, actor_country=None,
                                 actor_organisation=organisation, country=organisation.country)
        # (An organisation in no event, such as SOCAR, skips the six event_facts queries.)
        # the organisation (country and parent joined), aliases, the sources it published,
        # the agreements it is party to; the newest events' ids, how many in all; their
        # rows, topics, participants, citations, relations both ways, whom they are about
        # (event_facts)
        with django_assert_num_queries(12):
            response = client.get(f"/organizations/{slug}/")
        assert response.status_code == 200
