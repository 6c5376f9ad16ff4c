"""Who sees what: curators see drafts and retractions, everyone else published records."""

from __future__ import annotations

from diplomacy.models import CurationStatus
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
