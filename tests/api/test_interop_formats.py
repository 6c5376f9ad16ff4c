"""events/?format=plover and ?format=icews: the published timeline for people who
combine it with machine-coded event data (PLOVER, ICEWS)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from diplomacy.models import CurationStatus, Event
from diplomacy.services.interop import ICEWS_COLUMNS

pytestmark = pytest.mark.usefixtures("seed_data")

MEETING_WITH_ALIYEV = "ev-w733d3pf"
FOILED_PLOT = "ev-5jv1fv6f"
IRAN_STATEMENT = "ev-sfftmw0b"


def _body(response) -> str:
    assert response.status_code == 200
    assert response.streaming
    return b"".join(response.streaming_content).decode()


def _plover(client, **params) -> dict[str, dict]:
    response = client.get("/api/v1/events/", {"format": "plover", **params})
    assert response["Content-Type"].startswith("application/jsonl")
    lines = _body(response).splitlines()
    return {record["id"]: record for record in map(json.loads, lines)}


def test_plover_lines_cover_the_published_timeline(client):
    records = _plover(client)
    published = set(Event.objects.filter(curation_status=CurationStatus.PUBLISHED)
                    .values_list("uid", flat=True))
    assert set(records) == published
    meeting = records[MEETING_WITH_ALIYEV]
    assert meeting["date"] == "2026-01-26"
    assert meeting["event_type"] == "CONSULT"
    assert meeting["cameo"] == "040"
    assert [(a["id"], a["country"]) for a in meeting["actors"]] == [("gideon-saar", "ISR")]
    assert [(r["id"], r["country"]) for r in meeting["recipients"]] == [("ilham-aliyev", "AZE")]
    assert meeting["citation"]["id"].startswith("src-")


def test_a_statement_is_made_by_its_speaker_about_its_subject(client):
    statement = _plover(client)[IRAN_STATEMENT]
    # Bayramov looked on: he is no actor of Sa'ar's words.
    assert [a["id"] for a in statement["actors"]] == ["gideon-saar"]
    assert [r["id"] for r in statement["recipients"]] == ["IRN"]


def test_plover_respects_the_filters(client):
    records = _plover(client, dyad="ISR,KAZ")
    assert records
    assert all({"ISR", "KAZ"} <= {p["country"] for p in r["actors"] + r["recipients"]}
               for r in records.values())


def _icews(client, **params) -> list[dict]:
    response = client.get("/api/v1/events/", {"format": "icews", **params})
    assert response["Content-Type"].startswith("text/tab-separated-values")
    reader = csv.reader(io.StringIO(_body(response)), delimiter="\t")
    header = next(reader)
    assert header == ICEWS_COLUMNS
    return [dict(zip(header, row, strict=True)) for row in reader]


def test_icews_rows_are_dyadic(client):
    rows = _icews(client)
    meeting = [r for r in rows if r["Event ID"] == MEETING_WITH_ALIYEV]
    assert [(r["Source Name"], r["Source Country"], r["Target Name"], r["Target Country"])
            for r in meeting] == [("Gideon Sa'ar", "ISR", "Ilham Aliyev", "AZE")]
    assert meeting[0]["CAMEO Code"] == "040"
    assert meeting[0]["Intensity"] == "1.0"


def test_icews_pairs_actors_by_role(client):
    plot = {(r["Source Name"], r["Target Name"])
            for r in _icews(client) if r["Event ID"] == FOILED_PLOT}
    sources = {name for name, _ in plot}
    assert any("State Security Service" in s or "DTX" in s for s in sources)
    # The security service arrested the suspects; the armed group targeted the embassy.
    assert all(("Khorasan" in source) != ("nationals" in target) for source, target in plot)


def test_drafts_stay_out_of_interop_exports(client):
    Event.objects.filter(uid=MEETING_WITH_ALIYEV).update(curation_status=CurationStatus.DRAFT)
    assert MEETING_WITH_ALIYEV not in _plover(client)
    assert MEETING_WITH_ALIYEV not in {r["Event ID"] for r in _icews(client)}


def test_a_bad_filter_is_still_a_json_400(client):
    response = client.get("/api/v1/events/", {"format": "icews", "dyad": "ISR"})
    assert response.status_code == 400
    assert "dyad" in response.json()
