"""A list's ``count`` read from the derived rows when only the timeline narrows it.

A dyad or a single country, with kind, status and dates, selects its events by one
derived row each (EventPair, EventCountry): the count is the same number read from
that table alone, without a join to the events (at a million events, 12 ms instead
of 50–90 ms). Any other filter narrows the events themselves, and they are counted.
"""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from diplomacy import models as m
from diplomacy import selectors
from diplomacy.api.pagination import KeysetPagination
from diplomacy.selectors.counts import PERIODS
from diplomacy.services import derived

from .helpers import API, get

pytestmark = pytest.mark.django_db

TIMELINE_ONLY = [
    {"dyad": "AZE,ISR"},
    {"dyad": "ISR,AZE", "kind": "meeting"},
    {"country": "IRN"},
    {"country": "IRN", "kind": "incident", "ordering": "-date"},
    {"country": "AZE", "date_from": "2024-01-01", "date_to": "2025-12-31"},
    {"dyad": "AZE,ISR", "ordering": "-intensity"},
]
NARROWED = [
    {"dyad": "AZE,ISR", "q": "oil"},
    {"country": "IRN", "topic": "security"},
    {"country": "AZE", "approximate": "false"},
    {"country": "IRN", "role": "target"},
    {"country": "AZE,ISR"},
    {"dyad": "AZE,ISR", "country": "IRN"},
]


def _counted(client, params: dict) -> tuple[dict, str]:
    """The first page and the SQL of its COUNT query."""
    with CaptureQueriesContext(connection) as captured:
        body = get(client, "events/", {"page_size": 2, **params})
    counts = [query["sql"] for query in captured.captured_queries
              if query["sql"].startswith("SELECT COUNT(*)")]
    assert len(counts) == 1
    return body, counts[0]


def _every_id(client, params: dict) -> list[str]:
    return [row["id"] for row in get(client, "events/", {"page_size": 500, **params})["results"]]


@pytest.mark.usefixtures("seed_data")
class TestCountFromDerivedRows:
    @pytest.mark.parametrize("params", TIMELINE_ONLY)
    def test_the_timeline_alone_is_counted_on_its_derived_rows(self, anon, params):
        body, sql = _counted(anon, params)
        assert body["count"] == len(_every_id(anon, params)) > 0
        assert body["count_exact"] is True
        table = "diplomacy_eventpair" if "dyad" in params else "diplomacy_eventcountry"
        assert f'FROM "{table}"' in sql
        assert '"diplomacy_event"' not in sql

    @pytest.mark.parametrize("params", NARROWED)
    def test_other_filters_count_the_events(self, anon, params):
        body, sql = _counted(anon, params)
        assert body["count"] == len(_every_id(anon, params))
        assert 'FROM "diplomacy_event"' in sql

    def test_drafts_count_for_a_curator_and_not_for_the_public(self, anon, alice_client):
        public = get(anon, "events/", {"country": "AZE"})["count"]
        curated = get(alice_client, "events/", {"country": "AZE"})["count"]
        assert curated == len(_every_id(alice_client, {"country": "AZE"})) >= public

    def test_an_export_announces_the_rows_it_holds(self, anon):
        response = anon.get(f"{API}/events/", {"dyad": "AZE,ISR", "format": "csv"})
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
        assert int(response["X-Row-Count"]) == len(rows) - 1 > 0


