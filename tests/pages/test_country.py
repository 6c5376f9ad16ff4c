"""``/countries/<ISO3>/``: a country's timeline chart (events per period by kind, and the
intensity per period) and its events, with the events/ filters and ``by``.

The chart's numbers are those ``events/counts/`` answers for the same query; a
year-precision event keeps its own year bar in a monthly chart. Anonymous readers
count published events only; alice (a curator) counts drafts as well.
"""

from __future__ import annotations

import datetime

import pytest

from diplomacy import models as m
from tests import factories as f

from .helpers import SEED, csv_link, event_links, json_script, link_to, page, writes_nothing

pytestmark = pytest.mark.usefixtures("seed_data")

COUNTS = "/api/v1/events/counts/"
EVENTS = "/api/v1/events/"


def chart_of(text: str) -> list[tuple[str, str, int]]:
    return [(row["label"], row["precision"], row["count"])
            for row in json_script(text, "timeline-data")["periods"]]


def api_rows(client, **params) -> list[tuple[str, str, int]]:
    rows = client.get(COUNTS, params).json()["rows"]
    return [(row["period"], row["period_precision"], row["count"]) for row in rows]


class TestSeed:
    def test_the_chart_counts_what_the_api_counts(self, client):
        text = page(client, "/countries/AZE/")
        assert chart_of(text) == api_rows(client, country="AZE", by="month") == [
            ("2023", "year", 1), ("2025", "year", 1), ("2026-01", "month", 8)]

    def test_each_period_by_kind_and_its_intensity(self, client):
        chart = json_script(page(client, "/countries/AZE/"), "timeline-data")
        kinds = [kind["kind"] for kind in chart["kinds"]]
        by_kind = {(row["period"], row["kind"]): row["count"] for row in client.get(
            COUNTS, {"country": "AZE", "by": "month,kind"}).json()["rows"]}
        for period in chart["periods"]:
            assert sum(period["counts"]) == period["count"]
            for kind, count in zip(kinds, period["counts"], strict=True):
                assert by_kind.get((period["label"], kind), 0) == count
        totals = {row["period"]: row for row in client.get(
            COUNTS, {"country": "AZE", "by": "month"}).json()["rows"]}
        for period in chart["periods"]:
            assert period["intensity_sum"] == pytest.approx(totals[period["label"]]
                                                            ["intensity_sum"])
            assert period["intensity_mean"] == pytest.approx(totals[period["label"]]
                                                             ["intensity_mean"])

    def test_the_table_beside_the_chart_holds_the_same_numbers(self, client):
        text = page(client, "/countries/AZE/")
        assert '<tr data-period="2023" data-precision="year" data-count="1">' in text
        assert '<tr data-period="2026-01" data-precision="month" data-count="8">' in text

    @pytest.mark.parametrize(("by", "expected"), [
        ("year", [("2023", "year", 1), ("2025", "year", 1), ("2026", "year", 8)]),
        ("quarter", [("2023", "year", 1), ("2025", "year", 1), ("2026-Q1", "quarter", 8)]),
    ])
    def test_the_period_is_selectable(self, client, by, expected):
        text = page(client, "/countries/AZE/", {"by": by})
        assert chart_of(text) == api_rows(client, country="AZE", by=by) == expected
        assert dict(link_to(text, COUNTS)) == {"country": "AZE", "by": f"{by},kind"}

    def test_lists_the_same_events_as_the_api(self, client):
        text = page(client, "/countries/AZE/")
        api = client.get(EVENTS, {"country": "AZE", "ordering": "-date"}).json()["results"]
        assert event_links(text) == [row["id"] for row in api]
        assert SEED["embassy_attack_iran"] in event_links(text)

    def test_filters_narrow_the_chart_and_the_list(self, client):
        text = page(client, "/countries/AZE/", {"kind": "incident"})
        assert chart_of(text) == [("2023", "year", 1), ("2026-01", "month", 1)]
        assert event_links(text) == [SEED["plot"], SEED["embassy_attack_iran"]]

    def test_links_to_the_api_and_csv(self, client):
        text = page(client, "/countries/AZE/", {"date_from": "2024-01-01"})
        counts = {"country": "AZE", "date_from": "2024-01-01", "by": "month,kind"}
        assert dict(link_to(text, COUNTS)) == counts
        assert dict(csv_link(text, COUNTS)) == {**counts, "format": "csv"}
        events = {"country": "AZE", "date_from": "2024-01-01", "ordering": "-date"}
        assert dict(link_to(text, EVENTS)) == events
        assert dict(csv_link(text, EVENTS)) == {**events, "format": "csv"}
        assert dict(link_to(text, "/api/v1/agreements/")) == {"party": "AZE"}
        assert 'href="/api/v1/countries/AZE/"' in text

    def test_lists_the_agreements_it_is_party_to(self, client):
        text = page(client, "/countries/ISR/")
        assert f'href="/agreements/{SEED["agreement"]}/"' in text

    def test_a_lower_case_code_redirects_keeping_the_query(self, client):
        response = client.get("/countries/aze/", {"by": "year"})
        assert response.status_code == 302
        assert response["Location"] == "/countries/AZE/?by=year"

    def test_an_unknown_country_is_a_404(self, client):
        page(client, "/countries/ZZZ/", status=404)

    @pytest.mark.parametrize(("params", "name"), [
        ({"by": "week"}, "by"), ({"by": "month,kind"}, "by"), ({"kind": "picnic"}, "kind"),
        ({"country": "ISR"}, "country"), ({"date_to": "yesterday"}, "date_to"),
    ])
    def test_bad_input_is_a_400_page_naming_it_and_writes_nothing(self, client, params, name):
        with writes_nothing():
            text = page(client, "/countries/AZE/", params, status=400)
        assert f"<code>{name}</code>" in text
        assert 'id="timeline-data"' not in text


class TestVisibility:
    @pytest.fixture
    def draft(self, db):
        event = f.EventFactory(title="A draft meeting", date=datetime.date(2026, 3, 2),
                               curation_status=m.CurationStatus.DRAFT)
        f.ParticipantFactory(event=event, actor_country=m.Country.objects.get(iso3="KAZ"))
        return event

    def test_anonymous_charts_published_events_only(self, client, draft):
        text = page(client, "/countries/KAZ/")
        assert chart_of(text) == [("2026-01", "month", 3)]
        assert draft.uid not in event_links(text)

    def test_a_curator_charts_drafts_as_in_the_api(self, alice_client, draft):
        text = page(alice_client, "/countries/KAZ/")
        assert chart_of(text) == [("2026-01", "month", 3), ("2026-03", "month", 1)]
        assert chart_of(text) == api_rows(alice_client, country="KAZ", by="month")
        assert draft.uid in event_links(text)


class TestQueries:
    @pytest.mark.parametrize("page_size", ["1", "50"])
    def test_queries_do_not_grow_with_the_page(self, client, page_size,
                                               django_assert_num_queries):
        # the country, its code checked by the filter, COUNT (capped), the page's ids, the
        # page's events, the counts by period and kind, the agreements it is party to
        with django_assert_num_queries(7):
            response = client.get("/countries/AZE/", {"page_size": page_size})
        assert response.status_code == 200
