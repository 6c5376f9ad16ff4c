"""Who may see and do what through the API, and what must not leak.

Personas: anonymous readers and carol (signed in, in no group) see published records only
and write nothing; alice (curator, by session or API token) also sees drafts and
retracted records with their reasons, creates and edits drafts, but neither publishes nor
retracts, nor edits a public record; bob (reviewer) publishes, retracts and republishes.

What must not leak to readers: hidden events as the other end of a relation (either
direction, lists and details), a hidden occasion or agreement behind a link, hidden rows
in CSV, hidden rows brought back by a filter; a misspelt filter is refused rather than
answered with the whole table; a bad API token writes nothing.
"""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from diplomacy import models as m
from tests import factories as f

from .helpers import API, assert_error, edit, full_agreement, full_event, get, id_set, relate

pytestmark = pytest.mark.django_db

PUBLISHED, DRAFT, RETRACTED = (m.CurationStatus.PUBLISHED, m.CurationStatus.DRAFT,
                               m.CurationStatus.RETRACTED)
LISTS = ["countries", "organizations", "people", "events", "meetings", "statements",
         "incidents", "agreements", "sources"]


@pytest.fixture
def records(countries):
    """A meeting and an agreement in each curation status, all between AZE and ISR."""
    aze, isr = countries["AZE"], countries["ISR"]
    events = {
        status: full_event(countries=[aze, isr], status=status, title=f"A {status} meeting",
                           **({"retraction_reason": "duplicate"} if status == RETRACTED
                              else {}))
        for status in (PUBLISHED, DRAFT, RETRACTED)
    }
    agreements = {
        status: full_agreement(first=aze, second=isr, curation_status=status,
                               **({"retraction_reason": "duplicate"} if status == RETRACTED
                                  else {}))
        for status in (PUBLISHED, DRAFT, RETRACTED)
    }
    return {"events": {k: v.uid for k, v in events.items()},
            "agreements": {k: v.uid for k, v in agreements.items()}}


@pytest.fixture
def source(db):
    return f.SourceFactory(title="Joint press conference readout")


@pytest.fixture
def person(countries):
    return f.PersonFactory(slug="gideon-saar", name="Gideon Sa'ar", nationality=countries["ISR"])


def _meeting(source, person) -> dict:
    return {
        "kind": "meeting",
        "title": "Sa'ar meets Aliyev in Baku",
        "date": "2026-01-26",
        "place": "Baku",
        "location_country": "AZE",
        "participants": [
            {"role": "host", "actor_country": "AZE"},
            {"role": "guest", "actor_country": "ISR"},
            {"role": "guest", "actor_person": person.slug, "country": "ISR"},
        ],
        "citations": [{"source": source.uid, "quote": "The two met in Baku."}],
    }


# --- Reading: published records only, curators see all ----------------------------------------


@pytest.mark.parametrize("reader", ["anon", "carol_client"])
@pytest.mark.parametrize("path", ["events/", "meetings/"])
def test_readers_list_published_events_only(request, records, reader, path):
    client = request.getfixturevalue(reader)
    # The hidden meetings match each of these filters too; none brings them back.
    for params in ({}, {"country": "AZE"}, {"q": "meeting"}, {"kind": "meeting"},
                   {"date_from": "2000-01-01"}):
        assert id_set(client, path, params) == {records["events"][PUBLISHED]}, params
    assert id_set(client, path, {"status": "draft"}) == set()
    assert id_set(client, path, {"status": "retracted"}) == set()


@pytest.mark.parametrize("reader", ["anon", "carol_client"])
def test_readers_list_published_agreements_only(request, records, reader):
    client = request.getfixturevalue(reader)
    assert id_set(client, "agreements/") == {records["agreements"][PUBLISHED]}


@pytest.mark.parametrize("reader", ["anon", "carol_client"])
@pytest.mark.parametrize("kind", ["events", "agreements"])
@pytest.mark.parametrize("status", [DRAFT, RETRACTED])
def test_readers_get_404_for_drafts_and_retractions(request, records, reader, kind, status):
    client = request.getfixturevalue(reader)
    response = client.get(f"{API}/{kind}/{records[kind][status]}/")
    assert response.status_code == 404
    assert get(client, f"{kind}/{records[kind][PUBLISHED]}/")["id"] == records[kind][PUBLISHED]


