"""Writing agreements: drafts with their further parties, exchanges and citations."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from diplomacy.models import Agreement, CurationStatus

from .records import assign, ensure_editable, replace_children, save_validated


def _check_flows_between_parties(agreement: Agreement) -> None:
    """An exchange flows between parties of its agreement, never to an outsider."""
    parties = {agreement.first_party_id, agreement.second_party_id,
               *agreement.parties.exclude(country=None).values_list("country_id", flat=True)}
    for exchange in agreement.exchanges.all():
        outsiders = {exchange.from_country_id, exchange.to_country_id} - parties
        if outsiders:
            raise ValidationError({"exchanges": [
                f"{', '.join(sorted(outsiders))} is not a party to this agreement."]})


def _write(agreement: Agreement, *, fields, parties, exchanges, citations, actor,
           reason: str) -> Agreement:
    many = assign(agreement, fields, ("topics",))
    save_validated(agreement, many, actor=actor, reason=reason)
    replace_children(agreement, "parties", parties, agreement=agreement)
    replace_children(agreement, "exchanges", exchanges, agreement=agreement)
    replace_children(agreement, "citations", citations, agreement=agreement)
    _check_flows_between_parties(agreement)
    return agreement


@transaction.atomic
def agreement_create(*, fields: dict[str, Any], parties: list[dict] | None = None,
                     exchanges: list[dict] | None = None, citations: list[dict] | None = None,
                     actor) -> Agreement:
    """Record a new draft agreement; any broken rule writes nothing."""
    return _write(Agreement(curation_status=CurationStatus.DRAFT), fields=fields,
                  parties=parties, exchanges=exchanges, citations=citations, actor=actor,
                  reason="created")


@transaction.atomic
def agreement_update(*, agreement: Agreement, fields: dict[str, Any],
                     parties: list[dict] | None = None, exchanges: list[dict] | None = None,
                     citations: list[dict] | None = None, actor) -> Agreement:
    ensure_editable(agreement, actor=actor)
    return _write(agreement, fields=fields, parties=parties, exchanges=exchanges,
                  citations=citations, actor=actor, reason="edited")
