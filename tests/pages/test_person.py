"""``/people/<id>/``: a person with their aliases and posts, and the newest events they
take part in, each with its citations and quoted passages; links to the same events in
the API (``events/?participant=…``) and as CSV, and to the person's JSON.
"""

from __future__ import annotations

import pytest

from diplomacy import models as m
from tests import factories as f

from .helpers import SEED, csv_link, event_links, link_to, page

pytestmark = pytest.mark.usefixtures("seed_data")

EVENTS = "/api/v1/events/"


class TestSeed:
    def test_name_aliases_and_posts(self, client):
        text = page(client, "/people/gideon-saar/")
        assert "<h1>Gideon Sa&#x27;ar</h1>" in text
        assert "Gidon Sa&#x27;ar" in text or "Saar" in text
        assert "Minister of Foreign Affairs" in text
        assert 'href="/api/v1/people/gideon-saar/"' in text

    def test_the_events_they_take_part_in_with_citations(self, client):
        text = page(client, "/people/gideon-saar/")
        api = client.get(EVENTS, {"participant": "gideon-saar", "ordering": "-date"}).json()
        assert event_links(text) == [row["id"] for row in api["results"]]
        assert SEED["visionary_tokayev"] in event_links(text)
        # The statement's words, and every cited passage of every event listed.
        assert "visionary leader" in text
        for row in api["results"]:
            for citation in row["citations"]:
                assert citation["quote"].replace("'", "&#x27;") in text

    def test_links_to_the_same_events_in_the_api_and_as_csv(self, client):
        text = page(client, "/people/ilham-aliyev/")
        query = {"participant": "ilham-aliyev", "ordering": "-date"}
        assert dict(link_to(text, EVENTS)) == query
        assert dict(csv_link(text, EVENTS)) == {**query, "format": "csv"}
        assert dict(link_to(text, "/api/v1/statements/")) == {"speaker": "ilham-aliyev"}

    def test_an_unknown_person_is_a_404(self, client):
        page(client, "/people/nobody-at-all/", status=404)

    def test_a_nul_byte_in_the_id_is_a_404_not_a_500(self, client):
        page(client, "/people/gideon%00saar/", status=404)


class TestVisibility:
    @pytest.fixture
    def draft(self, db):
        event = f.cited(f.EventFactory(title="An unpublished meeting",
                                       curation_status=m.CurationStatus.DRAFT))
        f.ParticipantFactory(event=event, actor_country=None, role=m.ParticipantRole.GUEST,
                             actor_person=m.Person.objects.get(slug="jeyhun-bayramov"))
        return event

    def test_anonymous_sees_published_events_only(self, client, draft):
        assert draft.uid not in event_links(page(client, "/people/jeyhun-bayramov/"))

    def test_a_curator_sees_drafts(self, alice_client, draft):
        assert draft.uid in event_links(page(alice_client, "/people/jeyhun-bayramov/"))


class TestQueries:
    @pytest.mark.parametrize("slug", ["gideon-saar", "jeyhun-bayramov"])
    def test_queries_do_not_grow_with_the_events(self, client, slug, django_assert_num_queries):
        # the person (nationality joined), aliases, tenures (posts and countries joined);
        # the newest events' ids, how many in all; their rows, topics, participants,
        # citations, relations both ways, whom they are about (event_facts)
        with django_assert_num_queries(11):
            response = client.get(f"/people/{slug}/")
        assert response.status_code == 200
