"""Every change to a curated record is kept, whichever model class saved it."""

from __future__ import annotations

import pytest

from diplomacy.models import Event, Incident, Meeting, Statement
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("proxy", "factory"), [
    (Statement, f.StatementFactory),
    (Meeting, f.EventFactory),
    (Incident, lambda: f.EventFactory(kind=Event.Kind.INCIDENT)),
])
def test_saving_through_a_proxy_is_recorded(proxy, factory):
    record = proxy.objects.get(pk=factory().pk)
    record.title = "Retitled through the proxy"
    record._change_reason = "typo"
    record.save()

    latest = Event.history.filter(id=record.pk).latest("history_date")
    assert latest.title == "Retitled through the proxy"
    assert latest.history_type == "~"
    assert latest.history_change_reason == "typo"


def test_history_shows_what_changed():
    event = f.EventFactory(title="Before")
    event.title = "After"
    event.save()
    newer, older = Event.history.filter(id=event.pk).order_by("-history_id")[:2]
    delta = newer.diff_against(older)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [("title", "Before", "After")]