def test_readers_do_not_see_drafts_in_csv(anon, records):
    body = b"".join(anon.get(f"{API}/events/", {"format": "csv"}).streaming_content).decode()
    assert records["events"][PUBLISHED] in body
    assert records["events"][DRAFT] not in body
    assert records["events"][RETRACTED] not in body


def test_curators_see_every_status_and_the_retraction_reason(alice_client, records):
    assert id_set(alice_client, "events/") == set(records["events"].values())
    assert id_set(alice_client, "events/", {"country": "AZE", "q": "meeting",
                                            "kind": "meeting"}) == set(records["events"].values())
    assert id_set(alice_client, "agreements/") == set(records["agreements"].values())
    assert id_set(alice_client, "events/", {"status": "draft"}) == {records["events"][DRAFT]}
    body = get(alice_client, f"events/{records['events'][RETRACTED]}/")
    assert (body["status"], body["retraction_reason"]) == ("retracted", "duplicate")


# --- What must not leak: links to hidden records ---------------------------------------------


@pytest.fixture
def linked(countries) -> dict[str, m.Event]:
    visit = full_event(countries=[countries["AZE"], countries["ISR"]], kind=m.EventKind.VISIT)
    draft = f.EventFactory(curation_status=DRAFT)
    retracted = f.EventFactory(curation_status=RETRACTED, retraction_reason="duplicate")
    published = f.EventFactory()
    relate(draft, visit)                                   # incoming from a draft
    relate(visit, retracted, m.RelationKind.FOLLOWS)       # outgoing to a retraction
    relate(published, visit)                               # incoming, public
    relate(retracted, published, m.RelationKind.RESPONDS_TO)
    return {"visit": visit, "draft": draft, "retracted": retracted, "published": published}


def test_hidden_events_are_not_relation_targets_for_anonymous(anon, linked):
    visit, published = linked["visit"], linked["published"]
    detail = get(anon, f"events/{visit.uid}/")["relations"]
    assert [(r["event"], r["direction"]) for r in detail] == [(published.uid, "incoming")]
    listed = {row["id"]: row for row in get(anon, "events/")["results"]}
    assert set(listed) == {visit.uid, published.uid}
    assert [r["event"] for r in listed[visit.uid]["relations"]] == [published.uid]
    assert [r["event"] for r in listed[published.uid]["relations"]] == [visit.uid]
    # Nor under the kind's own list.
    [meeting] = get(anon, "meetings/")["results"]
    assert [r["event"] for r in meeting["relations"]] == [visit.uid]


def test_curators_see_every_relation(alice_client, linked):
    shown = {(r["event"], r["direction"])
             for r in get(alice_client, f"events/{linked['visit'].uid}/")["relations"]}
    assert shown == {(linked["draft"].uid, "incoming"), (linked["retracted"].uid, "outgoing"),
                     (linked["published"].uid, "incoming")}


def test_a_draft_occasion_or_agreement_is_not_shown_to_readers(anon, alice_client):
    draft_occasion = f.EventFactory(kind=m.EventKind.PRESS_CONFERENCE,
                                    curation_status=m.CurationStatus.DRAFT)
    statement = f.StatementFactory(occasion=draft_occasion)
    draft_agreement = f.AgreementFactory(curation_status=m.CurationStatus.DRAFT)
    signing = f.EventFactory(kind=m.EventKind.AGREEMENT, agreement=draft_agreement)

    assert anon.get(f"{API}/statements/{statement.uid}/").json()["occasion"] is None
    assert anon.get(f"{API}/events/{statement.uid}/").json()["statement"]["occasion"] is None
    assert anon.get(f"{API}/events/{signing.uid}/").json()["agreement"] is None
    csv = b"".join(anon.get(f"{API}/statements/", {"format": "csv"}).streaming_content)
    assert draft_occasion.uid.encode() not in csv

    # A curator sees both links.
    assert alice_client.get(f"{API}/statements/{statement.uid}/").json()["occasion"] == \
        draft_occasion.uid
    assert alice_client.get(f"{API}/events/{signing.uid}/").json()["agreement"] == \
        draft_agreement.uid


