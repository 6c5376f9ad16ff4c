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
from .common import CurationStatus, DatePrecision, Verification, search_key
from .events import (
    Certainty,
    Event,
    EventKind,
    EventParticipant,
    EventRelation,
    Incident,
    IncidentType,
    Meeting,
    ParticipantRole,
    RelationKind,
    Statement,
    StatementMedium,
)
from .sources import Citation, Source, SourceKind
from .taxonomy import CameoCode, PloverType, Topic

__all__ = [
    "AgreementKind", "Agreement", "AgreementParty", "AgreementStatus", "AliasKind", "CameoCode",
    "Certainty", "Citation", "Country", "CurationStatus", "DatePrecision", "Event", "EventKind",
    "EventParticipant", "EventRelation", "Exchange", "ExchangeCategory", "Formality", "Incident",
    "IncidentType", "Meeting", "Organisation", "OrganisationAlias", "OrganisationKind",
    "ParticipantRole", "PartyRole", "Person", "PersonAlias", "PloverType", "Post",
    "RelationKind", "Source", "SourceKind", "Statement", "StatementMedium", "Tenure", "Topic",
    "Verification", "search_key",
]
