"""``/dyads/<A>-<B>/``: the timeline of a pair of countries (events with participants
counted under both), its events and the agreements binding both. One address per pair:
the codes in alphabetical order, upper case.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .helpers import SEED, csv_link, event_links, json_script, link_to, page, writes_nothing

pytestmark = pytest.mark.usefixtures("seed_data")

COUNTS = "/api/v1/events/counts/"
EVENTS = "/api/v1/events/"


class TestSeed:
    def test_the_chart_counts_what_the_api_counts(self, client):
        chart = json_script(page(client, "/dyads/AZE-ISR/"), "timeline-data")
        api = client.get(COUNTS, {"dyad": "AZE,ISR", "by": "month"}).json()["rows"]
        assert [(p["label"], p["count"]) for p in chart["periods"]] == [
            (row["period"], row["count"]) for row in api] == [("2026-01", 8)]
        assert chart["periods"][0]["intensity_mean"] == pytest.approx(
            api[0]["intensity_mean"])
        by_kind = {row["kind"]: row["count"] for row in client.get(
            COUNTS, {"dyad": "AZE,ISR", "by": "month,kind"}).json()["rows"]}
        assert dict(zip([k["kind"] for k in chart["kinds"]], chart["periods"][0]["counts"],
                        strict=True)) == by_kind == {
            "meeting": 1, "visit": 1, "press_conference": 1, "statement": 4, "incident": 1}

    def test_lists_the_same_events_as_the_api(self, client):
        text = page(client, "/dyads/AZE-ISR/")
        api = client.get(EVENTS, {"dyad": "AZE,ISR", "ordering": "-date"}).json()["results"]
        assert event_links(text) == [row["id"] for row in api]
        assert SEED["plot"] in event_links(text)
        assert SEED["visit_kaz"] not in event_links(text)

    def test_shows_the_agreements_binding_both(self, client):
        text = page(client, "/dyads/AZE-ISR/")
        assert f'href="/agreements/{SEED["agreement"]}/"' in text
        assert f'href="/agreements/{SEED["agreement"]}/"' not in page(client, "/dyads/IRN-ISR/")

    def test_links_to_the_api_and_csv(self, client):
        text = page(client, "/dyads/AZE-ISR/", {"by": "year", "kind": "statement"})
        counts = {"dyad": "AZE,ISR", "kind": "statement", "by": "year,kind"}
        assert dict(link_to(text, COUNTS)) == counts
        assert dict(csv_link(text, COUNTS)) == {**counts, "format": "csv"}
        events = {"dyad": "AZE,ISR", "kind": "statement", "ordering": "-date"}
        assert dict(link_to(text, EVENTS)) == events
        assert dict(csv_link(text, EVENTS)) == {**events, "format": "csv"}
        assert link_to(text, "/api/v1/agreements/") == [("party", "AZE"), ("party", "ISR")]
        assert dict(link_to(text, "/network/")) == {"dyad": "AZE,ISR", "kind": "statement"}

    @pytest.mark.parametrize(("path", "location"), [
        ("/dyads/ISR-AZE/", "/dyads/AZE-ISR/"),
        ("/dyads/aze-isr/", "/dyads/AZE-ISR/"),
        ("/dyads/isr-AZE/?by=year", "/dyads/AZE-ISR/?by=year"),
    ])
    def test_one_address_per_pair(self, client, path, location):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"] == location

    @pytest.mark.parametrize("path", ["/dyads/AZE-AZE/", "/dyads/AZE-ZZZ/", "/dyads/AZE/",
                                      "/dyads/AZE-ISR-IRN/"])
    def test_not_a_pair_of_countries_is_a_404(self, client, path):
        page(client, path, status=404)

    @pytest.mark.parametrize(("params", "name"), [
        ({"dyad": "AZE,IRN"}, "dyad"), ({"by": "decade"}, "by"), ({"cursor": "x"}, "cursor"),
        ({"intensity_min": "11"}, "intensity_min"),
    ])
    def test_bad_input_is_a_400_page_naming_it_and_writes_nothing(self, client, params, name):
        with writes_nothing():
            text = page(client, "/dyads/AZE-ISR/", params, status=400)
        assert f"<code>{name}</code>" in text


class TestQueries:
    @pytest.mark.parametrize("page_size", ["1", "50"])
    def test_queries_do_not_grow_with_the_page(self, client, page_size,
                                               django_assert_num_queries):
        # both countries' names, the dyad checked by the filter, COUNT (capped), the page's
        # ids, the page's events, the counts by period and kind, the agreements binding both
        with django_assert_num_queries(7):
            response = client.get("/dyads/AZE-ISR/", {"page_size": page_size})
        assert response.status_code == 200

    def test_the_count_and_the_chart_read_the_dyads_rows_alone(self, client):
        # As the API does for a list narrowed only by its timeline (test_timeline_count).
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/dyads/AZE-ISR/")
        assert response.status_code == 200
        reading = [query["sql"] for query in captured.captured_queries
                   if query["sql"].startswith("SELECT COUNT(*)") or "GROUP BY" in query["sql"]]
        assert len(reading) == 2
        for sql in reading:
            assert 'FROM "diplomacy_eventpair"' in sql
            assert '"diplomacy_event"' not in sql
