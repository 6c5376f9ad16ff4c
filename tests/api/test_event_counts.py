"""events/counts/: how many events, how cooperative or hostile, per period and pair.

Anonymous readers count published events only; every events/ filter applies. A
breakdown by period partitions the events (its counts add up to the list's count),
and never places an event in a period finer than its own date's precision.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from diplomacy import models as m
from diplomacy.api import counts

from .helpers import API, SEED, D, assert_error, full_event, get

pytestmark = pytest.mark.django_db


@pytest.fixture
def codes(db) -> dict[str, m.CameoCode]:
    root = m.CameoCode.objects.create(code="04", name="Consult", goldstein=Decimal("1.0"))
    visit = m.CameoCode.objects.create(code="042", name="Make a visit", root=root,
                                       goldstein=Decimal("1.9"))
    attack = m.CameoCode.objects.create(code="18", name="Assault", goldstein=Decimal("-9.0"))
    return {"04": root, "042": visit, "18": attack}


@pytest.fixture
def timeline(countries, codes):
    aze, isr, irn = countries["AZE"], countries["ISR"], countries["IRN"]
    return {
        "jan_meeting": full_event(countries=[aze, isr], date=D(2026, 1, 26), cameo=codes["042"]),
        "jan_visit": full_event(countries=[isr, aze], kind=m.EventKind.VISIT,
                                date=D(2026, 1, 27), cameo=codes["04"]),
        "march": full_event(countries=[aze, irn], date=D(2026, 3, 2), cameo=codes["18"]),
        "month_precision": full_event(countries=[aze, isr], date=D(2026, 2, 1),
                                      date_precision=m.DatePrecision.MONTH),
        "year_precision": full_event(countries=[irn], date=D(2026, 1, 1),
                                     date_precision=m.DatePrecision.YEAR, cameo=codes["18"]),
        "draft": full_event(countries=[aze, isr], date=D(2026, 1, 26),
                            status=m.CurationStatus.DRAFT),
    }


def _rows(client, **params) -> list[dict]:
    return get(client, "events/counts/", params)["rows"]


def test_one_row_counts_everything_published(anon, timeline):
    # 1.9 (the meeting) + 1.0 (the visit) - 9.0 (March) - 9.0 (the year-precision attack)
    assert _rows(anon) == [{"count": 5, "intensity_count": 4, "intensity_sum": -15.1,
                            "intensity_mean": -3.775}]


def test_months_never_place_an_event_finer_than_its_precision(anon, timeline):
    rows = _rows(anon, by="month")
    assert [(r["period"], r["period_precision"], r["period_start"], r["count"])
            for r in rows] == [
        ("2026", "year", "2026-01-01", 1),       # a year-precision event stays in 2026
        ("2026-01", "month", "2026-01-01", 2),
        ("2026-02", "month", "2026-02-01", 1),
        ("2026-03", "month", "2026-03-01", 1),
    ]
    assert sum(r["count"] for r in rows) == get(anon, "events/")["count"]


@pytest.mark.parametrize(("by", "periods"), [
    ("year", {"2026"}),
    ("quarter", {"2026", "2026-Q1"}),
    ("week", {"2026", "2026-W05", "2026-02", "2026-W10"}),
    ("day", {"2026", "2026-01-26", "2026-01-27", "2026-02", "2026-03-02"}),
])
def test_every_period_adds_up_to_the_list(anon, timeline, by, periods):
    rows = _rows(anon, by=by)
    assert {r["period"] for r in rows} == periods
    assert sum(r["count"] for r in rows) == 5


def test_kind_and_intensity_per_kind(anon, timeline):
    rows = {r["kind"]: r for r in _rows(anon, by="kind")}
    assert rows["visit"] == {"kind": "visit", "count": 1, "intensity_count": 1,
                             "intensity_sum": 1.0, "intensity_mean": 1.0}
    assert rows["meeting"]["count"] == 4
    assert rows["meeting"]["intensity_sum"] == pytest.approx(1.9 - 9.0 - 9.0)


def test_dyads_and_countries_count_an_event_under_each(anon, timeline):
    dyads = {r["dyad"]: r["count"] for r in _rows(anon, by="dyad")}
    assert dyads == {None: 1, "AZE,IRN": 1, "AZE,ISR": 3}
    countries = {r["country"]: r["count"] for r in _rows(anon, by="country")}
    assert countries == {"AZE": 4, "IRN": 2, "ISR": 3}


def test_directed_dyads_follow_the_role_table_once_per_event(anon, timeline):
    # full_event: the first country hosts, the others are guests (guest → host).
    directed = {(r["source"], r["target"]): r["count"] for r in _rows(anon, by="directed_dyad")}
    assert directed[("ISR", "AZE")] == 2          # jan_meeting and month_precision
    assert directed[("AZE", "ISR")] == 1          # jan_visit (Israel hosts)
    assert directed[("IRN", "AZE")] == 1
    assert sum(directed.values()) >= 4


def test_cameo_root_and_filters_apply(anon, timeline):
    roots = {r["cameo_root"]: r["count"] for r in _rows(anon, by="cameo_root")}
    assert roots == {None: 1, "04": 2, "18": 2}
    assert _rows(anon, by="year", dyad="AZE,ISR")[0]["count"] == 3
    assert _rows(anon, by="year", cameo="04", intensity_min="1.5")[0]["count"] == 1


def test_curators_count_drafts(alice_client, timeline):
    assert _rows(alice_client)[0]["count"] == 6
    assert _rows(alice_client, status="draft")[0]["count"] == 1


def test_csv_has_one_column_per_key_and_metric(anon, timeline):
    response = anon.get(f"{API}/events/counts/", {"by": "month,dyad", "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert list(rows[0]) == ["period", "period_precision", "period_start", "dyad", "count",
                             "intensity_count", "intensity_sum", "intensity_mean"]
    assert response["X-Row-Count"] == str(len(rows))


@pytest.mark.parametrize(("by", "message"), [
    ("year,month", "one period"), ("decade", "Unknown"), ("kind,kind", "once"),
])
def test_bad_by_is_a_400_naming_it(anon, timeline, by, message):
    body = assert_error(anon.get(f"{API}/events/counts/", {"by": by}), "by")
    assert message in str(body)


def test_a_constant_number_of_queries(anon, timeline, django_assert_num_queries):
    # the whole breakdown is one grouped query (with the dyad filter's codes checked first)
    with django_assert_num_queries(2):
        anon.get(f"{API}/events/counts/", {"by": "month,dyad,kind", "dyad": "AZE,ISR"})


@pytest.mark.usefixtures("seed_data")
class TestSeedQuestions:
    def test_monthly_israel_to_azerbaijan_in_2026(self, anon):
        rows = _rows(anon, by="month,directed_dyad", date_from="2026-01-01",
                     date_to="2026-12-31")
        pairs = {(r["period"], r["source"], r["target"]): r["count"] for r in rows}
        assert pairs[("2026-01", "ISR", "AZE")] == 4
        assert SEED["visit_aze"]  # the visit is among them, counted once

    def test_counts_add_up_to_the_list_on_the_seed(self, anon):
        for by in ("year", "month", "week", "day", "month,kind"):
            assert sum(r["count"] for r in _rows(anon, by=by)) == 14


def test_a_breakdown_past_the_group_limit_is_refused_naming_by(anon, timeline, monkeypatch):
    params = {"by": "day,kind"}
    groups = len(anon.get(f"{API}/events/counts/", params).json()["rows"])
    assert groups > 2
    monkeypatch.setattr(counts, "MAX_GROUPS", groups)
    assert len(anon.get(f"{API}/events/counts/", params).json()["rows"]) == groups
    monkeypatch.setattr(counts, "MAX_GROUPS", groups - 1)
    for format in ("json", "csv"):
        response = anon.get(f"{API}/events/counts/", {**params, "format": format})
        assert response.status_code == 400
        assert f"more than {groups - 1:,} groups" in response.content.decode()
