"""Factories for test data. Countries come from the shipped fixture when loaded,
otherwise they are created on demand with get_or_create semantics."""

from __future__ import annotations

import datetime

import factory
import pycountry
from factory.django import DjangoModelFactory

from diplomacy import models

# Made-up countries take "X" alpha-3 codes (ISO leaves X.. to users; no shipped country
# has one) and alpha-2 codes that ISO has not assigned, so they never collide with the
# shipped countries a test may also have loaded (alpha-2 is unique too).
_FREE_ALPHA2 = sorted({f"{a}{b}" for a in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                       for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}
                      - {country.alpha_2 for country in pycountry.countries})


class CountryFactory(DjangoModelFactory):
    class Meta:
        model = models.Country
        django_get_or_create = ("iso3",)

    iso3 = factory.Sequence(lambda n: f"X{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}")
    iso2 = factory.Sequence(lambda n: _FREE_ALPHA2[n % len(_FREE_ALPHA2)])
    name = factory.LazyAttribute(lambda o: f"Country {o.iso3}")


class TopicFactory(DjangoModelFactory):
    class Meta:
        model = models.Topic
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"topic_{n}")
    name = factory.LazyAttribute(lambda o: o.slug.replace("_", " "))


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = models.Organisation

    slug = factory.Sequence(lambda n: f"org-{n}")
    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = models.OrganisationKind.MINISTRY
    country = factory.SubFactory(CountryFactory)


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = models.Person

    slug = factory.Sequence(lambda n: f"person-{n}")
    name = factory.Sequence(lambda n: f"Person {n}")
    nationality = factory.SubFactory(CountryFactory)


class PersonAliasFactory(DjangoModelFactory):
    class Meta:
        model = models.PersonAlias

    person = factory.SubFactory(PersonFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")


class PostFactory(DjangoModelFactory):
    class Meta:
        model = models.Post

    slug = factory.Sequence(lambda n: f"post-{n}")
    label = factory.Sequence(lambda n: f"Minister {n}")
    country = factory.SubFactory(CountryFactory)


class TenureFactory(DjangoModelFactory):
    class Meta:
        model = models.Tenure

    person = factory.SubFactory(PersonFactory)
    post = factory.SubFactory(PostFactory)
    start_date = datetime.date(2020, 1, 1)


class SourceFactory(DjangoModelFactory):
    class Meta:
        model = models.Source

    kind = models.SourceKind.NEWS_REPORT
    title = factory.Sequence(lambda n: f"Report {n}")
    url = factory.Sequence(lambda n: f"https://news.example/{n}")
    published_on = datetime.date(2026, 1, 27)
    language = "en"


class EventFactory(DjangoModelFactory):
    class Meta:
        model = models.Event

    kind = models.EventKind.MEETING
    title = factory.Sequence(lambda n: f"Meeting {n}")
    date = datetime.date(2026, 1, 26)
    curation_status = models.CurationStatus.PUBLISHED


class StatementFactory(EventFactory):
    kind = models.EventKind.STATEMENT
    title = factory.Sequence(lambda n: f"Statement {n}")
    speaker_person = factory.SubFactory(PersonFactory)
    quote = "We had a fascinating meeting."
    language = "en"
    medium = models.StatementMedium.PRESS_CONFERENCE


class ParticipantFactory(DjangoModelFactory):
    class Meta:
        model = models.EventParticipant

    event = factory.SubFactory(EventFactory)
    role = models.ParticipantRole.PARTICIPANT
    actor_country = factory.SubFactory(CountryFactory)
    country = factory.SelfAttribute("actor_country")


class CitationFactory(DjangoModelFactory):
    class Meta:
        model = models.Citation

    source = factory.SubFactory(SourceFactory)
    event = factory.SubFactory(EventFactory)


class AgreementFactory(DjangoModelFactory):
    class Meta:
        model = models.Agreement

    title = factory.Sequence(lambda n: f"Agreement {n}")
    kind = models.AgreementKind.TRADE
    formality = models.Formality.MEMORANDUM
    status = models.AgreementStatus.SIGNED
    first_party = factory.SubFactory(CountryFactory)
    second_party = factory.SubFactory(CountryFactory)
    curation_status = models.CurationStatus.PUBLISHED


class ExchangeFactory(DjangoModelFactory):
    class Meta:
        model = models.Exchange

    agreement = factory.SubFactory(AgreementFactory)
    from_country = factory.SelfAttribute("agreement.first_party")
    to_country = factory.SelfAttribute("agreement.second_party")
    category = models.ExchangeCategory.ENERGY


def cited(record):
    """``record`` (an event or agreement) with one cited source, as publishing requires."""
    field = "event" if isinstance(record, models.Event) else "agreement"
    CitationFactory(**{"event": None, field: record}, quote="the supporting passage")
    return record
