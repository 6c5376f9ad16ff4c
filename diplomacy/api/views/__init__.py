"""Thin views: parse the request, ask a selector or a service, render."""

from .actors import CountryViewSet, OrganisationViewSet, PersonViewSet
from .agreements import AgreementViewSet
from .events import EventViewSet, IncidentViewSet, MeetingViewSet, StatementViewSet
from .sources import SourceViewSet

__all__ = [
    "AgreementViewSet",
    "CountryViewSet",
    "EventViewSet",
    "IncidentViewSet",
    "MeetingViewSet",
    "OrganisationViewSet",
    "PersonViewSet",
    "SourceViewSet",
    "StatementViewSet",
]
