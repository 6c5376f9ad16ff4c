"""The actor network's agreement side: agreements, their organisation parties and the
directed flows (exchanges) between their countries, as plain rows.

The event side of the network is the timeline query and ``api/event_rows.event_facts``;
the pages join the two (``diplomacy/pages/network.py``). Each function here is one
query, whatever the number of agreements.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from diplomacy.models import Agreement, AgreementParty, Country, Exchange


def agreement_rows(agreements: QuerySet[Agreement], *, limit: int) -> list[dict[str, Any]]:
    """The first ``limit`` agreements by id: id, title, kind and the two principal parties
    (with their names)."""
    return list(agreements.order_by("uid").values(
        "id", "uid", "title", "kind", "first_party_id", "first_party__name",
        "second_party_id", "second_party__name")[:limit])


def exchange_rows(agreement_ids: list[int]) -> list[dict[str, Any]]:
    """Every exchange of these agreements: from → to, category, and the organisation it
    flows through (with that organisation's country), in a stable order."""
    return list(Exchange.objects.filter(agreement_id__in=agreement_ids)
                .order_by("agreement__uid", "id").values(
                    "agreement__uid", "agreement__title", "category", "description",
                    "from_country_id", "from_country__name", "to_country_id",
                    "to_country__name", "via__slug", "via__name", "via__country_id"))


def organisation_party_rows(agreement_ids: list[int]) -> list[dict[str, Any]]:
    """Organisations party to these agreements (implementing, guarantor…), with their
    country."""
    return list(AgreementParty.objects.filter(
        agreement_id__in=agreement_ids, organisation__isnull=False,
    ).order_by("agreement__uid", "id").values(
        "agreement__uid", "role", "organisation__slug", "organisation__name",
        "organisation__country_id"))


def country_names(codes: Iterable[str]) -> dict[str, str]:
    """ISO alpha-3 code → short name, for the codes given."""
    codes = sorted(set(codes))
    if not codes:
        return {}
    return dict(Country.objects.filter(iso3__in=codes).values_list("iso3", "name"))
