"""events/?ordering= by intensity and by last change, as pages, cursors and CSV.

Eleven published events: intensities with ties (-9.0 twice, 3.4 three times) and three
events with no CAMEO code (no intensity), which come last in both directions. Ties
are broken by id in the ordering's direction. Run on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import base64
import csv
import datetime
import io
import json
from decimal import Decimal

import pytest
from django.core import serializers
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from diplomacy import models as m
from diplomacy.services import derived
from tests import factories as f
from tests.helpers import built_for_module

from .helpers import API, D, assert_error, edit, get, ids

pytestmark = pytest.mark.django_db

INTENSITIES = ["-9.0", "3.4", None, "-9.0", "1.0", "3.4", None, "0.0", "3.4", "-2.0", None]
ORDERINGS = ("date", "-date", "intensity", "-intensity", "updated", "-updated")
PAIR = ("QOA", "QOB")


@pytest.fixture(scope="module")
def _events_for_module(django_db_setup, django_db_blocker):
    with built_for_module(django_db_blocker, _build):
        yield


@pytest.fixture
def events(_events_for_module, db):
    """The events below, oldest change first, visible to each test in its savepoint."""


def _build() -> None:
    codes = {}
    for value in sorted({v for v in INTENSITIES if v is not None}):
        code = f"9{len(codes):02d}"
        codes[value] = m.CameoCode.objects.create(code=code, name=f"Code {value}",
                                                  goldstein=Decimal(value))
    start = timezone.now() - datetime.timedelta(days=30)
    # Every event between the same two countries, so a country's and a dyad's lists hold
    # them all (and are ordered on their derived rows' copies).
    pair = [f.CountryFactory(iso3=iso3, iso2=iso3[1:]) for iso3 in PAIR]
    for n, value in enumerate(INTENSITIES):
        event = f.EventFactory(uid=f"ev-order{n:03d}", date=D(2026, 1, 1 + n % 4),
                               cameo=codes.get(value))
        for country in pair:
            f.ParticipantFactory(event=event, actor_country=country)
        # Distinct, known moments of last change (the save stamped "now").
        m.Event.objects.filter(pk=event.pk).update(
            updated_at=start + datetime.timedelta(hours=(n * 7) % len(INTENSITIES)))


def _expected(ordering: str) -> list[str]:
    rows = list(m.Event.objects.values("uid", "date", "updated_at", "cameo__goldstein"))
    name, descending = ordering.lstrip("-"), ordering.startswith("-")
    if name == "intensity":
        known = [r for r in rows if r["cameo__goldstein"] is not None]
        unknown = [r for r in rows if r["cameo__goldstein"] is None]
        known.sort(key=lambda r: (r["cameo__goldstein"], r["uid"]), reverse=descending)
        unknown.sort(key=lambda r: r["uid"], reverse=descending)
        return [r["uid"] for r in known + unknown]
    column = {"date": "date", "updated": "updated_at"}[name]
    rows.sort(key=lambda r: (r[column], r["uid"]), reverse=descending)
    return [r["uid"] for r in rows]


def _walk(client, path: str, params: dict) -> list[str]:
    """Every id reached by following next from the first page."""
    body = get(client, path, params)
    seen = ids(body)
    while body["next"]:
        response = client.get(body["next"])
        assert response.status_code == 200, response.content[:500]
        body = response.json()
        seen += ids(body)
    return seen


@pytest.mark.parametrize("ordering", ORDERINGS)
def test_one_page_is_in_the_ordering(anon, events, ordering):
    body = get(anon, "events/", {"ordering": ordering, "page_size": 100})
    assert ids(body) == _expected(ordering)


def test_no_intensity_comes_last_both_ways(anon, events):
    for ordering in ("intensity", "-intensity"):
        rows = get(anon, "events/", {"ordering": ordering, "page_size": 100})["results"]
        shown = [row["codes"]["intensity"] for row in rows]
        assert shown[-3:] == [None, None, None]
        assert None not in shown[:-3]
    lowest = get(anon, "events/", {"ordering": "intensity", "page_size": 2})
    assert [row["codes"]["intensity"] for row in lowest["results"]] == [-9.0, -9.0]


@pytest.mark.parametrize("page_size", [1, 2, 3, 4])
@pytest.mark.parametrize("ordering", ORDERINGS)
def test_cursor_pages_give_every_row_exactly_once(anon, events, ordering, page_size):
    seen = _walk(anon, "events/", {"ordering": ordering, "page_size": page_size})
    assert seen == _expected(ordering)


@pytest.mark.parametrize("ordering", ["intensity", "-intensity", "updated", "-updated"])
def test_previous_goes_back_to_the_same_rows(anon, events, ordering):
    first = get(anon, "events/", {"ordering": ordering, "page_size": 4})
    second = anon.get(first["next"]).json()
    back = anon.get(second["previous"]).json()
    assert ids(back) == ids(first)


@pytest.mark.parametrize("page_size", [3, 100])
@pytest.mark.parametrize("narrowing", [{"country": "QOA"}, {"dyad": "QOB,QOA"}])
@pytest.mark.parametrize("ordering", ORDERINGS)
def test_a_country_or_a_dyad_takes_every_ordering(anon, events, ordering, narrowing, page_size):
    assert _walk(anon, "events/", {"ordering": ordering, "page_size": page_size,
                                   **narrowing}) == _expected(ordering)


@pytest.mark.parametrize("ordering", ["intensity", "-intensity"])
def test_within_a_country_intensity_is_read_from_its_derived_rows(anon, events, ordering):
    # What event_country_intensity_up_idx / _dn_idx serve (no sort of every match).
    with CaptureQueriesContext(connection) as captured:
        get(anon, "events/", {"ordering": ordering, "country": "QOA"})
    page = [query["sql"] for query in captured.captured_queries
            if '"sort_key"' in query["sql"]]
    assert len(page) == 1
    assert 'COALESCE("diplomacy_eventcountry"."intensity"' in page[0]


@pytest.mark.parametrize("ordering", ["intensity", "-intensity", "-updated"])
def test_kind_endpoints_and_a_country_take_the_orderings(anon, events, ordering):
    assert ids(get(anon, "meetings/", {"ordering": ordering, "page_size": 100})) \
        == _expected(ordering)
    assert get(anon, "incidents/", {"ordering": ordering})["count"] == 0


@pytest.mark.parametrize("ordering", ["intensity", "-intensity", "-updated"])
def test_csv_export_uses_the_same_ordering(anon, events, ordering):
    response = anon.get(f"{API}/events/", {"ordering": ordering, "format": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    assert [row["id"] for row in csv.DictReader(io.StringIO(text))] == _expected(ordering)


@pytest.mark.parametrize("ordering", ["intensity", "-intensity", "updated", "-updated"])
def test_query_count_does_not_grow_with_the_page(anon, events, ordering):
    counts = []
    for page_size in (1, 5, 11):
        with CaptureQueriesContext(connection) as queries:
            get(anon, "events/", {"ordering": ordering, "page_size": page_size})
        counts.append(len(queries))
    assert counts[0] == counts[1] == counts[2]


def test_a_cursor_from_another_ordering_is_refused(anon, events):
    by_date = get(anon, "events/", {"ordering": "date", "page_size": 2})
    cursor = by_date["next"].split("cursor=")[1].split("&")[0]
    response = anon.get(f"{API}/events/", {"ordering": "intensity", "cursor": cursor})
    assert_error(response, "cursor")
    token = base64.urlsafe_b64encode(json.dumps(
        {"d": "n", "k": ["NaN", "ev-x"]}).encode()).decode().rstrip("=")
    assert_error(anon.get(f"{API}/events/", {"ordering": "intensity", "cursor": token}),
                 "cursor")


def test_an_unknown_ordering_is_refused(anon, events):
    assert_error(anon.get(f"{API}/events/", {"ordering": "title"}), "ordering")


def test_an_edit_moves_the_event_to_the_top_of_minus_updated(alice_client, bob_client,
                                                              events):
    last = _expected("-updated")[-1]
    response = edit(bob_client).patch(f"{API}/events/{last}/", {"title": "Retitled"},
                                      format="json")
    assert response.status_code == 200, response.content[:500]
    assert ids(get(bob_client, "events/", {"ordering": "-updated", "page_size": 1})) == [last]


def test_a_child_row_alone_stamps_its_event(anon, events):
    last = _expected("-updated")[-1]
    event = m.Event.objects.get(uid=last)
    f.CitationFactory(event=event, source=f.SourceFactory())
    assert ids(get(anon, "events/", {"ordering": "-updated", "page_size": 1})) == [last]
    second = _expected("-updated")[-1]
    relation_to = m.Event.objects.get(uid=second)
    m.EventRelation.objects.create(from_event=m.Event.objects.get(uid=_expected("date")[0]),
                                   to_event=relation_to, kind=m.RelationKind.FOLLOWS)
    assert second in ids(get(anon, "events/", {"ordering": "-updated", "page_size": 2}))


def test_a_refreshed_derived_row_does_not_count_as_a_change(anon, events):
    before = _expected("-updated")
    derived.events_refresh()
    assert _expected("-updated") == before


def test_intensity_follows_the_taxonomy(anon, events):
    code = m.CameoCode.objects.get(goldstein=Decimal("1.0"))
    code.goldstein = Decimal("-10.0")
    code.save()
    derived.intensities_refresh(codes=[code.code])
    first = get(anon, "events/", {"ordering": "intensity", "page_size": 1})
    assert first["results"][0]["codes"]["intensity"] == -10.0


def test_bookkeeping_stays_out_of_fixtures_and_history(events):
    event = m.Event.objects.first()
    fields = json.loads(serializers.serialize("json", [event]))[0]["fields"]
    assert "updated_at" not in fields and "sort_intensity" not in fields
    assert "title" in fields
    history_fields = {field.name for field in m.Event.history.model._meta.fields}
    assert not history_fields & {"updated_at", "sort_intensity"}
