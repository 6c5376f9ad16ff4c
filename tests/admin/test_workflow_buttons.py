"""Publish and Retract from a record's own page, with the version it was read at.

bob (reviewer) sees both buttons where they apply; alice (curator) sees neither.
Every transition appears in "Recent actions" (LogEntry).
"""

from __future__ import annotations

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from diplomacy import models as m
from tests import factories as f


@pytest.fixture
def draft(alice) -> m.Event:
    event = f.EventFactory(curation_status=m.CurationStatus.DRAFT, kind=m.EventKind.MEETING)
    f.CitationFactory(event=event)
    return event


def _url(event: m.Event, view: str) -> str:
    return reverse(f"admin:diplomacy_meeting_{view}", args=[event.pk])


def test_a_reviewer_publishes_from_the_page_and_recent_actions_say_so(db, bob_admin, draft):
    page = bob_admin.get(_url(draft, "change")).content.decode()
    assert 'name="_publish"' in page
    assert 'name="_retract"' not in page

    response = bob_admin.post(_url(draft, "publish"), {"workflow_version": draft.version})

    assert response.status_code == 302
    assert response["Location"] == _url(draft, "change")
    draft.refresh_from_db()
    assert draft.curation_status == m.CurationStatus.PUBLISHED
    entry = LogEntry.objects.get(object_id=str(draft.pk))
    assert entry.user.username == "bob"
    assert entry.get_change_message() == "Published"
    index = bob_admin.get(reverse("admin:index")).content.decode()
    assert "Published" in index


def test_a_stale_page_publishes_nothing(db, bob_admin, draft):
    stale = draft.version
    m.Event.objects.filter(pk=draft.pk).update(version=stale + 1)
    response = bob_admin.post(_url(draft, "publish"), {"workflow_version": stale}, follow=True)
    assert "Someone changed this record after you opened it" in response.content.decode()
    draft.refresh_from_db()
    assert draft.curation_status == m.CurationStatus.DRAFT
    assert not LogEntry.objects.exists()


def test_retracting_asks_for_a_reason_then_retracts_with_it(db, bob_admin, draft, bob):
    from diplomacy.services import curation

    curation.record_publish(record=draft, actor=bob)
    page = bob_admin.get(_url(draft, "change")).content.decode()
    assert 'name="_retract"' in page
    assert 'name="_publish"' not in page

    # The button posts the change form; the answer is the page asking for a reason.
    asked = bob_admin.post(_url(draft, "retract"), {"workflow_version": draft.version,
                                                    "_retract": ""})
    assert asked.status_code == 200
    assert 'name="reason"' in asked.content.decode()
    draft.refresh_from_db()
    assert draft.curation_status == m.CurationStatus.PUBLISHED

    blank = bob_admin.post(_url(draft, "retract"), {"workflow_version": draft.version,
                                                    "reason": " ", "apply": "Retract"})
    assert blank.status_code == 200
    draft.refresh_from_db()
    assert draft.curation_status == m.CurationStatus.PUBLISHED

    done = bob_admin.post(_url(draft, "retract"), {"workflow_version": draft.version,
                                                   "reason": "Duplicate record",
                                                   "apply": "Retract"})
    assert done.status_code == 302
    draft.refresh_from_db()
    assert (draft.curation_status, draft.retraction_reason) == (m.CurationStatus.RETRACTED,
                                                                 "Duplicate record")
    assert LogEntry.objects.get(object_id=str(draft.pk)).get_change_message() == \
        "Retracted: Duplicate record"


def test_a_curator_gets_no_buttons_and_may_not_post_them(db, alice_admin, draft):
    page = alice_admin.get(_url(draft, "change")).content.decode()
    assert 'name="_publish"' not in page
    assert alice_admin.post(_url(draft, "publish"),
                            {"workflow_version": draft.version}).status_code == 403
    assert alice_admin.post(_url(draft, "retract"),
                            {"workflow_version": draft.version}).status_code == 403
    draft.refresh_from_db()
    assert draft.curation_status == m.CurationStatus.DRAFT


def test_publishing_from_the_list_is_logged_too(db, bob_admin, draft):
    response = bob_admin.post(reverse("admin:diplomacy_meeting_changelist"),
                              {"action": "publish_selected", "_selected_action": [draft.pk]})
    assert response.status_code == 302
    assert LogEntry.objects.filter(object_id=str(draft.pk)).count() == 1
