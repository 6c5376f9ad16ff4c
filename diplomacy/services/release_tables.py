"""The tables of a dataset release, described once.

Each ``Table`` names its CSV file, its columns (type, description, enumerated
values, whether required), its primary key and its foreign keys. The CSV
headers and rows, ``datapackage.json``, ``CODEBOOK.md`` and the import-time
validator are all generated from ``TABLES``, so they cannot drift apart.

Column descriptions come from the model field's ``help_text``; where a field
has none, the spec gives one (``fallback``). ``note`` adds what is true of the
CSV but not of the model (e.g. a link to an unpublished record is left empty).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models

from diplomacy.models import (
    Agreement,
    AgreementParty,
    CameoCode,
    Citation,
    Country,
    DatePrecision,
    Event,
    EventKind,
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

Getter = Callable[[Any], Any]

LIST_SEPARATOR = ";"
# Models whose primary key is their public id: a foreign key to them is read
# from the ``_id`` attribute without touching the related row.
_PK_IS_PUBLIC = (Country, CameoCode, Topic)

# What an enumerated value means, where the label alone does not say it.
ENUM_MEANINGS: dict[type[models.TextChoices], dict[str, str]] = {
    DatePrecision: {
        "day": "the date is the day itself",
        "month": "only the month is known; the date is the first day of that month",
        "year": "only the year is known; the date is 1 January of that year",
    },
}


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a Table Schema type: string, date, boolean, number
    description: str
    get: Getter
    required: bool = False
    enum: tuple[tuple[str, str], ...] = ()  # (value, meaning)
    max_length: int | None = None
    decimal_places: int | None = None
    is_list: bool = False
    # For a list column: the table and column each item refers to.
    list_ref: tuple[str, str] | None = None


@dataclass(frozen=True)
class ForeignKey:
    columns: tuple[str, ...]
    table: str
    ref_columns: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    name: str
    path: str
    title: str
    description: str
    model: type[models.Model]
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    # Which of the model's exported rows belong in this table (statements: kind=statement).
    include: Callable[[Any], bool] = lambda obj: True
    # Curated claims (events, agreements): an id that disappears was retracted.
    curated: bool = False

    @property
    def header(self) -> list[str]:
        return [column.name for column in self.columns]

    def column(self, name: str) -> Column:
        return next(column for column in self.columns if column.name == name)

    def rows(self, objects: Iterable[Any]) -> list[list[str]]:
        """The table's CSV rows (as strings) for ``objects``, sorted by primary key."""
        rows = [[cell(column, column.get(obj)) for column in self.columns]
                for obj in objects if self.include(obj)]
        key_positions = [self.header.index(name) for name in self.primary_key]
        return sorted(rows, key=lambda row: [row[i] for i in key_positions])

    def key(self, row: list[str]) -> tuple[str, ...]:
        return tuple(row[self.header.index(name)] for name in self.primary_key)


def public_id(obj: models.Model | None) -> str | None:
    """The id a record is known by outside this database: uid, slug or code."""
    if obj is None:
        return None
    return getattr(obj, "uid", None) or getattr(obj, "slug", None) or obj.pk


def cell(column: Column, value: Any) -> str:
    """One CSV cell: empty for null, ``true``/``false``, ISO dates, fixed decimals."""
    if value is None:
        return ""
    if column.is_list:
        return LIST_SEPARATOR.join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, f".{column.decimal_places}f")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _type_of(field: models.Field) -> str:
    if isinstance(field, models.BooleanField):
        return "boolean"
    if isinstance(field, models.DateField):
        return "date"
    if isinstance(field, models.DecimalField):
        return "number"
    return "string"


def _enum(field: models.Field) -> tuple[tuple[str, str], ...]:
    if not field.choices:
        return ()
    meanings: dict[str, str] = {}
    for choices, texts in ENUM_MEANINGS.items():
        if set(choices.values) == {value for value, _ in field.choices}:
            meanings = texts
    return tuple((value, meanings.get(value, str(label))) for value, label in field.choices)


