"""``/agreements/<id>/``: an agreement with its parties, flows (from → to, what, via),
dates at their precision, citations with the quoted passages, its signing events, and a
link to its JSON. A draft is a 404 to anyone but a curator.
"""

from __future__ import annotations

import datetime

import pytest

from diplomacy import models as m
from tests import factories as f

from .helpers import SEED, link_to, page

pytestmark = pytest.mark.usefixtures("seed_data")


class TestSeed:
    def test_the_energy_for_arms_agreement(self, client):
        text = page(client, f"/agreements/{SEED['agreement']}/")
        assert "Azerbaijan–Israel energy-for-arms relationship" in text
        assert f'href="/api/v1/agreements/{SEED["agreement"]}/"' in text
        assert 'href="/organizations/socar/"' in text
        assert "implementing organisation" in text
        assert "<b>energy</b>: <a href=\"/countries/AZE/\">Azerbaijan</a>" in text
        assert "<b>arms</b>: <a href=\"/countries/ISR/\">Israel</a>" in text
        assert "modern weapons" in text
        assert "start unknown – open" in text
        assert dict(link_to(text, "/network/")) == {"dyad": "AZE,ISR"}

    def test_its_citation_and_the_quoted_passage(self, client):
        text = page(client, f"/agreements/{SEED['agreement']}/")
        citation = m.Citation.objects.select_related("source").get(
            agreement__uid=SEED["agreement"])
        assert citation.source.title.replace("'", "&#x27;") in text
        assert f"<blockquote>{citation.quote}</blockquote>" in text

    def test_an_unknown_agreement_is_a_404(self, client):
        page(client, "/agreements/ag-00000000/", status=404)

    def test_a_nul_byte_in_the_id_is_a_404_not_a_500(self, client):
        page(client, "/agreements/ag-%00/", status=404)


class TestDraftsAndDates:
    @pytest.fixture
    def draft(self, db):
        aze, kaz = (m.Country.objects.get(iso3=code) for code in ("AZE", "KAZ"))
        return f.cited(f.AgreementFactory(
            title="Draft transit accord", first_party=aze, second_party=kaz,
            curation_status=m.CurationStatus.DRAFT, start_date=datetime.date(2024, 3, 1),
            start_precision=m.DatePrecision.MONTH))

    def test_a_draft_is_a_404_to_anonymous(self, client, draft):
        page(client, f"/agreements/{draft.uid}/", status=404)

    def test_a_curator_sees_it_with_its_dates_at_their_precision(self, alice_client, draft):
        text = page(alice_client, f"/agreements/{draft.uid}/")
        assert '<span class="badge">draft</span>' in text
        assert "2024-03 – open" in text

    def test_its_signing_events(self, client):
        agreement = m.Agreement.objects.get(uid=SEED["agreement"])
        signing = f.cited(f.EventFactory(kind=m.EventKind.AGREEMENT, agreement=agreement,
                                         title="Energy deal announced"))
        text = page(client, f"/agreements/{agreement.uid}/")
        assert f'href="/events/{signing.uid}/"' in text


class TestQueries:
    def test_a_constant_number_of_queries(self, client, django_assert_num_queries):
        agreement = m.Agreement.objects.get(uid=SEED["agreement"])
        for n in range(3):
            f.cited(f.EventFactory(kind=m.EventKind.AGREEMENT, agreement=agreement,
                                   title=f"Signing {n}"))
        # the agreement (both parties joined), topics, further parties (countries and
        # organisations joined), exchanges (ends and via joined), citations (sources and
        # publishers joined); its events' ids, how many, their rows
        with django_assert_num_queries(8):
            response = client.get(f"/agreements/{agreement.uid}/")
        assert response.status_code == 200
