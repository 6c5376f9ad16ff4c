# ruff: noqa: S608  (the SQL is fixed text; values travel as parameters)
"""The representative requests, each beside the best hand-written SQL for its rows.

Requests go through Django's test client in this process (no HTTP or gunicorn in the
way), so the figures are the API's own cost over the query; the concurrency figure in
``processes`` is the one measured against a real gunicorn. Parameters are chosen from
the data (the busiest dyad and country, a populated year), so the same set is
meaningful at 2,000 events and at a million.
"""

from __future__ import annotations

import base64
import datetime
import json
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext

from diplomacy.models import Change, EventCountry, EventPair

PUBLISHED = "published"
# The page the deep-page figure asks for: 2,000 pages of 50 in (or the middle of a
# smaller list), reached with a cursor built from the row before it.
DEEP_PAGES = 2000


@dataclass
class Probe:
    name: str
    path: str
    params: dict
    sql: str = ""
    sql_params: list = field(default_factory=list)
    api: list[float] = field(default_factory=list)
    raw: list[float] = field(default_factory=list)
    # The API's own queries replayed as SQL: the database's share of the API's time.
    own: list[float] = field(default_factory=list)
    queries: int = 0
    captured: list[str] = field(default_factory=list)
    # What --explain shows: the list's own queries (its count, its page of ids, or its
    # one GROUP BY) and the slowest of the rest, each once.
    explained: list[str] = field(default_factory=list)
    same_rows: bool | None = None
    api_ids: Callable[[dict], list] | None = None
    # Counts: the column of the hand-written SQL's rows that holds a group's count.
    count_column: int = 0


