"""The bulk write path: rows and their first history entries, as saves would write them."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from diplomacy import models as m
from diplomacy.services.bulk import BulkWriter
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_rows_links_and_history_are_written_in_batches(alice):
    aze = f.CountryFactory(iso3="AZE", iso2="AZ")
    energy = f.TopicFactory(slug="energy")
    before = m.Event.objects.count()
    moment = timezone.now()

    with BulkWriter(history_user_id=alice.pk, reason="synthesized", moment=moment,
                    batch=3) as writer:
        ids = writer.allocate(m.Event, 7)
        for number, pk in enumerate(ids):
            writer.add(m.Event, {
                "id": pk, "uid": f"ev-bulk{number:04d}", "kind": "meeting", "title": "t",
                "summary": "", "date": datetime.date(2026, 1, 1 + number),
                "date_precision": "day", "approximate": False, "place": "",
                "verification": "reported", "incident_type": "", "plover_type": "",
                "plover_mode": "", "plover_context": "", "quote": "", "language": "",
                "medium": "", "note": "", "curation_status": "published",
                "retraction_reason": "", "location_country_id": "AZE"})
            writer.add(m.EventParticipant, {
                "id": writer.allocate(m.EventParticipant, 1)[0], "event_id": pk,
                "role": "host", "actor_country_id": "AZE", "country_id": "AZE", "name": "",
                "note": ""})
            writer.add_links(m.Event.topics.field, pk, [energy.pk])

    assert m.Event.objects.count() == before + 7
    assert writer.written["diplomacy.Event"] == 7
    history = m.Event.history.filter(id__in=list(ids))
    assert history.count() == 7
    assert {(h.history_type, h.history_user_id, h.history_change_reason) for h in history} == {
        ("+", alice.pk, "synthesized")}
    event = m.Event.objects.get(pk=ids[3])
    assert list(event.topics.all()) == [energy]
    assert [t.topic_id for t in event.history.get().topics.all()] == ["energy"]
    assert event.participants.get().country == aze
    # The sequences moved past the keys chosen: a normal save takes the next one.
    assert f.EventFactory().pk > max(ids)
