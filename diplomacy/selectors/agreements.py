"""Agreements: the list with what it shows, party matching and being in force."""

from __future__ import annotations

import datetime

from django.db.models import Prefetch, Q, QuerySet

from diplomacy.models import (
    Agreement,
    AgreementParty,
    AgreementStatus,
    Citation,
    Country,
    Exchange,
)

from .actors import ActorRef
from .dates import open_span_includes

# Statuses under which an agreement's dates say when it was in force. A suspended or
# terminated agreement was in force between its dates.
_IN_FORCE_AT_SOME_TIME = (AgreementStatus.IN_FORCE, AgreementStatus.SUSPENDED,
                          AgreementStatus.TERMINATED)


def visible_agreements(*, statuses: list[str]) -> QuerySet[Agreement]:
    """The agreements a reader may see, bare (for lists that show only their titles)."""
    return Agreement.objects.filter(curation_status__in=statuses)


def agreement_list(*, statuses: list[str]) -> QuerySet[Agreement]:
    return Agreement.objects.filter(curation_status__in=statuses).select_related(
        "first_party", "second_party",
    ).prefetch_related(
        "topics",
        Prefetch("parties", queryset=AgreementParty.objects.select_related(
            "country", "organisation").order_by("id")),
        Prefetch("exchanges", queryset=Exchange.objects.select_related(
            "from_country", "to_country", "via").order_by("id")),
        Prefetch("citations", queryset=Citation.objects.select_related(
            "source", "source__publisher").order_by("source__uid")),
    )


def agreements_with_party(agreements: QuerySet[Agreement], *, party: ActorRef
                          ) -> QuerySet[Agreement]:
    """Agreements ``party`` takes part in: a country as a principal or further party, an
    organisation as a further (e.g. implementing) party."""
    if party.type == "country":
        further = AgreementParty.objects.filter(country=party.id)
        return agreements.filter(Q(first_party=party.id) | Q(second_party=party.id)
                                 | Q(id__in=further.values("agreement_id")))
    further = AgreementParty.objects.filter(organisation__slug=party.id)
    return agreements.filter(id__in=further.values("agreement_id"))


def agreements_with_parties(agreements: QuerySet[Agreement], *, parties: list[ActorRef]
                            ) -> QuerySet[Agreement]:
    """Agreements every one of ``parties`` takes part in."""
    for party in parties:
        agreements = agreements_with_party(agreements, party=party)
    return agreements


def agreements_in_force_on(agreements: QuerySet[Agreement], *, day: datetime.date
                           ) -> QuerySet[Agreement]:
    """Agreements in force on ``day``; an unknown start or end counts as open."""
    return agreements.filter(
        open_span_includes(day, start="start_date", end="end_date", end_precision="end_precision"),
        status__in=_IN_FORCE_AT_SOME_TIME,
    )


def agreements_with_exchange(agreements: QuerySet[Agreement], *,
                             categories: list[str] | None = None,
                             sources: list[str] | None = None,
                             recipients: list[str] | None = None) -> QuerySet[Agreement]:
    """Agreements with one exchange that is of one of ``categories`` and flows from one of
    ``sources`` to one of ``recipients`` (each condition only when given): "who else
    supplies arms to Azerbaijan" is ``categories=["arms"], recipients=["AZE"]``."""
    flows = Exchange.objects.all()
    if categories:
        flows = flows.filter(category__in=categories)
    if sources:
        flows = flows.filter(from_country__in=sources)
    if recipients:
        flows = flows.filter(to_country__in=recipients)
    return agreements.filter(id__in=flows.values("agreement_id"))


def countries_party_to_agreements() -> QuerySet[Country]:
    """Every country that is a party (principal or further) to some agreement."""
    agreements = Agreement.objects.all()
    return Country.objects.filter(
        Q(iso3__in=agreements.values("first_party"))
        | Q(iso3__in=agreements.values("second_party"))
        | Q(iso3__in=AgreementParty.objects.values("country")),
    )