def col(model: type[models.Model], field_name: str, *, name: str | None = None,
        fallback: str = "", note: str = "", get: Getter | None = None,
        required: bool | None = None, ref: tuple[str, str] | None = None) -> Column:
    """A column from a model field: type, description, enum and required-ness follow it."""
    field = model._meta.get_field(field_name)
    description = str(field.help_text or fallback or field.verbose_name).strip()
    if note:
        description = f"{description} {note}"
    if field.many_to_many:
        target = ref[0] if ref else field.related_model._meta.verbose_name_plural
        return Column(
            name=name or field_name, type="string", is_list=True, list_ref=ref,
            description=f"{description} Ids separated by '{LIST_SEPARATOR}' ({target}).",
            get=get or (lambda obj: sorted(public_id(x) for x in getattr(obj, field_name).all())),
        )
    if field.is_relation:
        if get is None:
            if issubclass(field.related_model, _PK_IS_PUBLIC):
                get = _attr(field.attname)
            else:
                get = lambda obj: public_id(getattr(obj, field_name))  # noqa: E731
        return Column(name=name or field_name, type="string", description=description, get=get,
                      required=(not field.null) if required is None else required)
    return Column(
        name=name or field_name,
        type=_type_of(field),
        description=description,
        get=get or _attr(field.attname),
        required=(not (field.null or field.blank)) if required is None else required,
        enum=_enum(field),
        max_length=getattr(field, "max_length", None) if _type_of(field) == "string" else None,
        decimal_places=getattr(field, "decimal_places", None),
    )


def _attr(name: str) -> Getter:
    return lambda obj: getattr(obj, name)


def _id(model: type[models.Model], field_name: str) -> Column:
    """The public id column, named ``id``."""
    return col(model, field_name, name="id", required=True)


def _precision(model: type[models.Model], precision: str, date: str) -> Column:
    """A precision column, empty when its date is empty (the precision of nothing)."""
    return col(model, precision, required=False,
               fallback=f"How much of {date} the sources support.",
               note=f"Empty when {date} is empty.",
               get=lambda obj: getattr(obj, precision) if getattr(obj, date) else None)


def _fk(columns: str | tuple[str, ...], table: str, ref: str | tuple[str, ...] = "id"
        ) -> ForeignKey:
    columns = (columns,) if isinstance(columns, str) else columns
    ref = (ref,) if isinstance(ref, str) else ref
    return ForeignKey(columns=columns, table=table, ref_columns=ref)


UNPUBLISHED_LINK = "Empty when the linked record is not published."

