"""Every change to a curated record is kept, whichever model class saved it."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.db import connection

from diplomacy import models as m
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



# --- Reference data: administrators and importers only, with history ----------------------

CAMEO_CHANGE = "/admin/diplomacy/cameocode/{}/change/"


def _cameo_form(code: m.CameoCode, **changes) -> dict:
    data = {"code": code.code, "name": code.name, "goldstein": str(code.goldstein),
            "root": code.root_id or "", "plover_type": code.plover_type,
            "plover_mode": code.plover_mode, "plover_context": code.plover_context}
    return {**data, **changes}


@pytest.mark.parametrize("persona", ["alice", "bob"])
def test_curation_roles_cannot_change_a_cameo_code_in_the_admin(client, request, persona):
    code = m.CameoCode.objects.create(code="042", name="Make a visit", goldstein="1.9")
    client.force_login(request.getfixturevalue(persona))

    response = client.post(CAMEO_CHANGE.format(code.pk), _cameo_form(code, goldstein="9.9"))

    assert response.status_code == 403
    code.refresh_from_db()
    assert str(code.goldstein) == "1.9"
    assert not code.history.filter(history_type="~").exists()
    # They still see it: view only.
    assert client.get(CAMEO_CHANGE.format(code.pk)).status_code == 200


@pytest.mark.parametrize("persona", ["alice", "bob"])
@pytest.mark.parametrize("model", ["country", "cameocode", "topic"])
def test_curation_roles_view_reference_data_only(request, persona, model):
    user = request.getfixturevalue(persona)
    assert user.has_perm(f"diplomacy.view_{model}")
    assert user.has_perm(f"diplomacy.view_historical{model}")
    for action in ("add", "change", "delete"):
        assert not user.has_perm(f"diplomacy.{action}_{model}")


def test_an_administrators_change_to_a_cameo_code_is_in_its_history(root_client, root):
    code = m.CameoCode.objects.create(code="042", name="Make a visit", goldstein="1.9")

    response = root_client.post(CAMEO_CHANGE.format(code.pk), _cameo_form(code, goldstein="9.9"))

    assert response.status_code == 302, response.content
    latest = code.history.latest("history_id")
    assert (latest.history_type, str(latest.goldstein), latest.history_user) == ("~", "9.9", root)
    delta = latest.diff_against(latest.prev_record)
    assert [(c.field, str(c.old), str(c.new)) for c in delta.changes] == [
        ("goldstein", "1.9", "9.9")]


def test_countries_and_topics_keep_history():
    country = f.CountryFactory(name="Before")
    topic = f.TopicFactory(name="Before")
    for record in (country, topic):
        record.name = "After"
        record.save()
        assert [row.name for row in record.history.order_by("history_id")] == ["Before", "After"]


def test_the_migration_takes_writes_on_reference_data_from_existing_groups(db):
    from django.contrib.auth.models import Group, Permission

    from diplomacy.roles import CURATION_GROUPS

    migration = importlib.import_module("diplomacy.migrations.0012_reference_rows_view_only")
    writes = Permission.objects.filter(codename__in=["add_cameocode", "change_country",
                                                     "change_topic"])
    groups = Group.objects.filter(name__in=CURATION_GROUPS)
    for group in groups:  # as 0002 granted them before this change
        group.permissions.add(*writes)

    # The data step needs only the editor's connection (no schema change).
    migration.view_only(django_apps, SimpleNamespace(connection=connection))

    for group in groups:
        codenames = set(group.permissions.values_list("codename", flat=True))
        assert not codenames & {"add_cameocode", "change_country", "change_topic"}
        assert {"view_cameocode", "view_historicalcameocode"} <= codenames


# --- One entry per write: children and many-to-many rows fold into their record's ---------


def _replace_participants(event: Event, actor, countries: list[m.Country]) -> Event:
    from diplomacy.services import events

    rows = [{"role": m.ParticipantRole.MENTIONED, "actor_country": country,
             "country": country} for country in countries]
    return events.event_update(event=event, fields={}, participants=rows, actor=actor,
                               expected_version=event.version)


def test_replacing_ten_participants_is_one_change(bob):
    from diplomacy.selectors import record_history

    event = f.cited(f.EventFactory())
    countries = [f.CountryFactory() for _ in range(10)]
    _replace_participants(event, bob, countries)
    event = _replace_participants(Event.objects.get(pk=event.pk), bob, countries[:5])

    entries = record_history(event, drafts=False)

    # 10 added; 10 removed and 5 added: 25 rows, two entries.
    assert m.EventParticipant.history.filter(event_id=event.pk).count() == 25
    assert [(e.version, e.change, e.fields) for e in entries] == [
        (3, "changed", ["participants"]), (2, "changed", ["participants"]),
        (1, "published", [])]


def test_sending_the_same_participants_again_changes_nothing_shown(bob):
    from diplomacy.selectors import record_history

    event = f.EventFactory()
    countries = [f.CountryFactory() for _ in range(3)]
    _replace_participants(event, bob, countries)
    event = _replace_participants(Event.objects.get(pk=event.pk), bob, countries)

    newest = record_history(event, drafts=False)[0]

    assert (newest.version, newest.change, newest.fields) == (3, "changed", [])


def test_a_save_and_its_many_to_many_rows_are_one_write():
    from diplomacy.selectors import record_history

    event = f.EventFactory()
    event.title = "Retitled"
    event._change_reason = "changed in the admin"
    event.save()  # as the admin saves: the record, then its many-to-many sets
    event.topics.set([f.TopicFactory()])
    event.about_countries.set([f.CountryFactory()])
    relation = m.EventRelation.objects.create(from_event=event, to_event=f.EventFactory(),
                                              kind=m.RelationKind.PART_OF)

    entries = record_history(event, drafts=True)

    assert Event.history.filter(id=event.pk).count() > 3
    assert [(e.change, e.fields) for e in entries] == [
        ("changed", ["title", "about_countries", "relations", "topics"]), ("published", [])]
    assert m.EventRelation.history.filter(id=relation.pk).count() == 1


def test_an_admin_edit_with_topics_and_participants_is_one_entry(root, root_client):
    from diplomacy.selectors import record_history
    from tests.admin.helpers import add_inline_rows, form_data

    event = f.cited(f.EventFactory(curation_status=m.CurationStatus.DRAFT))
    country, topic = f.CountryFactory(), f.TopicFactory()
    url = f"/admin/diplomacy/event/{event.pk}/change/"
    data = form_data(root_client.get(url))
    data |= {"title": "Retitled in the admin", "topics": [topic.pk]}
    add_inline_rows(data, "participants", {"role": m.ParticipantRole.HOST,
                                           "actor": f"country:{country.pk}", "country": country.pk})

    response = root_client.post(url, data)

    assert response.status_code == 302, response.context and response.context["errors"]
    newest, *older = record_history(event, drafts=True)
    assert (newest.change, newest.username, newest.fields) == (
        "changed", "root", ["title", "participants", "topics"])
    assert len(older) == 1