# --- What must not leak: a misspelt filter is not an unfiltered table ----------------------------


@pytest.mark.parametrize(("path", "fmt"), [
    *((path, None) for path in LISTS),
    *(("events", fmt) for fmt in ("csv", "plover", "icews")),   # in every format
])
def test_a_misspelt_filter_is_refused(anon, path, fmt):
    params = {"countyr": "AZE", **({"format": fmt} if fmt else {})}
    assert_error(anon.get(f"{API}/{path}/", params), "countyr")


# --- Anonymous and group-less users write nothing ---------------------------------------------


@pytest.mark.parametrize("writer", ["anon", "carol_client"])
def test_no_create_without_a_curator_role(request, records, source, person, writer):
    client = request.getfixturevalue(writer)
    before = (m.Event.objects.count(), m.Agreement.objects.count(), m.Source.objects.count())
    response = client.post(f"{API}/events/", _meeting(source, person), format="json")
    assert response.status_code in (401, 403)
    agreement = {"title": "x", "kind": "trade", "formality": "treaty", "first_party": "AZE",
                 "second_party": "ISR"}
    assert client.post(f"{API}/agreements/", agreement,
                       format="json").status_code in (401, 403)
    assert client.post(f"{API}/sources/", {"kind": "news_report", "title": "x"},
                       format="json").status_code in (401, 403)
    after = (m.Event.objects.count(), m.Agreement.objects.count(), m.Source.objects.count())
    assert after == before


@pytest.mark.parametrize("writer", ["anon", "carol_client"])
def test_no_edit_publish_or_retract_without_a_role(request, records, writer):
    client = request.getfixturevalue(writer)
    draft, published = records["events"][DRAFT], records["events"][PUBLISHED]
    assert edit(client).patch(f"{API}/events/{published}/", {"title": "Vandalised"},
                        format="json").status_code in (401, 403)
    assert edit(client).patch(f"{API}/agreements/{records['agreements'][PUBLISHED]}/",
                        {"title": "Vandalised"}, format="json").status_code in (401, 403)
    assert edit(client).post(f"{API}/events/{draft}/publish/").status_code in (401, 403)
    assert edit(client).post(f"{API}/events/{published}/retract/",
                       {"reason": "because"}, format="json").status_code in (401, 403)
    assert m.Event.objects.get(uid=published).title == f"A {PUBLISHED} meeting"
    assert m.Event.objects.get(uid=draft).curation_status == DRAFT
    assert m.Event.objects.get(uid=published).curation_status == PUBLISHED
    assert not m.Event.objects.filter(title="Vandalised").exists()
    assert not m.Agreement.objects.filter(title="Vandalised").exists()