def choose(*, text_word: str) -> list[Probe]:
    """The request set, with parameters drawn from the database."""
    a, b = (EventPair.objects.filter(curation_status=PUBLISHED, kind="meeting")
            .values_list("first_id", "second_id").annotate(n=Count("id")).order_by("-n")[0][:2])
    year = (EventPair.objects.filter(first_id=a, second_id=b, curation_status=PUBLISHED,
                                     kind="meeting").order_by("-date").values_list(
        "date", flat=True)[0]).year
    country, rows = (EventCountry.objects.filter(curation_status=PUBLISHED)
                     .values_list("country_id").annotate(n=Count("id")).order_by("-n")[0])
    deep = min(DEEP_PAGES * 50, max(rows // 2, 1))
    before = (EventCountry.objects.filter(country_id=country, curation_status=PUBLISHED)
              .order_by("date", "uid").values_list("date", "uid")[deep - 1])
    cursor = base64.urlsafe_b64encode(json.dumps(
        {"d": "n", "k": [before[0].isoformat(), before[1]]}, separators=(",", ":")).encode()
    ).decode().rstrip("=")
    since = Change.objects.order_by("at").values_list("at", flat=True).first()
    since = since - datetime.timedelta(seconds=1) if since else datetime.datetime(
        2000, 1, 1, tzinfo=datetime.UTC)
    day = datetime.date(2015, 6, 1)
    pair = "SELECT e.uid FROM diplomacy_eventpair p JOIN diplomacy_event e ON e.id = p.event_id "
    by_country = ("SELECT e.uid FROM diplomacy_eventcountry c JOIN diplomacy_event e "
                  "ON e.id = c.event_id WHERE c.country_id = %s AND c.curation_status = %s ")
    takes_part = ("(a.first_party_id = %s OR a.second_party_id = %s OR EXISTS (SELECT 1 FROM "
                  "diplomacy_agreementparty x WHERE x.agreement_id = a.id AND x.country_id = %s))")
    return [
        Probe("dyad+kind+range", "events/", {
            "dyad": f"{a},{b}", "kind": "meeting", "date_from": f"{year}-01-01",
            "date_to": f"{year}-12-31", "page_size": 50},
            pair + "WHERE p.first_id = %s AND p.second_id = %s AND p.curation_status = %s "
            "AND p.kind = %s AND p.span_end >= %s AND p.date <= %s "
            "ORDER BY p.date, p.uid LIMIT 50",
            [a, b, PUBLISHED, "meeting", datetime.date(year, 1, 1),
             datetime.date(year, 12, 31)]),
        Probe("country first page", "events/", {"country": country, "page_size": 50},
              by_country + "ORDER BY c.date, c.uid LIMIT 50", [country, PUBLISHED]),
        Probe(f"country deep page (row {deep + 1:,})", "events/",
              {"country": country, "page_size": 50, "cursor": cursor},
              by_country + "AND (c.date, c.uid) > (%s, %s) ORDER BY c.date, c.uid LIMIT 50",
              [country, PUBLISHED, before[0], before[1]]),
        Probe("agreements in force, two parties", "agreements/",
              {"in_force_on": day.isoformat(), "party": [a, b], "page_size": 50},
              "SELECT a.uid FROM diplomacy_agreement a WHERE a.curation_status = %s AND "
              f"{takes_part} AND {takes_part} AND a.status IN ('in_force', 'suspended', "
              "'terminated') AND (a.start_date IS NULL OR a.start_date <= %s) AND "
              "(a.end_date IS NULL OR a.end_date >= %s OR (a.end_precision = 'month' AND "
              "a.end_date >= %s) OR (a.end_precision = 'year' AND a.end_date >= %s)) "
              "ORDER BY a.uid LIMIT 50",
              [PUBLISHED, a, a, a, b, b, b, day, day, day.replace(day=1),
               day.replace(month=1, day=1)]),
        Probe("changes since", "changes/", {"since": since.isoformat(), "page_size": 50},
              "SELECT record_id FROM diplomacy_change WHERE at > %s ORDER BY at, id LIMIT 50",
              [since]),
        Probe(f"full text q={text_word}", "events/", {"q": text_word, "page_size": 50},
              "SELECT e.uid FROM diplomacy_eventtext t JOIN diplomacy_event e "
              "ON e.id = t.event_id WHERE t.document LIKE %s AND e.curation_status = %s "
              "ORDER BY e.date, e.uid LIMIT 50", [f"% {text_word}%", PUBLISHED]),
        Probe("counts by month,kind of a dyad", "events/counts/",
              {"by": "month,kind", "dyad": f"{a},{b}"}, _dyad_months_sql(),
              [a, b, PUBLISHED], count_column=2),
        Probe("counts by year,country (all events)", "events/counts/",
              {"by": "year,country"},
              f"SELECT c.country_id, {_truncated('year', 'c.date')}, count(*), "
              "sum(c.intensity) FROM diplomacy_eventcountry c WHERE c.curation_status = %s "
              "GROUP BY 1, 2", [PUBLISHED], count_column=2),
    ]


def _truncated(period: str, column: str) -> str:
    if connection.vendor == "postgresql":
        return f"date_trunc('{period}', {column})"
    return f"substr({column}, 1, {4 if period == 'year' else 7})"


def _dyad_months_sql() -> str:
    """A dyad's events per month and kind (year-precision events in their year), from
    its derived rows, intensity summed: what a dyad page's chart shows."""
    return (f"SELECT CASE WHEN p.date_precision = 'year' THEN {_truncated('year', 'p.date')} "
            f"ELSE {_truncated('month', 'p.date')} END, p.kind, count(*), sum(p.intensity) "
            "FROM diplomacy_eventpair p WHERE p.first_id = %s AND p.second_id = %s "
            "AND p.curation_status = %s GROUP BY 1, 2")


def measure(probe: Probe, client: Client, *, repeat: int) -> None:
    url = f"/api/v1/{probe.path}"
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, probe.params)
    if response.status_code != 200:
        raise RuntimeError(f"{probe.name}: {response.status_code} {response.content[:300]!r}")
    probe.queries = len(captured.captured_queries)
    probe.captured = [query["sql"] for query in captured.captured_queries
                      if not query["sql"].startswith(("SAVEPOINT", "RELEASE"))]
    # Now: the next request's request_started signal empties the query log.
    probe.explained = _explained(probe.captured, captured.captured_queries)
    body = response.json()
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url, probe.params)
        probe.api.append(time.perf_counter() - started)
    with connection.cursor() as cursor:
        for _ in range(repeat):
            started = time.perf_counter()
            cursor.execute(probe.sql, probe.sql_params)
            raw = cursor.fetchall()
            probe.raw.append(time.perf_counter() - started)
        for _ in range(repeat):
            started = time.perf_counter()
            for sql in probe.captured:
                # Captured with its parameters inlined: replayed as plain text
                # (no parameters, so no placeholder is interpreted).
                cursor.execute(sql)
                cursor.fetchall()
            probe.own.append(time.perf_counter() - started)
    if "rows" in body:  # counts: the same events counted (the sum over every group)
        probe.same_rows = sum(row["count"] for row in body["rows"]) == sum(
            row[probe.count_column] for row in raw)
    else:
        probe.same_rows = [row["id"] for row in body["results"]] == [row[0] for row in raw]


def _explained(sql: list[str], queries: list[dict]) -> list[str]:
    """The list's own queries (COUNT, the page's keys, a GROUP BY), then the slowest."""
    own = [text for text in sql if text.startswith("SELECT COUNT(*)")
           or '"sort_key"' in text or "GROUP BY" in text]
    timed = [q for q in queries if q["sql"] in sql]
    if timed:
        slowest = max(timed, key=lambda q: float(q.get("time") or 0))["sql"]
        if slowest not in own:
            own.append(slowest)
    return own


def p50(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def p95(values: list[float]) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=20)[-1]
