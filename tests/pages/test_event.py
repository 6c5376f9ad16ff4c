"""``/events/<id>/``: one event, readable: its date at its precision, participants,
statement, related events, codes and citations with the quoted passages, and a link to
its JSON. A draft is a 404 to anyone but a curator, as in the API.
"""

from __future__ import annotations

import pytest

from diplomacy import models as m
from tests import factories as f

from .helpers import SEED, page

pytestmark = pytest.mark.usefixtures("seed_data")


class TestSeed:
    def test_the_foiled_plot_with_its_citations_and_quotes(self, client):
        text = page(client, f"/events/{SEED['plot']}/")
        assert "Azerbaijan&#x27;s DTX says it foiled" in text
        assert f'href="/api/v1/events/{SEED["plot"]}/"' in text
        for citation in m.Citation.objects.filter(event__uid=SEED["plot"]).select_related(
                "source", "source__publisher"):
            assert citation.source.title.replace("'", "&#x27;") in text
            assert f"<blockquote>{citation.quote}</blockquote>".replace(
                "'", "&#x27;") in text
            if citation.source.publisher:
                assert citation.source.publisher.name in text
        assert ">2026-01-27</time>" in text  # the Ynet report's publication date

    def test_participants_link_to_their_pages(self, client):
        text = page(client, f"/events/{SEED['plot']}/")
        assert 'href="/organizations/dtx/"' in text
        assert 'href="/organizations/islamic-state-khorasan/"' in text
        assert "three Azerbaijani nationals" in text  # named by the sources only
        assert 'href="/countries/AZE/"' in text

    def test_relations_with_their_certainty_and_note(self, client):
        text = page(client, f"/events/{SEED['plot']}/")
        assert f'href="/events/{SEED["visit_aze"]}/"' in text
        assert "coincided with" in text
        assert "certainty: unclear" in text
        assert "unclear whether the plot was connected to the visit" in text

    def test_a_statement_shows_its_words_speaker_and_occasion(self, client):
        text = page(client, f"/events/{SEED['iran_statement']}/")
        assert "There is a massacre of unimaginable proportions taking place in Iran" in text
        assert 'href="/people/gideon-saar/"' in text
        assert "Minister of Foreign Affairs" in text
        assert f'href="/events/{SEED["press_conference"]}/"' in text  # made at

    def test_the_occasion_lists_the_statements_made_there(self, client):
        text = page(client, f"/events/{SEED['press_conference']}/")
        assert f'href="/events/{SEED["iran_statement"]}/"' in text

    @pytest.mark.parametrize(("event", "label"), [
        ("crocus", ">2024</time>"), ("rabbinical_cancellation", ">~2025</time>"),
        ("visit_kaz", ">2026-01-27</time>"),
    ])
    def test_the_date_at_its_precision(self, client, event, label):
        assert label in page(client, f"/events/{SEED[event]}/")

    def test_an_unknown_event_is_a_404(self, client):
        page(client, "/events/ev-00000000/", status=404)

    def test_a_nul_byte_in_the_id_is_a_404_not_a_500(self, client):
        page(client, "/events/ev-%00/", status=404)


class TestVisibility:
    @pytest.fixture
    def draft(self, db):
        return f.cited(f.EventFactory(title="Draft meeting",
                                      curation_status=m.CurationStatus.DRAFT))

    def test_a_draft_is_a_404_to_anonymous_and_readers(self, client, carol_client, draft):
        page(client, f"/events/{draft.uid}/", status=404)
        page(carol_client, f"/events/{draft.uid}/", status=404)

    def test_a_curator_sees_it_marked_as_a_draft(self, alice_client, draft):
        text = page(alice_client, f"/events/{draft.uid}/")
        assert '<span class="badge">draft</span>' in text
        assert "the supporting passage" in text

    def test_a_draft_relation_is_not_shown_to_anonymous(self, client, draft):
        m.EventRelation.objects.create(from_event=draft,
                                       to_event=m.Event.objects.get(uid=SEED["visit_aze"]),
                                       kind=m.RelationKind.FOLLOWS)
        assert draft.uid not in page(client, f"/events/{SEED['visit_aze']}/")

    def test_a_retracted_event_shows_its_reason_to_curators(self, client, alice_client):
        event = f.cited(f.EventFactory(curation_status=m.CurationStatus.RETRACTED,
                                       retraction_reason="Duplicate of another record"))
        page(client, f"/events/{event.uid}/", status=404)
        assert "Duplicate of another record" in page(alice_client, f"/events/{event.uid}/")


class TestQueries:
    @pytest.mark.parametrize("event", ["plot", "iran_statement", "crocus"])
    def test_a_constant_number_of_queries(self, client, event, django_assert_num_queries):
        # the event's key; its rows, topics, participants, citations, relations both ways,
        # whom it is about (event_facts); the events it relates to and the statements made
        # at it; the countries' names
        with django_assert_num_queries(9):
            response = client.get(f"/events/{SEED[event]}/")
        assert response.status_code == 200
