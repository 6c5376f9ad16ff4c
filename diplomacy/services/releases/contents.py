"""What a release contains: the rows, chosen and fetched in canonical order.

Nothing here may depend on the database: rows are sorted in Python by public ids
(never by database collation or primary key) and decimals get their field's
fixed places, so SQLite and PostgreSQL loaded from the same fixture agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import batched
from typing import Any

from django.db import connection, models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce, Collate

from diplomacy.models import (
    Agreement,
    AgreementParty,
    CameoCode,
    Citation,
    Country,
    CurationStatus,
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
from .keys import NATURAL_KEYS, PK_IS_KEY
from .schema import public_id

# Rows per chunk when streaming a model's rows (and per prefetch query).
ITER_CHUNK = 2000

# What a release holds, model by model, and why: ``release_selection`` selects exactly
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
    """The rows of ``model`` with these primary keys, sorted by natural key."""
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
        found.update(queryset.values_list(name, flat=True).order_by().distinct())
    found.discard(None)
    return found


# --- Which rows: one queryset (or a set of ids) per model ---------------------------------------

@dataclass
class Selection:
    """Which rows of each model a release holds (``release_selection``)."""

    querysets: dict[type[models.Model], models.QuerySet]
    # Models narrowed in Python (small reference tables, the organisation closure).
    ids: dict[type[models.Model], set[Any]]
    # Retracted events and agreements the release carries (primary keys).
    carried: dict[type[models.Model], set[Any]]


def carried_retractions(previous_ids: dict[type[models.Model], set[str]]
                        ) -> dict[type[models.Model], set[Any]]:
    """The retracted records a release carries: those the previous release published
    (the retractions its CHANGES.md reports), so the reason travels with the release."""
    carried: dict[type[models.Model], set[Any]] = {Event: set(), Agreement: set()}
    for model in carried:
        uids = previous_ids.get(model, set())
        if uids:
            carried[model] = {pk for pk, uid in model._base_manager.filter(
                curation_status=CurationStatus.RETRACTED).values_list("pk", "uid").order_by()
                if uid in uids}
    return carried


def release_selection(carried: dict[type[models.Model], set[Any]] | None = None) -> Selection:
    """Every row a release holds, model by model, as ``INCLUDED`` says, so that the
    fixture loads into an empty database; and the retracted records in ``carried``,
    without their links to other records (see ``strip_retracted``)."""
    carried = carried or {Event: set(), Agreement: set()}
    events = Event.objects.filter(curation_status=PUBLISHED)
    agreements = Agreement.objects.filter(curation_status=PUBLISHED)
    gone_events = Event._base_manager.filter(pk__in=sorted(carried.get(Event, ())))
    gone_agreements = Agreement._base_manager.filter(pk__in=sorted(carried.get(Agreement, ())))
    participants = EventParticipant.objects.filter(event__in=events)
    relations = EventRelation.objects.filter(from_event__in=events, to_event__in=events)
    citations = Citation.objects.filter(Q(event__in=events) | Q(agreement__in=agreements))
    parties = AgreementParty.objects.filter(agreement__in=agreements)
    exchanges = Exchange.objects.filter(agreement__in=agreements)
    sources = Source.objects.filter(pk__in=citations.values("source"))
    people = Person.objects.filter(
        Q(pk__in=participants.values("actor_person")) | Q(pk__in=events.values("speaker_person"))
        | Q(pk__in=events.values("about_people"))
        | Q(pk__in=gone_events.values("speaker_person")),
    )
    tenures = Tenure.objects.filter(person__in=people)
    posts = Post.objects.filter(Q(pk__in=tenures.values("post"))
                                | Q(pk__in=events.values("speaker_post"))
                                | Q(pk__in=gone_events.values("speaker_post")))

    # The organisation closure is computed in Python: the parent chain needs it.
    parent_of = dict(Organisation.objects.values_list("pk", "parent").order_by())
    organisation_ids = (
        _values(participants, "actor_organisation") | _values(events, "speaker_organisation")
        | _values(events, "about_organisations") | _values(parties, "organisation")
        | _values(exchanges, "via") | _values(sources, "publisher")
        | _values(posts, "organisation") | _values(gone_events, "speaker_organisation")
    )
    frontier = set(organisation_ids)
    while frontier:
        parents = {parent_of[pk] for pk in frontier} - {None}
        frontier = parents - organisation_ids
        organisation_ids |= frontier
    del parent_of

    country_ids = (
        _values(events, "location_country", "about_countries")
        | _values(gone_events, "location_country", "about_countries")
        | _values(participants, "actor_country", "country")
        | _values(agreements, "first_party", "second_party")
        | _values(gone_agreements, "first_party", "second_party")
        | _values(parties, "country") | _values(exchanges, "from_country", "to_country")
        | _values(people, "nationality") | _values(posts, "country")
    )
    country_ids |= {country for pk, country in Organisation.objects.values_list(
        "pk", "country").order_by() if pk in organisation_ids and country}
    root_of = dict(CameoCode.objects.values_list("pk", "root").order_by())
    code_ids = _values(events, "cameo") | _values(gone_events, "cameo")
    code_ids |= {root_of[code] for code in code_ids} - {None}
    topic_ids = (_values(events, "topics") | _values(agreements, "topics")
                 | _values(gone_events, "topics") | _values(gone_agreements, "topics"))
    return Selection(
        querysets={
            Event: Event._base_manager.filter(Q(curation_status=PUBLISHED)
                                              | Q(pk__in=gone_events.values("pk"))),
            Agreement: Agreement._base_manager.filter(Q(curation_status=PUBLISHED)
                                                      | Q(pk__in=gone_agreements.values("pk"))),
            EventParticipant: participants, EventRelation: relations, Citation: citations,
            AgreementParty: parties, Exchange: exchanges, Source: sources, Person: people,
            PersonAlias: PersonAlias.objects.filter(person__in=people), Tenure: tenures,
            Post: posts, Organisation: Organisation.objects.all(),
            OrganisationAlias: OrganisationAlias.objects.all(), Country: Country.objects.all(),
            CameoCode: CameoCode.objects.all(), Topic: Topic.objects.all(),
        },
        ids={Organisation: organisation_ids, OrganisationAlias: organisation_ids,
             Country: country_ids, CameoCode: code_ids, Topic: topic_ids},
        carried={model: set(pks) for model, pks in carried.items()},
    )


# --- Rows in canonical order, a chunk at a time -----------------------------------------------

def _collation() -> str:
    # Code-point order on both: PostgreSQL's "C" and SQLite's BINARY compare UTF-8 bytes,
    # which sort as Python sorts strings. Natural keys never depend on the locale.
    return "C" if connection.vendor == "postgresql" else "BINARY"


def canonical_ordering(model: type[models.Model]) -> list[Any]:
    """ORDER BY expressions sorting ``model`` by its natural key as ``_natural_order``
    does in Python (a missing part as "")."""
    if model in PK_IS_KEY:
        paths = [model._meta.pk.name]
    else:
        paths = []
        for name in NATURAL_KEYS[model]:
            fld = model._meta.get_field(name)
            if fld.is_relation and fld.related_model not in PK_IS_KEY:
                paths.append(f"{name}__{NATURAL_KEYS[fld.related_model][0]}")
            else:
                paths.append(fld.attname)
    return [Collate(Coalesce(F(path), Value("")), _collation()) for path in paths]


def iter_rows(selection: Selection, model: type[models.Model], *, chunk: int = ITER_CHUNK
              ) -> Iterator[models.Model]:
    """The rows of ``model`` the release holds, in canonical order, ready to write:
    related lists sorted by public id, decimals at their fixed places, links to
    unpublished records left empty, carried retractions stripped. One query (a
    server-side cursor on PostgreSQL) plus one per prefetched list and chunk."""
    queryset = selection.querysets[model]
    if model in _SELECT:
        queryset = queryset.select_related(*_SELECT[model])
    queryset = queryset.prefetch_related(*_M2M.get(model, ())).order_by(
        *canonical_ordering(model))
    wanted = selection.ids.get(model)
    owner = "organisation_id" if model is OrganisationAlias else "pk"
    carried = selection.carried.get(model, ())
    for obj in queryset.iterator(chunk_size=chunk):
        if wanted is not None and getattr(obj, owner) not in wanted:
            continue
        for name in _M2M.get(model, ()):
            obj._prefetched_objects_cache[name]._result_cache.sort(key=public_id)
        normalise_decimals(obj)
        if obj.pk in carried:
            strip_retracted(obj)
        elif model is Event:
            if obj.occasion_id is not None and obj.occasion.curation_status != PUBLISHED:
                obj.occasion = None
            if obj.agreement_id is not None and obj.agreement.curation_status != PUBLISHED:
                obj.agreement = None
        yield obj


def strip_retracted(obj: models.Model) -> None:
    """A carried retraction keeps its own fields, status, reason, speaker, and its links
    to countries, topics and CAMEO codes; links to other records are left empty."""
    if isinstance(obj, Event):
        obj.occasion = None
        obj.agreement = None
        for name in ("about_organisations", "about_people"):
            obj._prefetched_objects_cache[name]._result_cache = []


def interop_chunks(*, chunk: int = ITER_CHUNK) -> Iterator[list[int]]:
    """The primary keys of the published events, by date and id, a chunk at a time, for
    the interop files (``services.interop.interop_facts`` reads each chunk)."""
    events = Event.objects.filter(curation_status=PUBLISHED).order_by(
        "date", Collate(F("uid"), _collation())).values_list("pk", flat=True)
    for part in batched(events.iterator(chunk_size=chunk), chunk):
        yield list(part)
