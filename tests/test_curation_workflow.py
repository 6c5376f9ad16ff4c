"""The curation workflow: who may create, edit, publish, retract and delete.

Personas:
- alice is a curator: she adds and edits drafts; she cannot publish, retract,
  delete events or agreements, or edit a record once it is public.
- bob is a reviewer: everything alice may do, plus publish and retract, and he
  may edit published records. He cannot delete events or agreements either.
- root is a superuser: even root cannot hard-delete a published or retracted
  record; only drafts are ever deleted.
"""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.test import Client
from django.urls import reverse

from diplomacy import models as m
from diplomacy.services import curation
from tests import factories as f
from tests.admin.helpers import add_inline_rows, form_data, form_errors, use_plain_static_storage

DRAFT, PUBLISHED, RETRACTED = (m.CurationStatus.DRAFT, m.CurationStatus.PUBLISHED,
                               m.CurationStatus.RETRACTED)
WORKFLOW_PERMS = {"publish_event", "retract_event", "publish_agreement", "retract_agreement"}


@pytest.fixture(autouse=True)
def _plain_static_storage(settings) -> None:
    use_plain_static_storage(settings)


def _logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _url(model: type[models.Model], view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def _reload(record: models.Model) -> models.Model:
    return type(record)._base_manager.get(pk=record.pk)


def _action_names(client: Client, model: type[models.Model]) -> set[str]:
    action_form = client.get(_url(model, "changelist")).context["action_form"]
    if action_form is None:  # no action at all for this user
        return set()
    return {name for name, _ in action_form.fields["action"].choices}


def _run_action(client: Client, model: type[models.Model], action: str,
                *records: models.Model, **extra: str):
    return client.post(_url(model, "changelist"), {
        "action": action, "index": "0",
        "_selected_action": [record.pk for record in records], **extra,
    })


def _history(record: models.Model) -> list[tuple[str, str | None, str | None]]:
    """(type, username, reason) for each historical record, oldest first."""
    return [
        (h.history_type, h.history_user.username if h.history_user else None,
         h.history_change_reason)
        for h in type(record).history.filter(id=record.pk).order_by("history_date", "history_id")
    ]


# The roles -----------------------------------------------------------------


def test_migration_creates_both_roles(db):
    curators = set(Group.objects.get(name="curators").permissions.values_list("codename",
                                                                               flat=True))
    reviewers = set(Group.objects.get(name="reviewers").permissions.values_list("codename",
                                                                                 flat=True))
    assert {"add_event", "change_event", "view_event", "add_statement", "change_agreement",
            "add_eventparticipant", "delete_eventparticipant", "view_historicalevent"} <= curators
    assert not {"delete_event", "delete_agreement", "delete_statement"} & curators
    assert not WORKFLOW_PERMS & curators
    assert reviewers == curators | WORKFLOW_PERMS


# alice, the curator ----------------------------------------------------------


def test_curator_adds_and_edits_a_draft(db, alice):
    client = _logged_in(alice)
    data = form_data(client.get(_url(m.Event, "add")))
    data |= {"kind": m.EventKind.MEETING, "title": "Talks in Baku", "date": "2026-01-26"}

    assert client.post(_url(m.Event, "add"), data).status_code == 302
    event = m.Event.objects.get(title="Talks in Baku")
    assert event.curation_status == DRAFT

    data = form_data(client.get(_url(m.Event, "change", event.pk))) | {"title": "Talks, Baku"}
    assert client.post(_url(m.Event, "change", event.pk), data).status_code == 302
    assert _reload(event).title == "Talks, Baku"
    assert [(kind, user) for kind, user, _ in _history(event)] == [("+", "alice"),
                                                                    ("~", "alice")]


def test_curator_cannot_publish_or_retract(db, alice):
    draft = f.EventFactory(curation_status=DRAFT)
    published = f.EventFactory()
    agreement = f.AgreementFactory(curation_status=DRAFT)

    with pytest.raises(PermissionDenied):
        curation.event_publish(event=draft, actor=alice)
    with pytest.raises(PermissionDenied):
        curation.event_retract(event=published, actor=alice, reason="wrong")
    with pytest.raises(PermissionDenied):
        curation.agreement_publish(agreement=agreement, actor=alice)
    assert _reload(draft).curation_status == DRAFT
    assert _reload(published).curation_status == PUBLISHED
    assert _reload(agreement).curation_status == DRAFT


def test_curator_is_not_offered_the_workflow_actions(db, alice, bob):
    for model in (m.Event, m.Statement, m.Agreement):
        assert not {"publish_selected", "retract_selected"} & _action_names(_logged_in(alice),
                                                                             model)
        assert {"publish_selected", "retract_selected"} <= _action_names(_logged_in(bob), model)


def test_curator_posting_the_publish_action_anyway_changes_nothing(db, alice):
    draft = f.EventFactory(curation_status=DRAFT)

    response = _run_action(_logged_in(alice), m.Event, "publish_selected", draft)

    # She has no actions on events at all, so the POST just shows the change list.
    assert response.status_code == 200
    assert _reload(draft).curation_status == DRAFT
    assert _history(draft) == [("+", None, None)]  # only the factory's creation


def test_curator_cannot_delete_events(db, alice):
    published = f.EventFactory()
    draft = f.EventFactory(curation_status=DRAFT)
    client = _logged_in(alice)

    assert client.get(_url(m.Event, "delete", published.pk)).status_code == 403
    assert client.post(_url(m.Event, "delete", published.pk), {"post": "yes"}).status_code == 403
    assert client.post(_url(m.Event, "delete", draft.pk), {"post": "yes"}).status_code == 403
    with pytest.raises(PermissionDenied):
        curation.record_delete(obj=draft, actor=alice)
    assert m.Event.objects.filter(pk__in=[published.pk, draft.pk]).count() == 2


def test_curator_cannot_edit_a_published_event(db, alice):
    published = f.EventFactory(title="Talks")
    client = _logged_in(alice)

    response = client.get(_url(m.Event, "change", published.pk))
    assert response.status_code == 200  # she may still read it
    assert response.context["has_change_permission"] is False

    response = client.post(_url(m.Event, "change", published.pk), {"title": "Changed"})
    assert response.status_code == 403
    assert _reload(published).title == "Talks"


def test_curator_cannot_attach_a_citation_to_a_published_event(db, alice):
    published = f.EventFactory()
    source = f.SourceFactory()
    client = _logged_in(alice)
    data = form_data(client.get(_url(m.Citation, "add")))
    data |= {"source": source.pk, "event": published.pk, "quote": "more words"}

    response = client.post(_url(m.Citation, "add"), data)

    assert response.status_code == 200
    assert any("reviewer" in error for error in form_errors(response))
    assert not m.Citation.objects.exists()


# bob, the reviewer -----------------------------------------------------------


def test_reviewer_publishes_through_the_action(db, alice, bob):
    draft = f.cited(f.EventFactory(curation_status=DRAFT))
    statement = f.cited(f.StatementFactory(curation_status=DRAFT))

    response = _run_action(_logged_in(bob), m.Event, "publish_selected", draft)
    assert response.status_code == 302
    assert _reload(draft).curation_status == PUBLISHED
    assert _history(draft)[-1] == ("~", "bob", "published")

    # The same through the Statements screen: the proxy shares the workflow.
    _run_action(_logged_in(bob), m.Statement, "publish_selected", statement)
    assert _reload(statement).curation_status == PUBLISHED
    assert _history(statement)[-1] == ("~", "bob", "published")


def test_reviewer_retracts_with_a_reason_through_the_confirmation_page(db, bob):
    published = f.EventFactory()
    client = _logged_in(bob)

    confirmation = _run_action(client, m.Event, "retract_selected", published)
    assert confirmation.status_code == 200
    assert "admin/diplomacy/retract_confirmation.html" in [t.name for t in
                                                            confirmation.templates]
    assert _reload(published).curation_status == PUBLISHED  # nothing happens until confirmed

    response = client.post(_url(m.Event, "changelist"), {
        "action": "retract_selected", "_selected_action": [published.pk],
        "apply": "Retract", "reason": "The meeting never took place.",
    })

    assert response.status_code == 302
    published = _reload(published)
    assert published.curation_status == RETRACTED
    assert published.retraction_reason == "The meeting never took place."
    assert _history(published)[-1] == ("~", "bob", "retracted: The meeting never took place.")


def test_retraction_without_a_reason_is_refused(db, bob):
    published = f.EventFactory()

    with pytest.raises(ValidationError) as excinfo:
        curation.event_retract(event=published, actor=bob, reason="   ")
    assert "reason" in excinfo.value.message_dict

    response = _logged_in(bob).post(_url(m.Event, "changelist"), {
        "action": "retract_selected", "_selected_action": [published.pk],
        "apply": "Retract", "reason": "",
    })
    assert response.status_code == 200
    assert "needs a reason" in response.text
    assert _reload(published).curation_status == PUBLISHED


def test_reviewer_publishes_and_retracts_agreements(db, bob):
    agreement = f.cited(f.AgreementFactory(curation_status=DRAFT))

    curation.agreement_publish(agreement=agreement, actor=bob)
    assert agreement.curation_status == PUBLISHED
    curation.agreement_retract(agreement=agreement, actor=bob, reason="Duplicate of another")
    assert _reload(agreement).curation_status == RETRACTED
    assert _reload(agreement).retraction_reason == "Duplicate of another"


def test_only_allowed_transitions(db, bob):
    draft = f.EventFactory(curation_status=DRAFT)
    published = f.cited(f.EventFactory())

    with pytest.raises(ValidationError):
        curation.event_retract(event=draft, actor=bob, reason="not public yet")
    with pytest.raises(ValidationError):
        curation.event_publish(event=published, actor=bob)

    # A retraction made in error is undone by publishing again; history keeps it.
    curation.event_retract(event=published, actor=bob, reason="Mixed up with another")
    curation.event_publish(event=published, actor=bob)
    published = _reload(published)
    assert (published.curation_status, published.retraction_reason) == (PUBLISHED, "")
    assert [reason for *_, reason in _history(published)][-2:] == [
        "retracted: Mixed up with another", "published",
    ]


def test_reviewer_may_edit_a_published_event(db, bob):
    published = f.EventFactory(title="Talks")
    client = _logged_in(bob)
    data = form_data(client.get(_url(m.Event, "change", published.pk))) | {"title": "Talks!"}

    assert client.post(_url(m.Event, "change", published.pk), data).status_code == 302
    published = _reload(published)
    assert (published.title, published.curation_status) == ("Talks!", PUBLISHED)


def test_reviewer_cannot_change_status_through_the_form(db, bob):
    draft = f.EventFactory(curation_status=DRAFT)
    client = _logged_in(bob)
    data = form_data(client.get(_url(m.Event, "change", draft.pk)))
    data |= {"curation_status": PUBLISHED, "retraction_reason": "sneaky"}

    assert client.post(_url(m.Event, "change", draft.pk), data).status_code == 302
    assert (_reload(draft).curation_status, _reload(draft).retraction_reason) == (DRAFT, "")


# Nobody deletes what was public ------------------------------------------------


def test_published_and_retracted_records_are_never_deleted(db, root):
    published = f.EventFactory()
    retracted = f.EventFactory(curation_status=RETRACTED, retraction_reason="wrong")
    agreement = f.AgreementFactory()
    client = _logged_in(root)

    for model, record in ((m.Event, published), (m.Event, retracted),
                          (m.Agreement, agreement)):
        assert client.get(_url(model, "delete", record.pk)).status_code == 403
        assert client.post(_url(model, "delete", record.pk), {"post": "yes"}).status_code == 403
        with pytest.raises(PermissionDenied):
            curation.record_delete(obj=record, actor=root)
    # Nor in bulk, from the change list.
    response = _run_action(client, m.Event, "delete_selected", published, post="yes")
    assert response.status_code == 403

    assert m.Event.objects.filter(pk__in=[published.pk, retracted.pk]).count() == 2
    assert m.Agreement.objects.filter(pk=agreement.pk).exists()


def test_a_draft_may_be_deleted_by_someone_with_the_permission(db, root):
    draft = f.StatementFactory(curation_status=DRAFT)

    response = _logged_in(root).post(_url(m.Statement, "delete", draft.pk), {"post": "yes"})

    assert response.status_code == 302
    assert not m.Event.objects.filter(pk=draft.pk).exists()
    assert _history(draft)[-1] == ("-", "root", "deleted")


def test_history_records_who_made_each_change(db, alice, bob):
    event_url = _url(m.Event, "add")
    client = _logged_in(alice)
    data = form_data(client.get(event_url))
    data |= {"kind": m.EventKind.MEETING, "title": "Talks in Astana", "date": "2026-01-26"}
    add_inline_rows(data, "citations", {"source": f.SourceFactory().pk, "quote": "met"})
    client.post(event_url, data)
    event = m.Event.objects.get(title="Talks in Astana")

    curation.event_publish(event=event, actor=bob)
    curation.event_retract(event=event, actor=bob, reason="Wrong city")

    assert _history(event) == [
        ("+", "alice", "added in the admin"),
        ("~", "bob", "published"),
        ("~", "bob", "retracted: Wrong city"),
    ]
    assert m.Citation.history.get(event_id=event.pk).history_user == alice
    history_page = _logged_in(bob).get(_url(m.Event, "history", event.pk))
    assert history_page.status_code == 200
    assert "alice" in history_page.text and "bob" in history_page.text


def test_history_cannot_revert_a_curated_record(db, bob):
    """An old version carries its old status: reverting to it would bypass the workflow."""
    event = f.cited(f.EventFactory(curation_status=DRAFT))
    curation.event_publish(event=event, actor=bob)
    draft_version = event.history.earliest("history_date")
    client = _logged_in(bob)
    url = reverse("admin:diplomacy_event_simple_history", args=(event.pk, draft_version.pk))

    assert client.get(url).status_code == 200  # the old version can be read
    assert client.post(url, form_data(client.get(_url(m.Event, "change", event.pk)))
                       ).status_code == 403
    assert _reload(event).curation_status == PUBLISHED


# Publishing is a review -------------------------------------------------------


def test_an_uncited_record_is_not_published(db, bob):
    event = f.EventFactory(curation_status=DRAFT)
    agreement = f.AgreementFactory(curation_status=DRAFT)

    with pytest.raises(ValidationError) as excinfo:
        curation.event_publish(event=event, actor=bob)
    assert "citations" in excinfo.value.message_dict
    with pytest.raises(ValidationError):
        curation.agreement_publish(agreement=agreement, actor=bob)
    assert _reload(event).curation_status == DRAFT
    assert _reload(agreement).curation_status == DRAFT


def test_a_reviewer_does_not_publish_a_record_they_created(db, bob, settings):
    event = m.Event(kind=m.EventKind.MEETING, title="Talks", date=datetime.date(2026, 1, 26))
    event._history_user = bob
    event.save()
    f.cited(event)

    with pytest.raises(ValidationError) as excinfo:
        curation.event_publish(event=event, actor=bob)
    assert "another reviewer" in str(excinfo.value)
    assert _reload(event).curation_status == DRAFT

    settings.SECOND_REVIEWER_REQUIRED = False  # a one-person project
    curation.event_publish(event=event, actor=bob)
    assert _reload(event).curation_status == PUBLISHED


@pytest.mark.parametrize("reason", ["", "   ", "\u200b", "\u200b\u200d\ufeff", "\t\n"])
def test_a_retraction_needs_a_reason_in_words(db, bob, reason):
    published = f.cited(f.EventFactory())
    with pytest.raises(ValidationError):
        curation.event_retract(event=published, actor=bob, reason=reason)
    assert _reload(published).curation_status == PUBLISHED