@pytest.mark.parametrize("header", ["Token not-a-real-key", "Token ", "Bearer abc"])
def test_a_bad_token_is_refused_and_writes_nothing(countries, header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    response = client.post(f"{API}/events/", {"kind": "meeting", "title": "x",
                                              "date": "2026-01-26"}, format="json")
    # 403 rather than 401: session authentication, listed first, sends no challenge.
    assert response.status_code in (401, 403)
    assert "detail" in response.json()
    assert not m.Event.objects.exists()


# --- The curation workflow -------------------------------------------------------------------


@pytest.mark.parametrize("curator", ["alice_client", "alice_token_client"])
def test_event_workflow(request, countries, source, person, bob_client, anon, curator):
    alice = request.getfixturevalue(curator)

    # alice records a draft with participants and a citation.
    response = alice.post(f"{API}/events/", _meeting(source, person), format="json")
    assert response.status_code == 201, response.content
    created = response.json()
    uid = created["id"]
    assert created["status"] == "draft"
    assert created["url"] == f"http://testserver/api/v1/events/{uid}/"
    assert sorted((p["actor"]["id"], p["role"], p["country"])
                  for p in created["participants"]) == [
        ("AZE", "host", "AZE"), ("ISR", "guest", "ISR"), ("gideon-saar", "guest", "ISR")]
    assert [(c["source"]["id"], c["quote"]) for c in created["citations"]] == [
        (source.uid, "The two met in Baku.")]
    assert m.Event.objects.get(uid=uid).history.latest().history_user.username == "alice"
    assert anon.get(f"{API}/events/{uid}/").status_code == 404

    # alice edits it.
    edited = edit(alice).patch(f"{API}/events/{uid}/", {"title": "Sa'ar and Aliyev meet in Baku",
                                                  "participants": [
                                                      {"role": "host", "actor_country": "AZE"},
                                                      {"role": "guest", "actor_country": "ISR"}]},
                         format="json")
    assert edited.status_code == 200, edited.content
    assert edited.json()["title"] == "Sa'ar and Aliyev meet in Baku"
    assert len(edited.json()["participants"]) == 2
    assert edited.json()["citations"][0]["source"]["id"] == source.uid  # left as it was
    assert m.Event.objects.get(uid=uid).title == "Sa'ar and Aliyev meet in Baku"

    # alice may neither publish nor retract (her token does not make her a reviewer).
    assert edit(alice).post(f"{API}/events/{uid}/publish/").status_code == 403
    assert m.Event.objects.get(uid=uid).curation_status == DRAFT
    assert edit(alice).post(f"{API}/events/{uid}/retract/", {"reason": "x"},
                      format="json").status_code == 403
    assert m.Event.objects.get(uid=uid).curation_status == DRAFT

    # bob publishes: now everyone sees it.
    published = edit(bob_client).post(f"{API}/events/{uid}/publish/")
    assert published.status_code == 200, published.content
    assert published.json()["status"] == "published"
    assert get(anon, f"events/{uid}/")["status"] == "published"
    assert uid in id_set(anon, "meetings/")

    # Once public, alice may not retract it either.
    assert edit(alice).post(f"{API}/events/{uid}/retract/", {"reason": "x"},
                      format="json").status_code == 403
    assert m.Event.objects.get(uid=uid).curation_status == PUBLISHED

    # bob retracts: a reason is required.
    assert_error(edit(bob_client).post(f"{API}/events/{uid}/retract/", {}, format="json"), "reason")
    assert_error(edit(bob_client).post(f"{API}/events/{uid}/retract/", {"reason": ""},
                                 format="json"), "reason")
    assert m.Event.objects.get(uid=uid).curation_status == PUBLISHED
    retracted = edit(bob_client).post(f"{API}/events/{uid}/retract/",
                                {"reason": "The meeting was misdated"}, format="json")
    assert retracted.status_code == 200, retracted.content
    assert retracted.json()["status"] == "retracted"
    assert retracted.json()["retraction_reason"] == "The meeting was misdated"

    # Curators still see it with its reason; anonymous readers no longer do.
    body = get(alice, f"events/{uid}/")
    assert (body["status"], body["retraction_reason"]) == (
        "retracted", "The meeting was misdated")
    assert anon.get(f"{API}/events/{uid}/").status_code == 404
    assert uid not in id_set(anon, "events/")


def test_publishing_twice_or_retracting_a_draft_is_refused(bob_client, records):
    draft, published = records["events"][DRAFT], records["events"][PUBLISHED]
    assert_error(edit(bob_client).post(f"{API}/events/{published}/publish/"), "curation_status")
    assert_error(edit(bob_client).post(f"{API}/events/{draft}/retract/", {"reason": "x"},
                                 format="json"), "curation_status")
    assert m.Event.objects.get(uid=draft).curation_status == DRAFT


def test_curator_cannot_edit_a_published_event(alice_client, records):
    uid = records["events"][PUBLISHED]
    response = edit(alice_client).patch(f"{API}/events/{uid}/", {"title": "Changed"}, format="json")
    assert response.status_code == 403
    assert m.Event.objects.get(uid=uid).title == f"A {PUBLISHED} meeting"


@pytest.mark.parametrize("curator", ["alice_client", "alice_token_client"])
def test_agreement_workflow(request, countries, bob_client, anon, curator):
    alice = request.getfixturevalue(curator)
    source = f.SourceFactory()
    payload = {"title": "Energy for arms", "kind": "energy_for_arms", "formality": "informal",
               "status": "in_force", "first_party": "AZE", "second_party": "ISR",
               "citations": [{"source": source.uid, "quote": "energy for arms"}],
               "exchanges": [{"from": "AZE", "to": "ISR", "category": "energy"},
                             {"from": "ISR", "to": "AZE", "category": "arms"}]}
    response = alice.post(f"{API}/agreements/", payload, format="json")
    assert response.status_code == 201, response.content
    uid = response.json()["id"]
    assert response.json()["curation_status"] == "draft"
    assert anon.get(f"{API}/agreements/{uid}/").status_code == 404

    edited = edit(alice).patch(f"{API}/agreements/{uid}/", {"summary": "Oil for weapons"},
                         format="json")
    assert edited.status_code == 200
    assert edited.json()["summary"] == "Oil for weapons"

    assert edit(alice).post(f"{API}/agreements/{uid}/publish/").status_code == 403
    assert m.Agreement.objects.get(uid=uid).curation_status == DRAFT

    published = edit(bob_client).post(f"{API}/agreements/{uid}/publish/")
    assert published.status_code == 200
    assert published.json()["curation_status"] == "published"
    assert get(anon, f"agreements/{uid}/")["id"] == uid

    assert edit(alice).post(f"{API}/agreements/{uid}/retract/", {"reason": "x"},
                      format="json").status_code == 403
    assert_error(edit(bob_client).post(f"{API}/agreements/{uid}/retract/", {}, format="json"),
                 "reason")
    assert m.Agreement.objects.get(uid=uid).curation_status == PUBLISHED
    retracted = edit(bob_client).post(f"{API}/agreements/{uid}/retract/",
                                {"reason": "Not an agreement"}, format="json")
    assert retracted.status_code == 200
    assert (retracted.json()["curation_status"], retracted.json()["retraction_reason"]) == (
        "retracted", "Not an agreement")
    assert get(alice, f"agreements/{uid}/")["retraction_reason"] == "Not an agreement"
    assert anon.get(f"{API}/agreements/{uid}/").status_code == 404
    assert uid not in id_set(anon, "agreements/")


@pytest.mark.parametrize(("endpoint", "make"), [
    ("statements", lambda: f.cited(f.StatementFactory(curation_status=DRAFT))),
    ("meetings", lambda: f.cited(f.EventFactory(kind=m.EventKind.MEETING,
                                                curation_status=DRAFT))),
    ("incidents", lambda: f.cited(f.EventFactory(kind=m.EventKind.INCIDENT,
                                                 curation_status=DRAFT))),
])
def test_kinds_are_published_and_retracted_through_events(bob_client, anon, countries,
                                                          endpoint, make):
    record = make()
    assert anon.get(f"{API}/{endpoint}/{record.uid}/").status_code == 404
    response = edit(bob_client).post(f"{API}/events/{record.uid}/publish/")
    assert response.status_code == 200, response.content
    assert get(anon, f"{endpoint}/{record.uid}/")["status"] == "published"
    response = edit(bob_client).post(f"{API}/events/{record.uid}/retract/",
                               {"reason": "Misattributed."}, format="json")
    assert (response.status_code, response.json()["retraction_reason"]) == (
        200, "Misattributed.")
    assert anon.get(f"{API}/{endpoint}/{record.uid}/").status_code == 404


def test_reviewer_can_republish_a_retracted_event(bob_client, anon, records):
    uid = records["events"][RETRACTED]
    response = edit(bob_client).post(f"{API}/events/{uid}/publish/")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["retraction_reason"]) == (
        "published", "")
    assert get(anon, f"events/{uid}/")["status"] == "published"
