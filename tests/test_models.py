"""Small derived properties of the models."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from diplomacy.models import Event, EventParticipant, ParticipantRole, search_key
from tests import factories as f


@pytest.mark.parametrize(("date", "precision", "approximate", "label"), [
    (datetime.date(2024, 3, 22), "day", False, "2024-03-22 Attack"),
    (datetime.date(2024, 3, 1), "month", False, "2024-03 Attack"),
    (datetime.date(2024, 1, 1), "year", True, "~2024 Attack"),
])
def test_an_event_reads_at_its_precision(date, precision, approximate, label):
    event = Event(title="Attack", date=date, date_precision=precision, approximate=approximate)
    assert str(event) == label


@pytest.mark.parametrize(("written", "folded"), [
    ("Sa’ar", "saar"), ("Sa'ar", "saar"), ("SAAR", "saar"), ("Tokaýev", "tokayev"),
    ("İlham Əliyev", "ilham əliyev"), ("Dövlət  Təhlükəsizliyi", "dovlət təhlukəsizliyi"),
])
def test_search_key_ignores_case_apostrophes_and_diacritics(written, folded):
    assert search_key(written) == folded


# --- The country a participant is counted under -------------------------------------------


def _participant(**actor) -> EventParticipant:
    event = f.EventFactory(date=datetime.date(2026, 1, 26))
    participant = EventParticipant(event=event, role=ParticipantRole.GUEST, **actor)
    participant.save()
    return participant


@pytest.mark.django_db
def test_a_country_counts_as_itself():
    aze = f.CountryFactory(iso3="AZE")
    assert _participant(actor_country=aze).country_id == "AZE"


@pytest.mark.django_db
def test_an_organisation_counts_under_its_country_and_a_stateless_one_under_none():
    assert _participant(actor_organisation=f.OrganisationFactory(
        country=f.CountryFactory(iso3="AZE"))).country_id == "AZE"
    assert _participant(actor_organisation=f.OrganisationFactory(country=None)).country is None


@pytest.mark.django_db
def test_a_person_counts_under_the_country_of_the_post_held_that_day():
    """A dual national serving Israel counts for Israel, whatever the passport says."""
    person = f.PersonFactory(nationality=f.CountryFactory(iso3="USA"))
    f.TenureFactory(person=person, post=f.PostFactory(country=f.CountryFactory(iso3="ISR")),
                    start_date=datetime.date(2025, 11, 1), end_date=datetime.date(2026, 1, 1),
                    end_precision="month")  # "until January 2026" covers the 26th
    f.TenureFactory(person=person, post=f.PostFactory(country=f.CountryFactory(iso3="GBR")),
                    start_date=datetime.date(2010, 1, 1), end_date=datetime.date(2012, 1, 1))

    assert _participant(actor_person=person).country_id == "ISR"


@pytest.mark.django_db
def test_a_person_without_a_post_that_day_counts_under_their_nationality():
    person = f.PersonFactory(nationality=f.CountryFactory(iso3="AZE"))
    f.TenureFactory(person=person, start_date=datetime.date(2010, 1, 1),
                    end_date=datetime.date(2012, 1, 1))
    assert _participant(actor_person=person).country_id == "AZE"


@pytest.mark.django_db
def test_a_curators_choice_of_country_stands_for_people_and_organisations():
    person = f.PersonFactory(nationality=f.CountryFactory(iso3="AZE"))
    isr = f.CountryFactory(iso3="ISR")
    assert _participant(actor_person=person, country=isr).country_id == "ISR"


@pytest.mark.django_db
def test_validation_fills_the_country_and_refuses_another_for_a_country():
    aze, isr = f.CountryFactory(iso3="AZE"), f.CountryFactory(iso3="ISR")
    event = f.EventFactory()
    filled = EventParticipant(event=event, role=ParticipantRole.HOST, actor_country=aze)
    filled.full_clean()
    assert filled.country_id == "AZE"

    wrong = EventParticipant(event=event, role=ParticipantRole.GUEST, actor_country=aze,
                             country=isr)
    with pytest.raises(ValidationError) as excinfo:
        wrong.full_clean()
    assert "country" in excinfo.value.message_dict
