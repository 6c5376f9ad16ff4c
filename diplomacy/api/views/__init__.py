"""Thin views: parse the request, ask a selector or a service, render."""

from .actors import CountryViewSet, OrganisationViewSet, PersonViewSet
from .agreements import AgreementViewSet
from .events import EventViewSet, IncidentViewSet, MeetingViewSet, StatementViewSet
from .offices import CameoCodeViewSet, PostViewSet, TenureViewSet, TopicViewSet
from .sources import SourceViewSet

__all__ = [
    "AgreementViewSet",
    "CameoCodeViewSet",
    "CountryViewSet",
    "EventViewSet",
    "IncidentViewSet",
    "MeetingViewSet",
    "OrganisationViewSet",
    "PersonViewSet",
    "PostViewSet",
    "SourceViewSet",
    "StatementViewSet",
    "TenureViewSet",
    "TopicViewSet",
]
