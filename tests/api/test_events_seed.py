"""The researcher's questions, asked of the shipped seed dataset (fixtures/seed.json).

Every test here uses ``seed_data``; factory-built data lives in other modules.
The answers must be the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import csv
import io

import pytest

from .helpers import API, SEED, get, id_set

pytestmark = pytest.mark.django_db

BAKU_DAY = {SEED[name] for name in (
    "visit_aze", "plot", "meeting_aliyev", "press_conference", "iran_statement",
    "visionary_aliyev", "fascinating_meeting", "readout")}
KAZAKHSTAN = {SEED[name] for name in ("visit_kaz", "meeting_tokayev", "visionary_tokayev")}


def test_events_between_azerbaijan_and_israel_in_january_2026(seed_data, anon):
    found = id_set(anon, "events/", {"dyad": "AZE,ISR", "date_from": "2026-01-01",
                                     "date_to": "2026-01-31"})
    assert found == BAKU_DAY
    # Order of the pair does not matter.
    assert id_set(anon, "events/", {"dyad": "ISR,AZE", "date_from": "2026-01-01",
                                    "date_to": "2026-01-31"}) == found


def test_the_baku_day_in_order(seed_data, anon):
    body = get(anon, "events/", {"dyad": "AZE,ISR", "date_from": "2026-01-26",
                                 "date_to": "2026-01-26", "ordering": "date"})
    assert [row["id"] for row in body["results"]] == sorted(BAKU_DAY)
    assert {row["kind"] for row in body["results"]} == {
        "visit", "incident", "meeting", "press_conference", "statement"}


def test_statements_of_the_baku_day(seed_data, anon):
    found = id_set(anon, "events/", {"dyad": "AZE,ISR", "kind": "statement",
                                     "date_from": "2026-01-01", "date_to": "2026-01-31"})
    assert found == {SEED["iran_statement"], SEED["visionary_aliyev"],
                     SEED["fascinating_meeting"], SEED["readout"]}


def test_visionary_leader_as_a_phrase(seed_data, anon):
    response = anon.get(f"{API}/events/?q=%22visionary+leader%22&page_size=500")
    assert response.status_code == 200
    found = {row["id"] for row in response.json()["results"]}
    both = {SEED["visionary_aliyev"], SEED["visionary_tokayev"]}
    # The Tokayev meeting's summary quotes the phrase too; nothing without it matches.
    assert found == both | {SEED["meeting_tokayev"]}
    assert SEED["fascinating_meeting"] not in found
    statements = anon.get(f"{API}/statements/?q=%22visionary+leader%22&page_size=500")
    assert {row["id"] for row in statements.json()["results"]} == both
    by_kind = anon.get(f"{API}/events/?q=%22visionary+leader%22&kind=statement")
    assert {row["id"] for row in by_kind.json()["results"]} == both


def test_massacre_finds_the_iran_statement(seed_data, anon):
    assert id_set(anon, "events/", {"q": "massacre"}) == {SEED["iran_statement"]}
    assert id_set(anon, "statements/", {"q": "massacre"}) == {SEED["iran_statement"]}


def test_the_year_precision_crocus_attack_matches_a_month_of_2024(seed_data, anon):
    found = id_set(anon, "events/", {"date_from": "2024-03-01", "date_to": "2024-03-31"})
    assert found == {SEED["crocus"]}
    body = get(anon, f"events/{SEED['crocus']}/")
    assert (body["date"], body["date_precision"]) == ("2024-01-01", "year")
    assert SEED["crocus"] not in id_set(anon, "events/", {"date_from": "2025-01-01"})


def test_the_approximate_2025_cancellation_matches_2025_ranges(seed_data, anon):
    uid = SEED["rabbinical_cancellation"]
    for date_from, date_to in [("2025-01-01", "2025-12-31"), ("2025-06-01", "2025-06-30"),
                               ("2025-11-15", "2026-03-01"), ("2024-12-01", "2025-01-01")]:
        found = id_set(anon, "events/", {"date_from": date_from, "date_to": date_to})
        assert uid in found, (date_from, date_to)
    assert uid not in id_set(anon, "events/", {"date_from": "2026-01-01"})
    assert uid not in id_set(anon, "events/", {"date_to": "2024-12-31"})
    body = get(anon, f"events/{uid}/")
    assert (body["kind"], body["date_precision"], body["approximate"]) == (
        "cancellation", "year", True)


def test_the_embassy_attack_in_2023(seed_data, anon):
    found = id_set(anon, "events/", {"date_from": "2023-01-27", "date_to": "2023-01-27"})
    assert found == {SEED["embassy_attack_iran"]}


def test_israel_and_kazakhstan(seed_data, anon):
    assert id_set(anon, "events/", {"dyad": "ISR,KAZ"}) == KAZAKHSTAN
    assert id_set(anon, "events/", {"dyad": "KAZ,ISR"}) == KAZAKHSTAN


def test_the_baku_visit_in_full(seed_data, anon):
    body = get(anon, f"events/{SEED['visit_aze']}/")
    assert body["kind"] == "visit"
    assert body["location"] == {"place": "Baku", "country": "AZE"}
    assert body["approximate"] is True
    assert {(p["actor"]["type"], p["actor"]["id"], p["role"], p["country"])
            for p in body["participants"]} == {
        ("person", "gideon-saar", "guest", "ISR"), ("country", "AZE", "host", "AZE")}
    assert {(r["kind"], r["direction"], r["event"], r["certainty"])
            for r in body["relations"]} == {
        ("part_of", "incoming", SEED["meeting_aliyev"], "certain"),
        ("part_of", "incoming", SEED["press_conference"], "certain"),
        ("coincided_with", "incoming", SEED["plot"], "unclear")}
    assert body["codes"]["cameo"] == "042"
    assert body["citations"], "the visit rests on cited sources"
    for citation in body["citations"]:
        assert citation["source"]["id"] and citation["source"]["title"]


def test_the_foiled_plot_names_an_unresolved_actor(seed_data, anon):
    body = get(anon, f"events/{SEED['plot']}/")
    assert body["verification"] == "alleged"
    assert {"type": "unresolved", "id": None, "name": "three Azerbaijani nationals"} in [
        p["actor"] for p in body["participants"]]
    assert [r for r in body["relations"] if r["event"] == SEED["visit_aze"]] == [
        {"kind": "coincided_with", "direction": "outgoing", "event": SEED["visit_aze"],
         "certainty": "unclear", "note": body["relations"][0]["note"]}]
    assert "unclear" in body["relations"][0]["note"]


def test_participant_filter_on_the_seed(seed_data, anon):
    assert id_set(anon, "events/", {"participant": "kassym-jomart-tokayev"}) == {
        SEED["meeting_tokayev"], SEED["visionary_tokayev"]}
    assert id_set(anon, "events/", {"participant": "islamic-state-khorasan"}) == {
        SEED["plot"], SEED["crocus"]}


def test_statements_about_iran_by_saar(seed_data, anon):
    assert id_set(anon, "statements/", {"speaker": "gideon-saar", "about": "IRN"}) == {
        SEED["iran_statement"]}
    assert id_set(anon, "statements/", {"about": "ilham-aliyev"}) == {
        SEED["visionary_aliyev"], SEED["fascinating_meeting"]}


def _csv(anon, params: dict) -> tuple[object, list[list[str]]]:
    response = anon.get(f"{API}/events/", {**params, "format": "csv"})
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode()
    return response, list(csv.reader(io.StringIO(text)))


def test_csv_of_the_kazakhstan_query(seed_data, anon):
    response, rows = _csv(anon, {"dyad": "ISR,KAZ"})
    assert "attachment" in response["Content-Disposition"]
    header = rows[0]
    assert header[:4] == ["id", "kind", "title", "date"]
    assert {"participants", "countries", "topics", "source_ids"} <= set(header)
    records = [dict(zip(header, row, strict=True)) for row in rows[1:]]
    assert {r["id"] for r in records} == KAZAKHSTAN
    meeting = next(r for r in records if r["id"] == SEED["meeting_tokayev"])
    assert meeting["countries"] == "ISR;KAZ"
    assert set(meeting["participants"].split(";")) == {
        "person:gideon-saar:guest", "person:kassym-jomart-tokayev:host"}
    assert meeting["date"] == "2026-01-27"
    assert meeting["date_precision"] == "day"
    assert meeting["topics"] == "diplomacy"
    assert all(";" not in uid and uid for uid in
               (r["source_ids"].split(";")[0] for r in records))


def test_csv_is_every_matching_row_without_pagination(seed_data, anon):
    _, rows = _csv(anon, {"page_size": 1})
    assert len(rows) - 1 == len(id_set(anon, "events/"))
    _, rows = _csv(anon, {"dyad": "AZE,ISR", "date_from": "2026-01-01",
                          "date_to": "2026-01-31"})
    assert {row[0] for row in rows[1:]} == BAKU_DAY


def test_csv_of_a_bad_query_is_a_json_error(seed_data, anon):
    response = anon.get(f"{API}/events/", {"dyad": "ISR", "format": "csv"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert "dyad" in response.json()