TABLES: tuple[Table, ...] = (
    Table(
        name="events", path="data/events.csv", title="Events",
        description="Published events of every kind: one dated happening per row.",
        model=Event, curated=True, primary_key=("id",),
        columns=(
            _id(Event, "uid"),
            col(Event, "kind", fallback="Kind of event."),
            col(Event, "title"),
            col(Event, "summary"),
            col(Event, "date"),
            col(Event, "date_end"),
            col(Event, "date_precision"),
            col(Event, "approximate"),
            col(Event, "place"),
            col(Event, "location_country"),
            col(Event, "verification"),
            col(Event, "incident_type"),
            col(Event, "cameo", name="cameo_code",
                fallback="CAMEO event code; its name, Goldstein intensity and PLOVER "
                         "mapping are in cameo_codes."),
            col(Event, "plover_type"),
            col(Event, "plover_mode"),
            col(Event, "plover_context"),
            col(Event, "agreement", note=UNPUBLISHED_LINK),
            col(Event, "topics", fallback="Topics the event concerns.", ref=("topics", "id")),
            col(Event, "note"),
        ),
        foreign_keys=(
            _fk("location_country", "countries"),
            _fk("cameo_code", "cameo_codes", "code"),
            _fk("agreement", "agreements"),
        ),
    ),
    Table(
        name="statements", path="data/statements.csv", title="Statements",
        description="The statement-only fields of events of kind 'statement', keyed by the "
                    "event id: who spoke, the words, and whom they were about.",
        model=Event, primary_key=("event",),
        include=lambda event: event.kind == EventKind.STATEMENT,
        columns=(
            col(Event, "uid", name="event", required=True,
                fallback="The statement's event id.", note="The statement's event id."),
            col(Event, "speaker_person", fallback="The person who spoke, if a person did."),
            col(Event, "speaker_organisation"),
            col(Event, "speaker_post"),
            col(Event, "quote"),
            col(Event, "language"),
            col(Event, "medium", fallback="How the words were delivered."),
            col(Event, "occasion", note=UNPUBLISHED_LINK),
            col(Event, "about_countries", fallback="Countries the statement is about.",
                ref=("countries", "id")),
            col(Event, "about_organisations", fallback="Organisations the statement is about.",
                ref=("organisations", "id")),
            col(Event, "about_people", fallback="People the statement is about.",
                ref=("people", "id")),
        ),
        foreign_keys=(
            _fk("event", "events"),
            _fk("speaker_person", "people"),
            _fk("speaker_organisation", "organisations"),
            _fk("speaker_post", "posts"),
            _fk("occasion", "events"),
        ),
    ),
    Table(
        name="participants", path="data/participants.csv", title="Event participants",
        description="Actors taking part in events, each in a role. The actor is one country, "
                    "organisation or person, or only a name when no record matches.",
        model=EventParticipant,
        primary_key=("event", "role", "actor_country", "actor_organisation", "actor_person",
                     "name"),
        columns=(
            col(EventParticipant, "event", fallback="The event."),
            col(EventParticipant, "role", fallback="The part the actor played."),
            col(EventParticipant, "actor_country", fallback="The actor, when it is a country."),
            col(EventParticipant, "actor_organisation",
                fallback="The actor, when it is an organisation."),
            col(EventParticipant, "actor_person", fallback="The actor, when it is a person."),
            col(EventParticipant, "name"),
            col(EventParticipant, "country"),
            col(EventParticipant, "note", fallback="Curator's note on this participation."),
        ),
        foreign_keys=(
            _fk("event", "events"),
            _fk("actor_country", "countries"),
            _fk("actor_organisation", "organisations"),
            _fk("actor_person", "people"),
            _fk("country", "countries"),
        ),
    ),
    Table(
        name="event_relations", path="data/event_relations.csv", title="Event relations",
        description="Directed links between two published events, e.g. a meeting part of "
                    "a visit.",
        model=EventRelation, primary_key=("from_event", "to_event", "kind"),
        columns=(
            col(EventRelation, "from_event", fallback="The event the relation starts from."),
            col(EventRelation, "to_event", fallback="The event it points to."),
            col(EventRelation, "kind", fallback="How the first event relates to the second."),
            col(EventRelation, "certainty"),
            col(EventRelation, "note"),
        ),
        foreign_keys=(_fk("from_event", "events"), _fk("to_event", "events")),
    ),
    Table(
        name="agreements", path="data/agreements.csv", title="Agreements",
        description="Published agreements binding two or more states, formal or not.",
        model=Agreement, curated=True, primary_key=("id",),
        columns=(
            _id(Agreement, "uid"),
            col(Agreement, "title", fallback="The agreement's name or a descriptive title."),
            col(Agreement, "summary", fallback="What was agreed, in the curator's words."),
            col(Agreement, "kind", fallback="What the agreement is about."),
            col(Agreement, "formality", fallback="How formal the agreement is."),
            col(Agreement, "status"),
            col(Agreement, "verification",
                fallback="How well the sources establish the agreement exists."),
            col(Agreement, "first_party"),
            col(Agreement, "second_party"),
            col(Agreement, "start_date"),
            _precision(Agreement, "start_precision", "start_date"),
            col(Agreement, "end_date"),
            _precision(Agreement, "end_precision", "end_date"),
            col(Agreement, "approximate",
                fallback="The sources only place the dates roughly."),
            col(Agreement, "topics", fallback="Topics the agreement concerns.",
                ref=("topics", "id")),
            col(Agreement, "note", fallback="Curator's note: doubts and coding decisions."),
        ),
        foreign_keys=(_fk("first_party", "countries"), _fk("second_party", "countries")),
    ),
    Table(
        name="agreement_parties", path="data/agreement_parties.csv", title="Agreement parties",
        description="Further parties to agreements beyond the two principal countries: other "
                    "countries and implementing organisations.",
        model=AgreementParty, primary_key=("agreement", "country", "organisation"),
        columns=(
            col(AgreementParty, "agreement", fallback="The agreement."),
            col(AgreementParty, "country", fallback="The party, when it is a country."),
            col(AgreementParty, "organisation", fallback="The party, when it is an "
                                                         "organisation."),
            col(AgreementParty, "role", fallback="The part the party plays."),
            col(AgreementParty, "note", fallback="Curator's note on this party."),
        ),
        foreign_keys=(_fk("agreement", "agreements"), _fk("country", "countries"),
                      _fk("organisation", "organisations")),
    ),
    Table(
        name="exchanges", path="data/exchanges.csv", title="Exchanges",
        description="Directed flows under agreements: what goes from one party to the other.",
        model=Exchange, primary_key=("agreement", "from_country", "to_country", "category"),
        columns=(
            col(Exchange, "agreement", fallback="The agreement the flow belongs to."),
            col(Exchange, "from_country"),
            col(Exchange, "to_country"),
            col(Exchange, "category", fallback="What flows."),
            col(Exchange, "description"),
            col(Exchange, "via"),
            col(Exchange, "quantity"),
            col(Exchange, "value"),
            col(Exchange, "currency"),
        ),
        foreign_keys=(_fk("agreement", "agreements"), _fk("from_country", "countries"),
                      _fk("to_country", "countries"), _fk("via", "organisations")),
    ),
    Table(
        name="sources", path="data/sources.csv", title="Sources",
        description="Documents cited by published events and agreements.",
        model=Source, primary_key=("id",),
        columns=(
            _id(Source, "uid"),
            col(Source, "kind", fallback="What sort of document it is."),
            col(Source, "title"),
            col(Source, "publisher"),
            col(Source, "author"),
            col(Source, "url", fallback="Where the document can be read, if known."),
            col(Source, "published_on"),
            col(Source, "language"),
            col(Source, "note"),
        ),
        foreign_keys=(_fk("publisher", "organisations"),),
    ),
    Table(
        name="citations", path="data/citations.csv", title="Citations",
        description="Links from a published event or agreement to a source backing it, with "
                    "the passage it rests on. Exactly one of event and agreement is set.",
        model=Citation, primary_key=("source", "event", "agreement"),
        columns=(
            col(Citation, "source", fallback="The cited source."),
            col(Citation, "event", fallback="The event the source backs."),
            col(Citation, "agreement", fallback="The agreement the source backs."),
            col(Citation, "quote"),
            col(Citation, "note", fallback="Curator's note on this citation."),
        ),
        foreign_keys=(_fk("source", "sources"), _fk("event", "events"),
                      _fk("agreement", "agreements")),
    ),
    Table(
        name="people", path="data/people.csv", title="People",
        description="People referenced by published records (participants, speakers, "
                    "people statements are about).",
        model=Person, primary_key=("id",),
        columns=(
            _id(Person, "slug"),
            col(Person, "name"),
            col(Person, "sort_name"),
            col(Person, "nationality", fallback="Country of nationality, where recorded."),
            col(Person, "wikidata_id", fallback="Wikidata item id, where known."),
        ),
        foreign_keys=(_fk("nationality", "countries"),),
    ),
    Table(
        name="person_aliases", path="data/person_aliases.csv", title="Person aliases",
        description="Other names of the people: aliases, transliterations, native script, "
                    "handles.",
        model=PersonAlias, primary_key=("person", "name"),
        columns=(
            col(PersonAlias, "person", fallback="The person."),
            col(PersonAlias, "name"),
            col(PersonAlias, "kind", fallback="What sort of name it is."),
            col(PersonAlias, "language"),
        ),
        foreign_keys=(_fk("person", "people"),),
    ),
    Table(
        name="organisations", path="data/organisations.csv", title="Organisations",
        description="Organisations referenced by published records, with the bodies they "
                    "are part of.",
        model=Organisation, primary_key=("id",),
        columns=(
            _id(Organisation, "slug"),
            col(Organisation, "name"),
            col(Organisation, "acronym"),
            col(Organisation, "kind", fallback="What sort of body it is."),
            col(Organisation, "country"),
            col(Organisation, "parent"),
            col(Organisation, "wikidata_id", fallback="Wikidata item id, where known."),
        ),
        foreign_keys=(_fk("country", "countries"), _fk("parent", "organisations")),
    ),
    Table(
        name="organisation_aliases", path="data/organisation_aliases.csv",
        title="Organisation aliases",
        description="Other names of the organisations: acronyms, handles, native names.",
        model=OrganisationAlias, primary_key=("organisation", "name"),
        columns=(
            col(OrganisationAlias, "organisation", fallback="The organisation."),
            col(OrganisationAlias, "name"),
            col(OrganisationAlias, "kind", fallback="What sort of name it is."),
            col(OrganisationAlias, "language"),
        ),
        foreign_keys=(_fk("organisation", "organisations"),),
    ),
    Table(
        name="posts", path="data/posts.csv", title="Posts",
        description="Offices held by the people, or held by a speaker when speaking.",
        model=Post, primary_key=("id",),
        columns=(
            _id(Post, "slug"),
            col(Post, "label"),
            col(Post, "country"),
            col(Post, "organisation"),
        ),
        foreign_keys=(_fk("country", "countries"), _fk("organisation", "organisations")),
    ),
    Table(
        name="tenures", path="data/tenures.csv", title="Tenures",
        description="Every recorded tenure of the people in the release: a person holding a "
                    "post from a start to an end date.",
        model=Tenure, primary_key=("id",),
        columns=(
            _id(Tenure, "uid"),
            col(Tenure, "person", fallback="The office holder."),
            col(Tenure, "post", fallback="The office held."),
            col(Tenure, "start_date"),
            _precision(Tenure, "start_precision", "start_date"),
            col(Tenure, "end_date"),
            _precision(Tenure, "end_precision", "end_date"),
            col(Tenure, "note"),
        ),
        foreign_keys=(_fk("person", "people"), _fk("post", "posts")),
    ),
    Table(
        name="countries", path="data/countries.csv", title="Countries",
        description="ISO 3166-1 countries referenced by the other tables.",
        model=Country, primary_key=("id",),
        columns=(
            _id(Country, "iso3"),
            col(Country, "iso2"),
            col(Country, "numeric"),
            col(Country, "name"),
            col(Country, "official_name", fallback="Official name as ISO 3166 gives it."),
            col(Country, "wikidata_id"),
        ),
    ),
    Table(
        name="cameo_codes", path="data/cameo_codes.csv", title="CAMEO codes",
        description="CAMEO event codes used by the events, with their root categories, "
                    "Goldstein intensity and PLOVER mapping.",
        model=CameoCode, primary_key=("code",),
        columns=(
            col(CameoCode, "code", required=True),
            col(CameoCode, "name"),
            col(CameoCode, "goldstein"),
            col(CameoCode, "root"),
            col(CameoCode, "plover_type"),
            col(CameoCode, "plover_mode"),
            col(CameoCode, "plover_context"),
        ),
        foreign_keys=(_fk("root", "cameo_codes", "code"),),
    ),
    Table(
        name="topics", path="data/topics.csv", title="Topics",
        description="Topics used by the events and agreements.",
        model=Topic, primary_key=("id",),
        columns=(
            _id(Topic, "slug"),
            col(Topic, "name", fallback="Topic name."),
            col(Topic, "description", fallback="What the topic covers."),
        ),
    ),
)

TABLES_BY_NAME = {table.name: table for table in TABLES}

# Fixture order: reference tables first, then every model after the ones it points to
# (self-references — organisation parents, statement occasions — load as forward
# references, which loaddata resolves).
FIXTURE_MODELS: tuple[type[models.Model], ...] = (
    Country, Topic, CameoCode, Organisation, OrganisationAlias, Person, PersonAlias, Post,
    Tenure, Source, Agreement, AgreementParty, Exchange, Event, EventParticipant,
    EventRelation, Citation,
)
