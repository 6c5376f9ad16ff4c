"""The tables of a dataset release, described once.

Each ``Table`` names its CSV file, its columns (type, description, enumerated
values, whether required), its primary key and its foreign keys (see
``schema``). The CSV headers and rows, ``datapackage.json``, ``CODEBOOK.md``
and the import-time validator are all generated from ``TABLES``, so they
cannot drift apart.
"""

from __future__ import annotations

from diplomacy.models import (
    Agreement,
    AgreementParty,
    CameoCode,
    Citation,
    Country,
    CurationStatus,
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

from .schema import Table, col, fk, id_col, precision_col

UNPUBLISHED_LINK = "Empty when the linked record is not published."


def _published(row) -> bool:
    """The CSVs hold published records; retractions a release carries are in the fixture."""
    return row["curation_status"] == CurationStatus.PUBLISHED

TABLES: tuple[Table, ...] = (
    Table(
        name="events", path="data/events.csv", title="Events",
        description="Published events of every kind: one dated happening per row.",
        model=Event, curated=True, primary_key=("id",), include=_published,
        columns=(
            id_col(Event, "uid"),
            col(Event, "kind"),
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
            col(Event, "cameo", name="cameo_code"),
            col(Event, "plover_type"),
            col(Event, "plover_mode"),
            col(Event, "plover_context"),
            col(Event, "agreement", note=UNPUBLISHED_LINK),
            col(Event, "topics", fallback="Topics the event concerns.", ref=("topics", "id")),
            col(Event, "note"),
        ),
        foreign_keys=(
            fk("location_country", "countries"),
            fk("cameo_code", "cameo_codes", "code"),
            fk("agreement", "agreements"),
        ),
    ),
    Table(
        name="statements", path="data/statements.csv", title="Statements",
        description="The statement-only fields of events of kind 'statement', keyed by the "
                    "event id: who spoke, the words, and whom they were about.",
        model=Event, primary_key=("event",),
        include=lambda row: row["kind"] == EventKind.STATEMENT and _published(row),
        columns=(
            col(Event, "uid", name="event", required=True, note="The statement's event id."),
            col(Event, "speaker_person"),
            col(Event, "speaker_organisation"),
            col(Event, "speaker_post"),
            col(Event, "quote"),
            col(Event, "language"),
            col(Event, "medium"),
            col(Event, "occasion", note=UNPUBLISHED_LINK),
            col(Event, "about_countries", fallback="Countries the statement is about.",
                ref=("countries", "id")),
            col(Event, "about_organisations", fallback="Organisations the statement is about.",
                ref=("organisations", "id")),
            col(Event, "about_people", fallback="People the statement is about.",
                ref=("people", "id")),
        ),
        foreign_keys=(
            fk("event", "events"),
            fk("speaker_person", "people"),
            fk("speaker_organisation", "organisations"),
            fk("speaker_post", "posts"),
            fk("occasion", "events"),
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
            col(EventParticipant, "role"),
            col(EventParticipant, "actor_country"),
            col(EventParticipant, "actor_organisation"),
            col(EventParticipant, "actor_person"),
            col(EventParticipant, "name"),
            col(EventParticipant, "country"),
            col(EventParticipant, "note", fallback="Curator's note on this participation."),
        ),
        foreign_keys=(
            fk("event", "events"),
            fk("actor_country", "countries"),
            fk("actor_organisation", "organisations"),
            fk("actor_person", "people"),
            fk("country", "countries"),
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
            col(EventRelation, "kind"),
            col(EventRelation, "certainty"),
            col(EventRelation, "note"),
        ),
        foreign_keys=(fk("from_event", "events"), fk("to_event", "events")),
    ),
    Table(
        name="agreements", path="data/agreements.csv", title="Agreements",
        description="Published agreements binding two or more states, formal or not.",
        model=Agreement, curated=True, primary_key=("id",), include=_published,
        columns=(
            id_col(Agreement, "uid"),
            col(Agreement, "title"),
            col(Agreement, "summary"),
            col(Agreement, "kind"),
            col(Agreement, "formality"),
            col(Agreement, "status"),
            col(Agreement, "verification"),
            col(Agreement, "first_party"),
            col(Agreement, "second_party"),
            col(Agreement, "start_date"),
            precision_col(Agreement, "start_precision", "start_date"),
            col(Agreement, "end_date"),
            precision_col(Agreement, "end_precision", "end_date"),
            col(Agreement, "approximate"),
            col(Agreement, "topics", fallback="Topics the agreement concerns.",
                ref=("topics", "id")),
            col(Agreement, "note"),
        ),
        foreign_keys=(fk("first_party", "countries"), fk("second_party", "countries")),
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
            col(AgreementParty, "role"),
            col(AgreementParty, "note", fallback="Curator's note on this party."),
        ),
        foreign_keys=(fk("agreement", "agreements"), fk("country", "countries"),
                      fk("organisation", "organisations")),
    ),
    Table(
        name="exchanges", path="data/exchanges.csv", title="Exchanges",
        description="Directed flows under agreements: what goes from one party to the other.",
        model=Exchange, primary_key=("agreement", "from_country", "to_country", "category"),
        columns=(
            col(Exchange, "agreement", fallback="The agreement the flow belongs to."),
            col(Exchange, "from_country"),
            col(Exchange, "to_country"),
            col(Exchange, "category"),
            col(Exchange, "description"),
            col(Exchange, "via"),
            col(Exchange, "quantity"),
            col(Exchange, "value"),
            col(Exchange, "currency"),
        ),
        foreign_keys=(fk("agreement", "agreements"), fk("from_country", "countries"),
                      fk("to_country", "countries"), fk("via", "organisations")),
    ),
    Table(
        name="sources", path="data/sources.csv", title="Sources",
        description="Documents cited by published events and agreements.",
        model=Source, primary_key=("id",),
        columns=(
            id_col(Source, "uid"),
            col(Source, "kind"),
            col(Source, "title"),
            col(Source, "publisher"),
            col(Source, "author"),
            col(Source, "url"),
            col(Source, "published_on"),
            col(Source, "language"),
            col(Source, "note"),
        ),
        foreign_keys=(fk("publisher", "organisations"),),
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
        foreign_keys=(fk("source", "sources"), fk("event", "events"),
                      fk("agreement", "agreements")),
    ),
    Table(
        name="people", path="data/people.csv", title="People",
        description="People referenced by published records (participants, speakers, "
                    "people statements are about).",
        model=Person, primary_key=("id",),
        columns=(
            id_col(Person, "slug"),
            col(Person, "name"),
            col(Person, "sort_name"),
            col(Person, "nationality"),
            col(Person, "wikidata_id", fallback="Wikidata item id, where known."),
        ),
        foreign_keys=(fk("nationality", "countries"),),
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
        foreign_keys=(fk("person", "people"),),
    ),
    Table(
        name="organisations", path="data/organisations.csv", title="Organisations",
        description="Organisations referenced by published records, with the bodies they "
                    "are part of.",
        model=Organisation, primary_key=("id",),
        columns=(
            id_col(Organisation, "slug"),
            col(Organisation, "name"),
            col(Organisation, "acronym"),
            col(Organisation, "kind"),
            col(Organisation, "country"),
            col(Organisation, "parent"),
            col(Organisation, "wikidata_id", fallback="Wikidata item id, where known."),
        ),
        foreign_keys=(fk("country", "countries"), fk("parent", "organisations")),
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
        foreign_keys=(fk("organisation", "organisations"),),
    ),
    Table(
        name="posts", path="data/posts.csv", title="Posts",
        description="Offices held by the people, or held by a speaker when speaking.",
        model=Post, primary_key=("id",),
        columns=(
            id_col(Post, "slug"),
            col(Post, "label"),
            col(Post, "country"),
            col(Post, "organisation"),
        ),
        foreign_keys=(fk("country", "countries"), fk("organisation", "organisations")),
    ),
    Table(
        name="tenures", path="data/tenures.csv", title="Tenures",
        description="Every recorded tenure of the people in the release: a person holding a "
                    "post from a start to an end date.",
        model=Tenure, primary_key=("id",),
        columns=(
            id_col(Tenure, "uid"),
            col(Tenure, "person", fallback="The office holder."),
            col(Tenure, "post", fallback="The office held."),
            col(Tenure, "start_date"),
            precision_col(Tenure, "start_precision", "start_date"),
            col(Tenure, "end_date"),
            precision_col(Tenure, "end_precision", "end_date"),
            col(Tenure, "note"),
        ),
        foreign_keys=(fk("person", "people"), fk("post", "posts")),
    ),
    Table(
        name="countries", path="data/countries.csv", title="Countries",
        description="ISO 3166-1 countries referenced by the other tables.",
        model=Country, primary_key=("id",),
        columns=(
            id_col(Country, "iso3"),
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
        foreign_keys=(fk("root", "cameo_codes", "code"),),
    ),
    Table(
        name="topics", path="data/topics.csv", title="Topics",
        description="Topics used by the events and agreements.",
        model=Topic, primary_key=("id",),
        columns=(
            id_col(Topic, "slug"),
            col(Topic, "name", fallback="Topic name."),
            col(Topic, "description", fallback="What the topic covers."),
        ),
    ),
)

TABLES_BY_NAME = {table.name: table for table in TABLES}
