"""/api/v1/changes/: a public, paginated feed of what appeared, changed or was withdrawn."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from diplomacy.models import CurationStatus, Release
from tests import factories as f

pytestmark = pytest.mark.django_db
URL = "/api/v1/changes/"


def _feed(client, since: str, **params) -> list[dict]:
    response = client.get(URL, {"since": since, **params})
    assert response.status_code == 200, response.content
    return response.json()["results"]


@pytest.fixture
def before() -> str:
    return (timezone.now() - datetime.timedelta(seconds=1)).isoformat()


def test_publication_edit_and_retraction_appear_in_order(client, before):
    event = f.EventFactory(curation_status=CurationStatus.DRAFT)
    event.title = "Draft retitled"  # a draft edit: invisible
    event.save()
    event.curation_status = CurationStatus.PUBLISHED
    event.save()
    event.summary = "Corrected after a second source"
    event.save()
    event.curation_status = CurationStatus.RETRACTED
    event.retraction_reason = "Duplicate of another record"
    event.save()

    rows = _feed(client, before)

    assert [(row["id"], row["change"]) for row in rows] == [
        (event.uid, "created"), (event.uid, "changed"), (event.uid, "retracted"),
    ]
    assert rows[0]["type"] == "event"
    assert rows[0]["kind"] == event.kind
    assert rows[0]["url"].endswith(f"/api/v1/events/{event.uid}/")
    times = [row["at"] for row in rows]
    assert times == sorted(times)


def test_drafts_never_appear(client, before):
    draft = f.EventFactory(curation_status=CurationStatus.DRAFT)
    f.ParticipantFactory(event=draft)
    assert _feed(client, before) == []


def test_edits_to_participants_and_exchanges_change_the_parent(client, before):
    event = f.EventFactory()
    agreement = f.AgreementFactory()
    since = timezone.now().isoformat()
    f.ParticipantFactory(event=event)
    f.ExchangeFactory(agreement=agreement)

    rows = _feed(client, since)

    assert {(row["type"], row["id"], row["change"]) for row in rows} == {
        ("event", event.uid, "changed"), ("agreement", agreement.uid, "changed"),
    }


def test_since_a_release_version(client):
    f.EventFactory()
    Release.objects.create(version="2026.01", released_at=timezone.now(), checksum="0" * 64)
    later = f.AgreementFactory()

    rows = _feed(client, "2026.01")

    assert [(row["id"], row["change"]) for row in rows] == [(later.uid, "created")]


def test_since_a_date_includes_the_whole_day(client):
    event = f.EventFactory()
    rows = _feed(client, timezone.now().date().isoformat())
    assert [row["id"] for row in rows] == [event.uid]


def test_feed_is_paginated(client, before):
    for _ in range(3):
        f.EventFactory()
    first = client.get(URL, {"since": before, "page_size": 2}).json()
    assert len(first["results"]) == 2
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 1


@pytest.mark.parametrize("since", [None, "", "yesterday", "2026-02-30", "v9.9", "2026-01-01\x00"])
def test_bad_since_is_a_400_naming_it(client, since):
    params = {} if since is None else {"since": since}
    response = client.get(URL, params)
    assert response.status_code == 400
    assert "since" in response.json()


def test_a_retraction_carries_its_reason(client, before):
    event = f.EventFactory()
    event.curation_status = CurationStatus.RETRACTED
    event.retraction_reason = "Duplicate of another record"
    event.save()

    rows = _feed(client, before)

    assert [(row["change"], row["reason"]) for row in rows] == [
        ("created", ""), ("retracted", "Duplicate of another record")]


# --- Records a published claim shows: sources, people, organisations, posts, tenures ------


def test_an_edit_to_a_cited_source_appears_and_links_to_it(client):
    source = f.CitationFactory().source  # cited by a published event
    since = timezone.now().isoformat()
    source.title = "Corrected headline"
    source.save()

    rows = _feed(client, since)

    assert [(row["type"], row["id"], row["kind"], row["change"]) for row in rows] == [
        ("source", source.uid, source.kind, "changed")]
    assert rows[0]["url"].endswith(f"/api/v1/sources/{source.uid}/")


def test_records_no_published_claim_shows_never_appear(client, before):
    draft = f.EventFactory(curation_status=CurationStatus.DRAFT)
    source = f.CitationFactory(event=draft).source
    person = f.PersonFactory()
    f.ParticipantFactory(event=draft, actor_country=None, actor_person=person)
    since = timezone.now().isoformat()
    source.note = "Found through the archive"
    source.save()
    person.name = "Renamed"
    person.save()
    f.PersonAliasFactory(person=person)

    assert _feed(client, since) == []


def test_people_their_aliases_and_tenures_and_organisations_appear(client):
    person = f.PersonFactory()
    tenure = f.TenureFactory(person=person)
    publisher = f.OrganisationFactory()
    event = f.EventFactory()
    f.ParticipantFactory(event=event, actor_country=None, actor_person=person)
    f.CitationFactory(event=event, source=f.SourceFactory(publisher=publisher))
    since = timezone.now().isoformat()

    alias = f.PersonAliasFactory(person=person)  # the person changes
    tenure.note = "Dates from the ministry's site"
    tenure.save()
    publisher.name = "Renamed outlet"
    publisher.save()
    alias.delete()  # the person changes again

    rows = _feed(client, since)

    assert [(row["type"], row["id"]) for row in rows] == [
        ("person", person.slug), ("tenure", tenure.uid),
        ("organization", publisher.slug), ("person", person.slug)]
    assert rows[2]["kind"] == publisher.kind
    assert rows[2]["url"].endswith(f"/api/v1/organizations/{publisher.slug}/")
    assert {row["change"] for row in rows} == {"changed"}


def test_removing_a_participant_changes_the_event(client):
    participant = f.ParticipantFactory()
    since = timezone.now().isoformat()
    participant.delete()

    rows = _feed(client, since)

    assert [(row["id"], row["change"]) for row in rows] == [
        (participant.event.uid, "changed")]
