"""What a release contains: the rows, chosen and fetched in canonical order.

Nothing here may depend on the database: rows are sorted in Python by public ids
(never by database collation or primary key) and decimals get their field's
fixed places, so SQLite and PostgreSQL loaded from the same fixture agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import Q

from diplomacy import selectors
from diplomacy.models import (
    Agreement,
    AgreementParty,
    CameoCode,
    Citation,
    Country,
    Event,
    EventParticipant,
    EventRelation,
    Exchange,
    Organisation,
    OrganisationAlias,
    Person,
    PersonAlias,
    Post,
    Source,
    Tenure,
    Topic,
)

from .common import CHUNK, PUBLISHED
from .schema import public_id
from .tables import TABLES

# What a release holds, model by model, and why: ``release_contents`` collects exactly
# these models, and the codebook's "What a release contains" is written from this list.
# Fixture order: reference tables first, then every model after the ones it points to
# (self-references — organisation parents, statement occasions — load as forward
# references, which loaddata resolves).
INCLUDED: tuple[tuple[type[models.Model], str], ...] = (
    (Country, "the countries any other row refers to: where events happened, participants "
              "and their countries, whom statements are about, agreement parties and "
              "exchanges, people's nationalities, posts and organisations."),
    (Topic, "the topics of published events and agreements."),
    (CameoCode, "the CAMEO codes of published events, with their root codes."),
    (Organisation, "the organisations published records refer to (participants, speakers, "
                   "whom statements are about, agreement parties, exchange intermediaries, "
                   "publishers of the cited sources, the organisations of posts), and the "
                   "organisations these are part of, up the chain of parents."),
    (OrganisationAlias, "every alias of those organisations."),
    (Person, "the people published events refer to: participants, speakers and whom "
             "statements are about."),
    (PersonAlias, "every alias of those people."),
    (Post, "the posts those people held and the posts statements were spoken from."),
    (Tenure, "every tenure of those people."),
    (Source, "the sources cited by published events and agreements."),
    (Agreement, "every published agreement."),
    (AgreementParty, "the further parties of published agreements."),
    (Exchange, "the exchanges of published agreements."),
    (Event, "every published event. A link from a published event to an unpublished "
            "occasion or agreement is left empty."),
    (EventParticipant, "the participants of published events."),
    (EventRelation, "the relations whose two events are both published."),
    (Citation, "the citations of published events and agreements."),
)
FIXTURE_MODELS: tuple[type[models.Model], ...] = tuple(model for model, _ in INCLUDED)

# The related rows each model's rows and natural keys read, fetched with it.
_SELECT: dict[type[models.Model], tuple[str, ...]] = {
    Event: ("speaker_person", "speaker_organisation", "speaker_post", "occasion", "agreement"),
    EventParticipant: ("event", "actor_organisation", "actor_person"),
    EventRelation: ("from_event", "to_event"),
    Citation: ("source", "event", "agreement"),
    AgreementParty: ("agreement", "organisation"),
    Exchange: ("agreement", "via"),
    Source: ("publisher",),
    PersonAlias: ("person",),
    Organisation: ("parent",),
    OrganisationAlias: ("organisation",),
    Post: ("organisation",),
    Tenure: ("person", "post"),
}
_M2M: dict[type[models.Model], tuple[str, ...]] = {
    Event: ("topics", "about_countries", "about_organisations", "about_people"),
    Agreement: ("topics",),
}


def _fetch(model: type[models.Model], queryset: models.QuerySet) -> list[models.Model]:
    """Rows of ``queryset`` with what their CSV rows and natural keys read, in canonical
    order: nothing here may depend on the database's primary keys or collation."""
    if model in _SELECT:
        queryset = queryset.select_related(*_SELECT[model])
    objects = list(queryset.prefetch_related(*_M2M.get(model, ())).order_by())
    for obj in objects:
        for name in _M2M.get(model, ()):
            obj._prefetched_objects_cache[name]._result_cache.sort(key=public_id)
        normalise_decimals(obj)
    return sorted(objects, key=_natural_order)


def fetch_pks(model: type[models.Model], pks: Iterable[Any]) -> list[models.Model]:
    """The rows of ``model`` with these primary keys, as ``release_contents`` fetches them."""
    pks = sorted(set(pks), key=str)
    objects: list[models.Model] = []
    for start in range(0, len(pks), CHUNK):
        objects += _fetch(model, model._base_manager.filter(pk__in=pks[start:start + CHUNK]))
    return sorted(objects, key=_natural_order)


def normalise_decimals(obj: models.Model) -> None:
    # SQLite and PostgreSQL may hand back 7 or 7.0 for the same numeric(3, 1).
    for fld in obj._meta.concrete_fields:
        value = getattr(obj, fld.attname)
        if isinstance(fld, models.DecimalField) and value is not None:
            setattr(obj, fld.attname, Decimal(value).quantize(Decimal(1).scaleb(
                -fld.decimal_places)))


def _natural_order(obj: models.Model) -> tuple[str, ...]:
    key = obj.natural_key() if hasattr(obj, "natural_key") else (obj.pk,)
    return tuple("" if part is None else str(part) for part in key)


def _values(queryset: models.QuerySet, *names: str) -> set[Any]:
    found: set[Any] = set()
    for name in names:
        found.update(queryset.values_list(name, flat=True).order_by())
    found.discard(None)
    return found


