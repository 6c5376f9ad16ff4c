"""What a release contains: which rows of each model, and why (``INCLUDED``).

``rows`` fetches them, in canonical order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Q

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

from .common import PUBLISHED

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
    # No OR of "IN (subquery)" below: PostgreSQL runs such a subquery once per row when
    # its result outgrows work_mem (as at a million events), which is quadratic. A UNION
    # of the subqueries, or a join, is one pass.
    participants = EventParticipant.objects.filter(event__in=events)
    relations = EventRelation.objects.filter(from_event__in=events, to_event__in=events)
    citations = Citation.objects.filter(Q(event__curation_status=PUBLISHED)
                                        | Q(agreement__curation_status=PUBLISHED))
    parties = AgreementParty.objects.filter(agreement__in=agreements)
    exchanges = Exchange.objects.filter(agreement__in=agreements)
    sources = Source.objects.filter(pk__in=citations.values("source"))
    people = Person.objects.filter(pk__in=participants.values("actor_person").union(
        events.values("speaker_person"), events.values("about_people"),
        gone_events.values("speaker_person")))
    tenures = Tenure.objects.filter(person__in=people)
    posts = Post.objects.filter(pk__in=tenures.values("post").union(
        events.values("speaker_post"), gone_events.values("speaker_post")))

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


