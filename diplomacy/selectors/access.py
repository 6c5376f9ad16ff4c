"""Who sees what: curators see drafts and retractions, everyone else published records."""

from __future__ import annotations

from django.db.models import Q

from diplomacy.models import (
    Agreement,
    CurationStatus,
    Event,
    Organisation,
    OrganisationAlias,
    Person,
    PersonAlias,
    Post,
    Source,
    Tenure,
)
from diplomacy.roles import CURATION_GROUPS


def is_curator(*, user) -> bool:
    """Whether ``user`` is a curator, reviewer or superuser (asked once per user object,
    so a request that needs the answer in several places pays one query)."""
    if not (user and user.is_authenticated):
        return False
    if not hasattr(user, "_is_curator"):
        user._is_curator = user.is_superuser or user.groups.filter(
            name__in=CURATION_GROUPS).exists()
    return user._is_curator


def visible_statuses(*, user) -> list[str]:
    """Curators see drafts and retractions; everyone else sees published records only."""
    if is_curator(user=user):
        return list(CurationStatus.values)
    return [CurationStatus.PUBLISHED]


def shown_by_published(record) -> bool:
    """Whether a published event or agreement shows ``record`` to readers: a source it
    cites, a person or organisation taking part, speaking, spoken of, party to it or
    publishing a cited source, a post spoken from or held by such a person, their tenure,
    the aliases of such a person or organisation."""
    published = CurationStatus.PUBLISHED
    events = Event.objects.filter(curation_status=published)
    agreements = Agreement.objects.filter(curation_status=published)
    if isinstance(record, Source):
        return (events.filter(citations__source=record).exists()
                or agreements.filter(citations__source=record).exists())
    if isinstance(record, Person):
        return events.filter(Q(participants__actor_person=record) | Q(speaker_person=record)
                             | Q(about_people=record)).exists()
    if isinstance(record, Organisation):
        return (events.filter(Q(participants__actor_organisation=record)
                              | Q(speaker_organisation=record)
                              | Q(about_organisations=record)
                              | Q(citations__source__publisher=record)).exists()
                or agreements.filter(Q(parties__organisation=record)
                                     | Q(exchanges__via=record)
                                     | Q(citations__source__publisher=record)).exists())
    if isinstance(record, Post):
        return (events.filter(speaker_post=record).exists()
                or any(shown_by_published(tenure.person) for tenure in
                       record.tenures.select_related("person")))
    if isinstance(record, Tenure):
        return shown_by_published(record.person)
    if isinstance(record, PersonAlias):
        return shown_by_published(record.person)
    if isinstance(record, OrganisationAlias):
        return shown_by_published(record.organisation)
    return False