def release_contents() -> dict[type[models.Model], list[models.Model]]:
    """Every row a release holds, by model, in fixture order: the models of ``INCLUDED``,
    each chosen as its entry there says, so that the fixture loads into an empty database.
    """
    events = Event.objects.filter(curation_status=PUBLISHED)
    agreements = Agreement.objects.filter(curation_status=PUBLISHED)
    participants = EventParticipant.objects.filter(event__in=events)
    relations = EventRelation.objects.filter(from_event__in=events, to_event__in=events)
    citations = Citation.objects.filter(Q(event__in=events) | Q(agreement__in=agreements))
    parties = AgreementParty.objects.filter(agreement__in=agreements)
    exchanges = Exchange.objects.filter(agreement__in=agreements)
    sources = Source.objects.filter(pk__in=citations.values("source"))
    people = Person.objects.filter(
        Q(pk__in=participants.values("actor_person")) | Q(pk__in=events.values("speaker_person"))
        | Q(pk__in=events.values("about_people")),
    )
    tenures = Tenure.objects.filter(person__in=people)
    posts = Post.objects.filter(Q(pk__in=tenures.values("post"))
                                | Q(pk__in=events.values("speaker_post")))

    # Organisations and the small reference tables are read whole and narrowed in
    # Python: the parent closure needs it, and no id list ever reaches SQL.
    all_organisations = {org.pk: org for org in Organisation.objects.only("pk", "parent")}
    organisation_ids = (
        _values(participants, "actor_organisation") | _values(events, "speaker_organisation")
        | _values(events, "about_organisations") | _values(parties, "organisation")
        | _values(exchanges, "via") | _values(sources, "publisher")
        | _values(posts, "organisation")
    )
    frontier = set(organisation_ids)
    while frontier:
        parents = {all_organisations[pk].parent_id for pk in frontier} - {None}
        frontier = parents - organisation_ids
        organisation_ids |= frontier

    contents: dict[type[models.Model], list[models.Model]] = {
        Event: _fetch(Event, events),
        Agreement: _fetch(Agreement, agreements),
        EventParticipant: _fetch(EventParticipant, participants),
        EventRelation: _fetch(EventRelation, relations),
        Citation: _fetch(Citation, citations),
        AgreementParty: _fetch(AgreementParty, parties),
        Exchange: _fetch(Exchange, exchanges),
        Source: _fetch(Source, sources),
        Person: _fetch(Person, people),
        PersonAlias: _fetch(PersonAlias, PersonAlias.objects.filter(person__in=people)),
        Tenure: _fetch(Tenure, tenures),
        Post: _fetch(Post, posts),
    }
    contents[Organisation] = [org for org in _fetch(Organisation, Organisation.objects.all())
                              if org.pk in organisation_ids]
    contents[OrganisationAlias] = [
        alias for alias in _fetch(OrganisationAlias, OrganisationAlias.objects.all())
        if alias.organisation_id in organisation_ids
    ]

    event_pks = {event.pk for event in contents[Event]}
    agreement_pks = {agreement.pk for agreement in contents[Agreement]}
    for event in contents[Event]:
        if event.occasion_id is not None and event.occasion_id not in event_pks:
            event.occasion = None
        if event.agreement_id is not None and event.agreement_id not in agreement_pks:
            event.agreement = None

    country_ids = (
        _values(events, "location_country", "about_countries")
        | _values(participants, "actor_country", "country")
        | _values(agreements, "first_party", "second_party")
        | _values(parties, "country") | _values(exchanges, "from_country", "to_country")
        | _values(people, "nationality") | _values(posts, "country")
        | {org.country_id for org in contents[Organisation]} - {None}
    )
    all_codes = {code.pk: code for code in _fetch(CameoCode, CameoCode.objects.all())}
    code_ids = {event.cameo_id for event in contents[Event]} - {None}
    code_ids |= {all_codes[code].root_id for code in code_ids} - {None}
    topic_ids = _values(events, "topics") | _values(agreements, "topics")
    contents[Country] = [c for c in _fetch(Country, Country.objects.all()) if c.pk in country_ids]
    contents[CameoCode] = [all_codes[code] for code in sorted(code_ids)]
    contents[Topic] = [t for t in _fetch(Topic, Topic.objects.all()) if t.pk in topic_ids]
    return {model: contents[model] for model in FIXTURE_MODELS}


def rows_by_table(contents: dict[type[models.Model], list[models.Model]]
                  ) -> dict[str, list[list[str]]]:
    return {table.name: table.rows(contents[table.model]) for table in TABLES}


def interop_events() -> list[Event]:
    """Published events for the interop files, with their related lists in canonical order.

    ``selectors.event_list`` orders participants by role and database id, and about_*
    by name under the database's collation; both differ between databases loaded from
    the same fixture, so the prefetched lists are re-sorted by public ids here.
    """
    events = sorted(selectors.event_list(statuses=[PUBLISHED]), key=lambda e: (e.date, e.uid))
    for event in events:
        cache = event._prefetched_objects_cache
        cache["participants"]._result_cache.sort(key=_participant_order)
        for name in ("about_countries", "about_organisations", "about_people"):
            cache[name]._result_cache.sort(key=public_id)
        if event.cameo_id:
            normalise_decimals(event.cameo)
    return events


def _participant_order(participant: EventParticipant) -> tuple[str, ...]:
    """A participant's natural key without its event: role, then the actor's public id."""
    return (participant.role, participant.actor_country_id or "",
            public_id(participant.actor_organisation) or "",
            public_id(participant.actor_person) or "", participant.name)
