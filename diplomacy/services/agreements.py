"""Writing agreements: drafts with their further parties, exchanges and citations."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from diplomacy.models import Agreement, CurationStatus

from .records import assign, edit, one_write, replace_children, save_validated


def _check_flows_between_parties(agreement: Agreement) -> None:
    """After the rows are replaced, every flow still runs between parties (a principal
    party may have changed under existing exchanges)."""
    outsiders = agreement.countries_outside_parties()
    if outsiders:
        raise ValidationError({"exchanges": [
            f"{', '.join(outsiders)} is not a party to this agreement."]})


@transaction.atomic
def agreement_create(*, fields: dict[str, Any], parties: list[dict] | None = None,
                     exchanges: list[dict] | None = None, citations: list[dict] | None = None,
                     actor) -> Agreement:
    """Record a new draft agreement; any broken rule writes nothing."""
    with one_write():
        agreement = Agreement(curation_status=CurationStatus.DRAFT)
        many = assign(agreement, fields, ("topics",))
        save_validated(agreement, many, actor=actor, reason="created")
        for name, rows in (("parties", parties), ("exchanges", exchanges),
                           ("citations", citations)):
            replace_children(agreement, name, rows, agreement=agreement)
        _check_flows_between_parties(agreement)
    return agreement


@transaction.atomic
def agreement_update(*, agreement: Agreement, fields: dict[str, Any],
                     parties: list[dict] | None = None, exchanges: list[dict] | None = None,
                     citations: list[dict] | None = None, actor,
                     expected_version: int | None = None) -> Agreement:
    """Edit an agreement: the fields and child lists given (see records.edit)."""
    with one_write():
        agreement = edit(agreement, fields=fields, m2m_names=("topics",), link="agreement",
                         children={"parties": parties, "exchanges": exchanges,
                                   "citations": citations},
                         expected_version=expected_version, actor=actor)
        _check_flows_between_parties(agreement)
    return agreement
