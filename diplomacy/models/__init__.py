"""The domain model, split by subdomain; import from here."""

from .actors import (
    AliasKind,
    Country,
    Organisation,
    OrganisationAlias,
    OrganisationKind,
    Person,
    PersonAlias,
    Post,
    Tenure,
)
from .agreements import (
    Agreement,
    AgreementKind,
    AgreementParty,
    AgreementStatus,
    Exchange,
    ExchangeCategory,
    Formality,
    PartyRole,
)
from .changes import Change, ChangeKind
from .common import (
    CurationStatus,
    DatePrecision,
    Verification,
    period_end,
    period_start,
    search_key,
    search_words,
)
from .derived import EventCountry, EventDirectedPair, EventPair, EventText
from .events import (
    Event,
    EventKind,
    Incident,
    IncidentType,
    Meeting,
    Statement,
    StatementMedium,
)
from .participants import Certainty, EventParticipant, EventRelation, ParticipantRole, RelationKind
from .releases import Release
from .sources import Citation, Source, SourceKind
from .taxonomy import CameoCode, PloverType, Topic

__all__ = [
    "Agreement",
    "AgreementKind",
    "AgreementParty",
    "AgreementStatus",
    "AliasKind",
    "CameoCode",
    "Certainty",
    "Change",
    "ChangeKind",
    "Citation",
    "Country",
    "CurationStatus",
    "DatePrecision",
    "Event",
    "EventCountry",
    "EventDirectedPair",
    "EventKind",
    "EventPair",
    "EventParticipant",
    "EventRelation",
    "EventText",
    "Exchange",
    "ExchangeCategory",
    "Formality",
    "Incident",
    "IncidentType",
    "Meeting",
    "Organisation",
    "OrganisationAlias",
    "OrganisationKind",
    "ParticipantRole",
    "PartyRole",
    "Person",
    "PersonAlias",
    "PloverType",
    "Post",
    "RelationKind",
    "Release",
    "Source",
    "SourceKind",
    "Statement",
    "StatementMedium",
    "Tenure",
    "Topic",
    "Verification",
    "period_end",
    "period_start",
    "search_key",
    "search_words",
]
