"""Every invariant of DESIGN §3 is a named database constraint, and each is refused
whichever way a bad row arrives: the ORM, model validation (what admin forms and
services run), or a fixture, which bypasses both save() and full_clean()."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, models, transaction

from diplomacy import models as m
from tests import factories as f

D = datetime.date


@dataclass
class Case:
    constraint: str
    build: Callable[[], models.Model]  # an unsaved instance breaking the constraint

    def __str__(self) -> str:
        return self.constraint


def _event(**kwargs) -> m.Event:
    fields = {"kind": m.EventKind.MEETING, "title": "t", "date": D(2026, 1, 26),
              "curation_status": m.CurationStatus.DRAFT} | kwargs
    return m.Event(**fields)


def _statement_without_speaker() -> m.Event:
    return _event(kind=m.EventKind.STATEMENT, quote="words", language="en")


def _meeting_with_speaker() -> m.Event:
    return _event(speaker_person=f.PersonFactory(), quote="words")


def _tenure_backwards() -> m.Tenure:
    return m.Tenure(person=f.PersonFactory(), post=f.PostFactory(),
                    start_date=D(2024, 11, 10), end_date=D(2024, 1, 1))


def _agreement(**kwargs) -> m.Agreement:
    aze = f.CountryFactory(iso3="AZE", iso2="AZ")
    isr = f.CountryFactory(iso3="ISR", iso2="IL")
    fields = {"title": "t", "kind": m.AgreementKind.ENERGY_FOR_ARMS,
              "formality": m.Formality.INFORMAL, "first_party": aze, "second_party": isr} | kwargs
    return m.Agreement(**fields)


def _agreement_one_country() -> m.Agreement:
    aze = f.CountryFactory(iso3="AZE", iso2="AZ")
    return _agreement(first_party=aze, second_party=aze)


def _exchange_to_itself() -> m.Exchange:
    agreement = f.AgreementFactory()
    return m.Exchange(agreement=agreement, from_country=agreement.first_party,
                      to_country=agreement.first_party, category=m.ExchangeCategory.ENERGY)


def _participant_without_actor() -> m.EventParticipant:
    return m.EventParticipant(event=f.EventFactory(), role=m.ParticipantRole.GUEST)


def _participant_two_actors() -> m.EventParticipant:
    country = f.CountryFactory()
    return m.EventParticipant(event=f.EventFactory(), role=m.ParticipantRole.GUEST,
                              actor_country=country, actor_person=f.PersonFactory(),
                              country=country)


def _participant_miscounted() -> m.EventParticipant:
    return m.EventParticipant(event=f.EventFactory(), role=m.ParticipantRole.HOST,
                              actor_country=f.CountryFactory(), country=f.CountryFactory())


def _country_participant_not_counted() -> m.EventParticipant:
    return m.EventParticipant(event=f.EventFactory(), role=m.ParticipantRole.HOST,
                              actor_country=f.CountryFactory(), country=None)


def _citation_of_nothing() -> m.Citation:
    return m.Citation(source=f.SourceFactory())


def _citation_of_two_claims() -> m.Citation:
    return m.Citation(source=f.SourceFactory(), event=f.EventFactory(),
                      agreement=f.AgreementFactory())


def _relation_to_itself() -> m.EventRelation:
    event = f.EventFactory()
    return m.EventRelation(from_event=event, to_event=event, kind=m.RelationKind.FOLLOWS)


CASES = [
    Case("event_date_end_not_before_date",
         lambda: _event(date=D(2026, 1, 27), date_end=D(2026, 1, 26))),
    Case("event_date_at_precision",
         lambda: _event(date=D(2024, 6, 5), date_precision=m.DatePrecision.MONTH)),
    Case("event_date_end_at_precision",
         lambda: _event(date=D(2024, 1, 1), date_end=D(2025, 3, 3),
                        date_precision=m.DatePrecision.YEAR)),
    Case("event_kind_valid", lambda: _event(kind="summit")),
    Case("event_verification_valid", lambda: _event(verification="rumoured")),
    Case("event_curation_status_valid", lambda: _event(curation_status="archived")),
    Case("event_retraction_has_reason",
         lambda: _event(curation_status=m.CurationStatus.RETRACTED, retraction_reason="")),
    Case("event_statement_has_one_speaker_and_quote", _statement_without_speaker),
    Case("event_statement_has_one_speaker_and_quote", _meeting_with_speaker),
    Case("event_incident_type_only_on_incidents",
         lambda: _event(incident_type=m.IncidentType.ATTACK)),
    Case("event_medium_valid",
         lambda: _event(kind=m.EventKind.STATEMENT, quote="q", medium="carrier_pigeon",
                        speaker_person=f.PersonFactory())),
    Case("tenure_ends_after_start", _tenure_backwards),
    Case("agreement_two_distinct_country_parties", _agreement_one_country),
    Case("agreement_kind_valid", lambda: _agreement(kind="barter")),
    Case("agreement_status_valid", lambda: _agreement(status="rumoured")),
    Case("agreement_formality_valid", lambda: _agreement(formality="handshake")),
    Case("agreement_ends_after_start",
         lambda: _agreement(start_date=D(2020, 1, 2), end_date=D(2019, 1, 1))),
    Case("exchange_from_differs_from_to", _exchange_to_itself),
    Case("participant_one_actor_or_name", _participant_without_actor),
    Case("participant_one_actor_or_name", _participant_two_actors),
    Case("participant_country_is_actor_country", _participant_miscounted),
    Case("participant_role_valid",
         lambda: m.EventParticipant(event=f.EventFactory(), role="bystander", name="x")),
    Case("citation_cites_one_claim", _citation_of_nothing),
    Case("citation_cites_one_claim", _citation_of_two_claims),
    Case("event_relation_not_to_itself", _relation_to_itself),
    Case("organisation_kind_valid",
         lambda: m.Organisation(slug="x", name="X", kind="cabal")),
    Case("source_kind_valid", lambda: m.Source(kind="rumour", title="t")),
    Case("country_iso3_upper_alpha3", lambda: m.Country(iso3="aze", iso2="AZ", name="x")),
]


def _ids(case: Case) -> str:
    return f"{case.constraint}:{case.build.__name__}"


def test_every_case_names_a_declared_constraint():
    declared = {
        constraint.name
        for model in (m.Event, m.Tenure, m.Agreement, m.Exchange, m.EventParticipant,
                      m.Citation, m.EventRelation, m.Organisation, m.Source, m.Country)
        for constraint in model._meta.constraints
    }
    assert {case.constraint for case in CASES} <= declared


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_orm_insert_is_refused_by_the_database(case: Case):
    instance = case.build()
    model = type(instance)
    before = model.objects.count()
    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        instance.save_base(raw=True)  # skip save() helpers: the database alone decides
    assert case.constraint in str(excinfo.value)  # the database names the broken rule
    assert model.objects.count() == before


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_model_validation_names_the_problem(case: Case):
    """full_clean() is what admin forms and services run before writing."""
    instance = case.build()
    with pytest.raises(ValidationError):
        instance.full_clean()


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_fixture_is_refused_and_writes_nothing(case: Case, tmp_path):
    instance = case.build()
    model = type(instance)
    columns = [field.name for field in model._meta.concrete_fields if not field.primary_key]
    payload = json.loads(serializers.serialize(
        "json", [instance], fields=columns,
        use_natural_foreign_keys=True, use_natural_primary_keys=True,
    ))
    fixture = tmp_path / "bad.json"
    fixture.write_text(json.dumps(payload))
    before = model.objects.count()
    with pytest.raises(IntegrityError), transaction.atomic():
        call_command("loaddata", str(fixture), verbosity=0)
    assert model.objects.count() == before


@pytest.mark.django_db
def test_public_identifiers_are_unique():
    event = f.EventFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        f.EventFactory(uid=event.uid)
    person = f.PersonFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        f.PersonFactory(slug=person.slug)
    source = f.SourceFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        f.SourceFactory(uid=source.uid)
    agreement = f.AgreementFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        f.AgreementFactory(uid=agreement.uid)


@pytest.mark.django_db
def test_the_same_actor_in_the_same_role_is_recorded_once():
    participant = f.ParticipantFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        f.ParticipantFactory(event=participant.event, actor_country=participant.actor_country)


@pytest.mark.django_db
def test_a_country_taking_part_is_never_left_uncounted(tmp_path):
    """Validation and save() fill the counted country; a raw insert or a fixture that
    leaves it empty is refused by the database, so no door drops the country from
    country and dyad queries."""
    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        _country_participant_not_counted().save_base(raw=True)
    assert "participant_country_is_actor_country" in str(excinfo.value)

    fixture = tmp_path / "uncounted.json"
    fixture.write_text(serializers.serialize(
        "json", [_country_participant_not_counted()], use_natural_foreign_keys=True,
        use_natural_primary_keys=True))
    with pytest.raises(IntegrityError), transaction.atomic():
        call_command("loaddata", str(fixture), verbosity=0)
    assert not m.EventParticipant.objects.exists()