@pytest.mark.usefixtures("seed_data")
class TestCountsFromDerivedRows:
    """events/counts/ of a plain timeline reads a dyad's or a country's derived rows, with
    the events' precision and intensity copied onto them, or groups every event
    directly: the same rows as counting the filtered events."""

    TIMELINES = [{"countries": ("AZE",)}, {"dyad": ("ISR", "AZE")},
                 {"countries": ("IRN",), "kinds": ("incident",)},
                 {"dyad": ("AZE", "ISR"), "date_from": datetime.date(2024, 1, 1)},
                 {}, {"kinds": ("meeting", "statement")},
                 {"date_from": datetime.date(2025, 6, 1), "date_to": datetime.date(2026, 1, 31)}]
    BREAKDOWNS = [[], ["kind"], ["country"], ["dyad"], ["directed_dyad"], ["kind", "dyad"],
                  ["country", "kind"], ["verification"], ["dyad", "country"]]

    @staticmethod
    def _both(timeline: selectors.Timeline, period: str | None, dimensions: list[str]):
        events = selectors.events_timeline(
            selectors.visible_events(statuses=list(timeline.statuses)), timeline=timeline)
        return (selectors.event_counts(events, period=period, dimensions=dimensions),
                selectors.event_counts(events, period=period, dimensions=dimensions,
                                       timeline=timeline))

    @pytest.mark.parametrize("period", [None, *PERIODS])
    @pytest.mark.parametrize("narrowing", TIMELINES)
    def test_the_same_rows_as_counting_the_events(self, period, narrowing):
        timeline = selectors.Timeline(statuses=("published",), **narrowing)
        for dimensions in self.BREAKDOWNS:
            from_events, from_rows = self._both(timeline, period, dimensions)
            assert from_rows == from_events, dimensions
            assert from_events, dimensions

    def test_a_changed_intensity_reaches_the_derived_rows(self):
        code = m.Event.objects.filter(curation_status="published").exclude(
            cameo=None).values_list("cameo_id", flat=True).first()
        m.CameoCode.objects.filter(pk=code).update(goldstein=Decimal("-7.5"))
        derived.intensities_refresh(codes=[code])
        timeline = selectors.Timeline(statuses=("published",), countries=("AZE",))
        from_events, from_rows = self._both(timeline, "year", ["kind"])
        assert from_rows == from_events

    @pytest.mark.parametrize("by", ["year", "month,kind", "year,country", "quarter,dyad"])
    def test_every_events_counts_are_grouped_without_reselecting_them(self, anon, by):
        with CaptureQueriesContext(connection) as captured:
            body = get(anon, "events/counts/", {"by": by, "date_from": "2024-01-01"})
        grouped = [query["sql"] for query in captured.captured_queries
                   if "GROUP BY" in query["sql"]]
        assert len(grouped) == 1
        assert "IN (SELECT" not in grouped[0]
        assert body["rows"]

    def test_the_api_reads_the_derived_rows_alone(self, anon):
        with CaptureQueriesContext(connection) as captured:
            body = get(anon, "events/counts/", {"by": "month,kind", "dyad": "AZE,ISR"})
        grouped = [query["sql"] for query in captured.captured_queries
                   if "GROUP BY" in query["sql"]]
        assert len(grouped) == 1
        assert 'FROM "diplomacy_eventpair"' in grouped[0]
        assert '"diplomacy_event"' not in grouped[0]
        assert sum(row["count"] for row in body["rows"]) == get(
            anon, "events/", {"dyad": "AZE,ISR"})["count"]


@pytest.mark.usefixtures("seed_data")
class TestCountCaps:
    """Past its cap a count is PostgreSQL's estimate, flagged; SQLite counts exactly."""

    @pytest.mark.parametrize(("params", "cap"), [({"country": "AZE"}, "COUNT_CAP"),
                                                 ({"country": "AZE", "q": "azerbaijan"},
                                                  "JOINED_COUNT_CAP")])
    def test_a_count_past_its_cap(self, anon, monkeypatch, params, cap):
        exact = len(_every_id(anon, params))
        assert exact > 2
        monkeypatch.setattr(KeysetPagination, cap, 2)
        body = get(anon, "events/", params)
        if connection.vendor == "postgresql":
            assert body["count_exact"] is False
            assert body["count"] >= 3  # at least what was counted before the estimate
        else:
            assert (body["count"], body["count_exact"]) == (exact, True)
