"""Every registered admin screen renders: change list, search, add, change, history.

Plus the two things curators do most: record an event with its participants and
citations on one screen, and find a person by any spelling of the name.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.contrib.auth.models import Group
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from knox.models import AuthToken
from simple_history.admin import SimpleHistoryAdmin

from diplomacy import models as m
from tests import factories as f

from .helpers import add_inline_rows, form_data

D = datetime.date


def _organisation_alias() -> m.OrganisationAlias:
    return m.OrganisationAlias.objects.create(organisation=f.OrganisationFactory(), name="DTX")


def _relation() -> m.EventRelation:
    return m.EventRelation.objects.create(from_event=f.EventFactory(), to_event=f.EventFactory(),
                                          kind=m.RelationKind.PART_OF)


def _agreement_party() -> m.AgreementParty:
    return m.AgreementParty.objects.create(agreement=f.AgreementFactory(),
                                           organisation=f.OrganisationFactory(),
                                           role=m.PartyRole.IMPLEMENTING)


def _token(user) -> AuthToken:
    return AuthToken.objects.create(user)[0]


def _login_attempt(model: type[models.Model], **fields) -> models.Model:
    return model.objects.create(user_agent="pytest", ip_address="127.0.0.1", username="alice",
                                http_accept="*/*", path_info="/admin/login/", **fields)


# One existing object per registered model, for its change and history pages.
BUILDERS: dict[type[models.Model], Callable[..., models.Model]] = {
    m.Country: lambda user: f.CountryFactory(),
    m.Organisation: lambda user: f.OrganisationFactory(),
    m.OrganisationAlias: lambda user: _organisation_alias(),
    m.Person: lambda user: f.PersonFactory(),
    m.PersonAlias: lambda user: f.PersonAliasFactory(),
    m.Post: lambda user: f.PostFactory(),
    m.Tenure: lambda user: f.TenureFactory(),
    m.CameoCode: lambda user: m.CameoCode.objects.create(code="042", name="Make a visit"),
    m.Topic: lambda user: f.TopicFactory(),
    m.Source: lambda user: f.SourceFactory(),
    m.Citation: lambda user: f.CitationFactory(),
    m.Event: lambda user: f.EventFactory(),
    m.Statement: lambda user: f.StatementFactory(),
    m.Meeting: lambda user: f.EventFactory(kind=m.EventKind.MEETING),
    m.Incident: lambda user: f.EventFactory(kind=m.EventKind.INCIDENT,
                                            incident_type=m.IncidentType.FOILED_PLOT),
    m.EventParticipant: lambda user: f.ParticipantFactory(),
    m.EventRelation: lambda user: _relation(),
    m.Agreement: lambda user: f.AgreementFactory(),
    m.AgreementParty: lambda user: _agreement_party(),
    m.Exchange: lambda user: f.ExchangeFactory(),
    m.Release: lambda user: m.Release.objects.create(
        version="2026.01", released_at=datetime.datetime(2026, 1, 31, tzinfo=datetime.UTC),
        checksum="0" * 64, record_count=15),
    Group: lambda user: Group.objects.get(name="curators"),
    apps.get_model("auth", "User"): lambda user: user,
    AuthToken: _token,
    AccessAttempt: lambda user: _login_attempt(AccessAttempt, failures_since_start=1),
    AccessLog: lambda user: _login_attempt(AccessLog),
    AccessFailureLog: lambda user: _login_attempt(AccessFailureLog),
}

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)


def _url(model: type[models.Model], view: str, *args) -> str:
    # The admin escapes ids in URLs ("topic_12" would read as "topic" + chr(0x12)).
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}",
                   args=[quote(arg) for arg in args])


CURATED_MODELS = {
    m.Country, m.Organisation, m.OrganisationAlias, m.Person, m.PersonAlias, m.Post, m.Tenure,
    m.CameoCode, m.Topic, m.Source, m.Citation, m.Event, m.EventParticipant, m.EventRelation,
    m.Agreement, m.AgreementParty, m.Exchange, m.Statement, m.Meeting, m.Incident,
}


def test_every_curated_model_has_a_screen():
    assert set(admin.site._registry) >= CURATED_MODELS


def test_every_model_with_history_uses_the_history_admin():
    for model in CURATED_MODELS:
        if hasattr(model, "history"):
            assert isinstance(admin.site._registry[model], SimpleHistoryAdmin), model


def test_every_screen_has_a_builder():
    assert set(REGISTERED) <= set(BUILDERS)


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_screen_renders(db, root, root_client, model):
    obj = BUILDERS[model](root)
    pk = obj.pk

    assert root_client.get(_url(model, "changelist")).status_code == 200
    assert root_client.get(_url(model, "changelist"), {"q": "a'b é"}).status_code == 200
    # A read-only ledger (releases) offers no add form, even to a superuser.
    can_add = admin.site._registry[model].has_add_permission(_request(root))
    assert root_client.get(_url(model, "add")).status_code == (200 if can_add else 403)
    assert root_client.get(_url(model, "change", pk)).status_code == 200
    assert root_client.get(_url(model, "history", pk)).status_code == 200


def _request(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = user
    return request


@pytest.mark.parametrize("model", [m.Event, m.Statement, m.Agreement, m.Person],
                         ids=lambda model: model._meta.label)
def test_filtered_change_lists_render(db, root_client, model):
    """Each list filter and the date drill-down accept their own choices."""
    BUILDERS[model](None)
    response = root_client.get(_url(model, "changelist"))
    filter_links = [
        choice["query_string"]
        for spec in response.context["cl"].filter_specs
        for choice in spec.choices(response.context["cl"])
    ]
    assert filter_links
    for query_string in filter_links:
        assert root_client.get(_url(model, "changelist") + query_string).status_code == 200


def test_proxy_screens_list_only_their_kind(db, root_client):
    meeting = f.EventFactory(kind=m.EventKind.MEETING, title="Talks in Baku")
    statement = f.StatementFactory(title="Words in Astana")

    listed = root_client.get(_url(m.Statement, "changelist")).context["cl"].result_list
    assert list(listed) == [statement]
    assert root_client.get(_url(m.Statement, "change", meeting.pk)).status_code == 302


def test_statement_add_form_presets_kind_and_shows_statement_fields(db, root_client):
    form = root_client.get(_url(m.Statement, "add")).context["adminform"].form
    assert form["kind"].value() == m.EventKind.STATEMENT
    assert form.fields["kind"].disabled
    assert {"speaker_person", "speaker_post", "speaker_organisation", "quote", "language",
            "medium", "about_countries", "about_organisations", "about_people",
            "occasion"} <= set(form.fields)


def test_adding_a_statement_through_its_screen_records_history(db, root, root_client):
    speaker = f.PersonFactory(name="Gideon Sa'ar")
    data = form_data(root_client.get(_url(m.Statement, "add")))
    data |= {"title": "Sa'ar on the visit", "date": "2026-01-26", "speaker_person": speaker.pk,
             "quote": "A fascinating meeting.", "language": "en",
             "medium": m.StatementMedium.PRESS_CONFERENCE,
             "about_countries": [f.CountryFactory(iso3="IRN", iso2="IR").pk]}

    response = root_client.post(_url(m.Statement, "add"), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    statement = m.Event.objects.get(title="Sa'ar on the visit")
    assert statement.kind == m.EventKind.STATEMENT
    assert statement.curation_status == m.CurationStatus.DRAFT
    assert list(statement.about_countries.values_list("iso3", flat=True)) == ["IRN"]
    # Saved through the proxy, yet in the Event's history: creation, then the
    # "about" links (simple_history records a many-to-many change separately).
    history = statement.history.order_by("history_date", "history_id")
    assert [(h.history_type, h.history_user) for h in history] == [("+", root), ("~", root)]


def test_adding_an_event_with_participants_and_citations_on_one_screen(db, root, root_client):
    aze = f.CountryFactory(iso3="AZE", iso2="AZ", name="Azerbaijan")
    isr = f.CountryFactory(iso3="ISR", iso2="IL", name="Israel")
    saar = f.PersonFactory(name="Gideon Sa'ar", nationality=isr)
    source = f.SourceFactory(title="Ynet report")
    add_url = _url(m.Event, "add")
    data = form_data(root_client.get(add_url))
    data |= {"uid": "ev-baku0126", "kind": m.EventKind.VISIT, "title": "Sa'ar visits Baku",
             "date": "2026-01-26", "date_end": "2026-01-27", "place": "Baku",
             "location_country": "AZE"}
    add_inline_rows(data, "participants",
                    {"role": m.ParticipantRole.HOST, "actor": f"country:{aze.pk}",
                     "country": aze.pk},
                    {"role": m.ParticipantRole.GUEST, "actor": f"person:{saar.pk}",
                     "country": isr.pk})
    add_inline_rows(data, "citations", {"source": source.pk, "quote": "Sa'ar landed in Baku"})

    response = root_client.post(add_url, data)

    assert response.status_code == 302, response.context and response.context["errors"]
    event = m.Event.objects.get(uid="ev-baku0126")
    assert event.curation_status == m.CurationStatus.DRAFT  # new records are drafts
    assert {(p.role, p.country_id) for p in event.participants.all()} == {
        ("host", "AZE"), ("guest", "ISR"),
    }
    assert event.citations.get().quote == "Sa'ar landed in Baku"
    # Who made each change is kept, for the event and for the rows on its screen.
    assert [(h.history_type, h.history_user) for h in event.history.all()] == [("+", root)]
    participant_history = m.EventParticipant.history.filter(event_id=event.pk)
    assert {h.history_user for h in participant_history} == {root}
    assert m.Citation.history.get(event_id=event.pk).history_user == root
    history_page = root_client.get(_url(m.Event, "history", event.pk))
    assert "root" in history_page.text


def test_alias_finds_a_person(db, root_client):
    saar = f.PersonFactory(name="Gideon Sa'ar")
    f.PersonAliasFactory(person=saar, name="Gideon Saar", kind=m.AliasKind.TRANSLITERATION)
    f.PersonFactory(name="Ilham Aliyev")

    response = root_client.get(_url(m.Person, "changelist"), {"q": "Saar"})

    assert list(response.context["cl"].result_list) == [saar]


def test_search_finds_events_by_quote_and_participant_alias(db, root_client):
    saar = f.PersonFactory(name="Gideon Sa'ar")
    f.PersonAliasFactory(person=saar, name="Saar")
    visit = f.EventFactory(title="Foreign minister in Baku")
    f.ParticipantFactory(event=visit, actor_country=None, country=None, actor_person=saar)
    cited = f.EventFactory(title="Press conference")
    f.CitationFactory(event=cited, quote="energy for weapons")
    f.EventFactory(title="Unrelated")

    def found(term: str) -> list[m.Event]:
        response = root_client.get(_url(m.Event, "changelist"), {"q": term})
        return list(response.context["cl"].result_list)

    assert found("saar") == [visit]
    assert found("weapons") == [cited]


# Each list screen, with the rows its columns read, built twice: once small, once larger.
LIST_ROWS: dict[type[models.Model], Callable[[], object]] = {
    m.Event: lambda: f.ParticipantFactory(event=f.EventFactory()),
    m.Statement: lambda: f.StatementFactory(),
    m.Person: lambda: f.PersonAliasFactory(),
    m.Tenure: lambda: f.TenureFactory(),
    m.Citation: lambda: f.CitationFactory(),
    m.EventParticipant: lambda: f.ParticipantFactory(),
    m.Agreement: lambda: f.AgreementFactory(),
    m.Exchange: lambda: f.ExchangeFactory(),
}


@pytest.mark.parametrize("model", LIST_ROWS, ids=lambda model: model._meta.label)
def test_change_list_queries_do_not_grow_with_rows(db, root_client, model):
    def queries_for_page() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert root_client.get(_url(model, "changelist")).status_code == 200
        return len(captured)

    LIST_ROWS[model]()
    one_row = queries_for_page()
    for _ in range(4):
        LIST_ROWS[model]()
    assert queries_for_page() == one_row
