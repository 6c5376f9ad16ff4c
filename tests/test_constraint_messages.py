"""Every database rule speaks plain words on a field: a write that breaks a CheckConstraint
or UniqueConstraint is reported as ``{field: [message]}``, never by the constraint's name,
in model validation (what services and the admin's forms run) and in the API.

The tests enumerate ``Meta.constraints`` of every model of the app: a constraint added
without a message, a field, or a case here fails them.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models.constraints import BaseConstraint

from diplomacy import models as m
from diplomacy.api.exceptions import integrity_error_response
from diplomacy.models.common import RULE_FIELDS, Validated, rule_broken
from tests import factories as f

D = datetime.date

ALL = [(model, constraint)
       for model in apps.get_app_config("diplomacy").get_models()
       for constraint in model._meta.constraints]


def _name(param) -> str:
    return param[1].name if isinstance(param, tuple) else str(param)


@pytest.mark.parametrize("rule", ALL, ids=_name)
def test_every_constraint_has_a_plain_message_on_a_field(rule):
    model, constraint = rule
    message = str(constraint.violation_error_message or "")
    assert message and message != str(BaseConstraint.default_violation_error_message)
    assert constraint.name not in message and "_" not in message.split(":")[0]
    field = RULE_FIELDS[constraint.name]
    assert model._meta.get_field(field).concrete
    assert issubclass(model, Validated)  # reports it on that field


# --- One violation per constraint, checked by model validation ------------------------------


def _twin(record: models.Model, **changes) -> models.Model:
    """A saved record and an unsaved copy of it (with ``changes``, e.g. a public id of its
    own): the copy breaks a UNIQUE rule."""
    record.save()
    record.pk = None
    record._state.adding = True
    for name, value in changes.items():
        setattr(record, name, value)
    return record


def _event(**fields) -> m.Event:
    return m.Event(**{"kind": m.EventKind.MEETING, "title": "t", "date": D(2026, 1, 26),
                      "curation_status": m.CurationStatus.DRAFT} | fields)


def _agreement(**fields) -> m.Agreement:
    aze, isr = f.CountryFactory(iso3="AZE", iso2="AZ"), f.CountryFactory(iso3="ISR", iso2="IL")
    return m.Agreement(**{"title": "t", "kind": m.AgreementKind.ENERGY_FOR_ARMS,
                          "formality": m.Formality.INFORMAL, "first_party": aze,
                          "second_party": isr} | fields)


def _exchange(**fields) -> m.Exchange:
    agreement = f.AgreementFactory()
    return m.Exchange(**{"agreement": agreement, "from_country": agreement.first_party,
                         "to_country": agreement.second_party,
                         "category": m.ExchangeCategory.ENERGY} | fields)


def _participant(**fields) -> m.EventParticipant:
    country = f.CountryFactory()
    return m.EventParticipant(**{"event": f.EventFactory(), "role": m.ParticipantRole.HOST,
                                 "actor_country": country, "country": country} | fields)


def _timeline(model, **fields) -> models.Model:
    event = f.EventFactory()
    return model(event=event, curation_status="published", kind="meeting", date=event.date,
                 span_end=event.date, uid=event.uid, **fields)


def _change(**fields) -> m.Change:
    return m.Change(**{"at": datetime.datetime(2026, 1, 26, tzinfo=datetime.UTC),
                       "record_type": "event", "record_id": "ev-x",
                       "change": m.ChangeKind.CREATED} | fields)


# An unsaved record breaking each constraint (and only it, as far as validation goes).
VIOLATIONS: dict[str, Callable[[], models.Model]] = {
    "country_iso3_upper_alpha3": lambda: m.Country(iso3="aze", iso2="AZ", name="x"),
    "country_iso2_upper_alpha2": lambda: m.Country(iso3="AZE", iso2="a1", name="x"),
    "organisation_kind_valid": lambda: m.Organisation(slug="x", name="X", kind="cabal"),
    "organisation_not_own_parent": lambda: (lambda o: setattr(o, "parent", o) or o)(
        f.OrganisationFactory()),
    "person_alias_unique": lambda: _twin(m.PersonAlias(person=f.PersonFactory(), name="a")),
    "person_alias_kind_valid": lambda: m.PersonAlias(person=f.PersonFactory(), name="a",
                                                     kind="nickname"),
    "organisation_alias_unique": lambda: _twin(m.OrganisationAlias(
        organisation=f.OrganisationFactory(), name="a")),
    "organisation_alias_kind_valid": lambda: m.OrganisationAlias(
        organisation=f.OrganisationFactory(), name="a", kind="nickname"),
    "post_label_unique": lambda: _twin(f.PostFactory.build(country=f.CountryFactory()),
                                       slug="another-slug"),
    "tenure_ends_after_start": lambda: m.Tenure(
        person=f.PersonFactory(), post=f.PostFactory(), start_date=D(2024, 2, 1),
        end_date=D(2024, 1, 1)),
    "tenure_start_precision_valid": lambda: m.Tenure(
        person=f.PersonFactory(), post=f.PostFactory(), start_precision="week"),
    "tenure_end_precision_valid": lambda: m.Tenure(
        person=f.PersonFactory(), post=f.PostFactory(), end_precision="week"),
    "tenure_start_at_precision": lambda: m.Tenure(
        person=f.PersonFactory(), post=f.PostFactory(), start_date=D(2024, 2, 5),
        start_precision="month"),
    "tenure_end_at_precision": lambda: m.Tenure(
        person=f.PersonFactory(), post=f.PostFactory(), end_date=D(2024, 2, 5),
        end_precision="year"),
    "cameo_code_digits": lambda: m.CameoCode(code="4a", name="x"),
    "cameo_goldstein_range": lambda: m.CameoCode(code="042", name="x", goldstein=11),
    "cameo_not_own_root": lambda: m.CameoCode(code="042", name="x", root_id="042"),
    "cameo_plover_type_valid": lambda: m.CameoCode(code="042", name="x", plover_type="x"),
    "topic_slug_snake_case": lambda: m.Topic(slug="Human-Rights", name="x"),
    "agreement_curation_status_valid": lambda: _agreement(curation_status="archived"),
    "agreement_retraction_has_reason": lambda: _agreement(curation_status="retracted"),
    "agreement_kind_valid": lambda: _agreement(kind="barter"),
    "agreement_formality_valid": lambda: _agreement(formality="handshake"),
    "agreement_status_valid": lambda: _agreement(status="rumoured"),
    "agreement_verification_valid": lambda: _agreement(verification="rumoured"),
    "agreement_start_precision_valid": lambda: _agreement(start_precision="week"),
    "agreement_end_precision_valid": lambda: _agreement(end_precision="week"),
    "agreement_two_distinct_country_parties": lambda: (
        lambda a: setattr(a, "second_party", a.first_party) or a)(_agreement()),
    "agreement_ends_after_start": lambda: _agreement(start_date=D(2020, 1, 2),
                                                     end_date=D(2020, 1, 1)),
    "agreement_start_at_precision": lambda: _agreement(start_date=D(2020, 1, 2),
                                                       start_precision="year"),
    "agreement_end_at_precision": lambda: _agreement(end_date=D(2020, 1, 2),
                                                     end_precision="month"),
    "agreement_party_role_valid": lambda: m.AgreementParty(
        agreement=f.AgreementFactory(), organisation=f.OrganisationFactory(), role="x"),
    "agreement_party_one_actor": lambda: m.AgreementParty(agreement=f.AgreementFactory()),
    "agreement_party_unique_country": lambda: _twin(m.AgreementParty(
        agreement=f.AgreementFactory(), country=f.CountryFactory())),
    "agreement_party_unique_organisation": lambda: _twin(m.AgreementParty(
        agreement=f.AgreementFactory(), organisation=f.OrganisationFactory())),
    "exchange_category_valid": lambda: _exchange(category="spices"),
    "exchange_from_differs_from_to": lambda: (
        lambda e: setattr(e, "to_country", e.from_country) or e)(_exchange()),
    "exchange_value_has_currency": lambda: _exchange(value=10),
    "exchange_unique_flow": lambda: _twin(_exchange()),
    "change_kind_valid": lambda: _change(change="edited"),
    "event_curation_status_valid": lambda: _event(curation_status="archived"),
    "event_retraction_has_reason": lambda: _event(curation_status="retracted"),
    "event_kind_valid": lambda: _event(kind="summit"),
    "event_date_precision_valid": lambda: _event(date_precision="week"),
    "event_verification_valid": lambda: _event(verification="rumoured"),
    "event_incident_type_valid": lambda: _event(kind="incident", incident_type="riot"),
    "event_medium_valid": lambda: _event(kind="statement", quote="q", medium="pigeon",
                                         speaker_person=f.PersonFactory()),
    "event_plover_type_valid": lambda: _event(plover_type="x"),
    "event_date_end_not_before_date": lambda: _event(date_end=D(2026, 1, 25)),
    "event_date_at_precision": lambda: _event(date_precision="month"),
    "event_date_end_at_precision": lambda: _event(date=D(2026, 1, 1), date_end=D(2026, 2, 2),
                                                  date_precision="month"),
    "event_incident_type_only_on_incidents": lambda: _event(incident_type="attack"),
    "event_agreement_only_on_agreement_events": lambda: _event(
        agreement=f.AgreementFactory()),
    "event_statement_has_one_speaker_and_quote": lambda: _event(kind="statement", quote="q"),
    "event_speaker_post_needs_person": lambda: _event(
        kind="statement", quote="q", speaker_organisation=f.OrganisationFactory(),
        speaker_post=f.PostFactory()),
    "event_not_own_occasion": lambda: (lambda e: setattr(e, "occasion", e) or e)(
        f.EventFactory()),
    "event_country_unique": lambda: _twin(_timeline(
        m.EventCountry, country=f.CountryFactory(), by_participant=True,
        by_location=False)),
    "event_country_has_a_reason": lambda: _timeline(
        m.EventCountry, country=f.CountryFactory(), by_participant=False, by_location=False),
    "event_pair_unique": lambda: _twin(_timeline(
        m.EventPair, first=f.CountryFactory(iso3="AAA", iso2="AA"),
        second=f.CountryFactory(iso3="BBB", iso2="BB"))),
    "event_pair_ordered": lambda: _timeline(
        m.EventPair, first=f.CountryFactory(iso3="BBB", iso2="BB"),
        second=f.CountryFactory(iso3="AAA", iso2="AA")),
    "event_directed_pair_unique": lambda: _twin(_timeline(
        m.EventDirectedPair, source=f.CountryFactory(), target=f.CountryFactory())),
    "event_directed_pair_two_countries": lambda: (
        lambda c: _timeline(m.EventDirectedPair, source=c, target=c))(f.CountryFactory()),
    "participant_role_valid": lambda: _participant(role="bystander"),
    "participant_one_actor_or_name": lambda: _participant(actor_country=None, country=None),
    "participant_country_is_actor_country": lambda: _participant(country=f.CountryFactory()),
    "participant_unique_country": lambda: _twin(_participant()),
    "participant_unique_organisation": lambda: _twin(_participant(
        actor_country=None, actor_organisation=f.OrganisationFactory())),
    "participant_unique_person": lambda: _twin(_participant(
        actor_country=None, actor_person=f.PersonFactory())),
    "participant_unique_unresolved_name": lambda: _twin(_participant(
        actor_country=None, country=None, name="three nationals")),
    "event_relation_kind_valid": lambda: m.EventRelation(
        from_event=f.EventFactory(), to_event=f.EventFactory(), kind="caused"),
    "event_relation_certainty_valid": lambda: m.EventRelation(
        from_event=f.EventFactory(), to_event=f.EventFactory(), kind="follows",
        certainty="sure"),
    "event_relation_not_to_itself": lambda: (lambda e: m.EventRelation(
        from_event=e, to_event=e, kind="follows"))(f.EventFactory()),
    "event_relation_unique": lambda: _twin(m.EventRelation(
        from_event=f.EventFactory(), to_event=f.EventFactory(), kind="follows")),
    "release_version_not_blank": lambda: m.Release(version=""),
    "source_kind_valid": lambda: m.Source(kind="rumour", title="t"),
    "source_url_is_web_link": lambda: m.Source(kind="news_article", title="t",
                                               url="javascript:alert(1)"),
    "citation_cites_one_claim": lambda: m.Citation(source=f.SourceFactory()),
    "citation_unique_per_event": lambda: _twin(m.Citation(source=f.SourceFactory(),
                                                          event=f.EventFactory())),
    "citation_unique_per_agreement": lambda: _twin(m.Citation(
        source=f.SourceFactory(), agreement=f.AgreementFactory())),
}


@pytest.mark.django_db
@pytest.mark.parametrize("rule", ALL, ids=_name)
def test_a_broken_rule_is_reported_on_its_field_in_plain_words(rule):
    model, constraint = rule
    record = VIOLATIONS[constraint.name]()  # a KeyError: add a case for the new constraint
    assert isinstance(record, model)
    with pytest.raises(ValidationError) as broken:
        record.validate_constraints()
    errors = broken.value.message_dict
    field = RULE_FIELDS[constraint.name]
    assert str(constraint.violation_error_message) in errors.get(field, []), errors
    assert constraint.name not in str(errors)


# --- Behind validation: a race the database decides -----------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["tenure_ends_after_start", "post_label_unique",
                                  "participant_unique_person", "event_relation_unique",
                                  "exchange_value_has_currency"])
def test_an_integrity_error_is_answered_on_the_field(name):
    """What the API answers when the database refuses a write validation let through
    (another writer got there first): the field and the plain words, 409 for a
    duplicate, 400 for another rule."""
    record = VIOLATIONS[name]()
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        record.save_base(raw=True)
    field, message, duplicate = rule_broken(str(refused.value))
    assert (field, message) == (RULE_FIELDS[name], next(
        str(c.violation_error_message) for _, c in ALL if c.name == name))
    response = integrity_error_response(refused.value)
    assert response.status_code == (409 if duplicate else 400)
    assert response.data == {field: [message]}


@pytest.mark.django_db
def test_a_duplicate_public_id_that_escapes_validation_names_it():
    person = f.PersonFactory()
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        f.PersonFactory(slug=person.slug)
    response = integrity_error_response(refused.value)
    assert response.status_code == 409
    assert list(response.data) == ["slug"]


@pytest.mark.django_db
def test_a_model_form_shows_the_rule_beside_its_field():
    """What the admin's forms inherit: Django's ModelForm runs the same validation."""
    from django.forms import modelform_factory

    person, post = f.PersonFactory(), f.PostFactory()
    form = modelform_factory(m.Tenure, fields=["person", "post", "start_date", "start_precision",
                                               "end_date", "end_precision"])(data={
        "person": person.pk, "post": post.pk, "start_date": "2024-02-01",
        "start_precision": "day", "end_date": "2024-01-01", "end_precision": "day"})
    assert not form.is_valid()
    assert form.errors == {"end_date": ["ends before it starts"]}
