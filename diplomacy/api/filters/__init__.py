"""FilterSets for the v1 API. Every filter names its field and lookup explicitly, every
malformed value is a 400 naming the parameter (the form's errors), and the rules
themselves live in selectors: a FilterSet declares parameters and calls them."""

from .actors import CountryFilter, OrganisationFilter, PersonFilter, SourceFilter
from .agreements import AgreementFilter
from .events import EventFilter, IncidentFilter, MeetingFilter, StatementFilter
from .offices import PostFilter, TenureFilter
from .vocabularies import CameoCodeFilter, TopicFilter

__all__ = ["AgreementFilter", "CameoCodeFilter", "CountryFilter", "EventFilter",
           "IncidentFilter", "MeetingFilter", "OrganisationFilter", "PersonFilter",
           "PostFilter", "SourceFilter", "StatementFilter", "TenureFilter", "TopicFilter"]
