"""Natural keys and what a release leaves out, declared once per model.

``NATURAL_KEYS`` names the fields making up each model's natural key, as its
``natural_key()`` returns them (a foreign key part is the related record's own
one-part key); ``PK_IS_KEY`` models are known by their primary key. The loader
resolves keys in batches from these declarations instead of one query per lookup.
"""

from __future__ import annotations

from django.db import models

from diplomacy.models import (
    Agreement,
    AgreementParty,
    CameoCode,
    Citation,
    Country,
    Event,
    EventParticipant,
    EventRelation,
    Exchange,
    Organisation,
    OrganisationAlias,
    Person,
    PersonAlias,
    Post,
    Source,
    Tenure,
    Topic,
)

PK_IS_KEY: tuple[type[models.Model], ...] = (Country, Topic, CameoCode)

NATURAL_KEYS: dict[type[models.Model], tuple[str, ...]] = {
    Organisation: ("slug",),
    Person: ("slug",),
    Post: ("slug",),
    Source: ("uid",),
    Tenure: ("uid",),
    Event: ("uid",),
    Agreement: ("uid",),
    PersonAlias: ("person", "name"),
    OrganisationAlias: ("organisation", "name"),
    EventParticipant: ("event", "role", "actor_country", "actor_organisation", "actor_person",
                       "name"),
    EventRelation: ("from_event", "to_event", "kind"),
    Citation: ("source", "event", "agreement"),
    AgreementParty: ("agreement", "country", "organisation"),
    Exchange: ("agreement", "from_country", "to_country", "category"),
}

# Local bookkeeping: fields that say something about this database, not about the
# record, and so never travel in a release nor count as a difference on import.
# ``version`` counts local edits (the API's ETag). Add any such field here, once.
LOCAL_FIELDS: frozenset[str] = frozenset({"version", "updated_at", "sort_intensity"})

# Rows that belong to a record: a row new to a record that already exists here, or
# changed, is a change of that record (the owner fields; a citation has one of two).
OWNERS: dict[type[models.Model], tuple[str, ...]] = {
    EventParticipant: ("event",),
    EventRelation: ("from_event",),
    Citation: ("event", "agreement"),
    AgreementParty: ("agreement",),
    Exchange: ("agreement",),
    PersonAlias: ("person",),
    OrganisationAlias: ("organisation",),
    Tenure: ("person",),
}


def released_fields(model: type[models.Model]) -> list[str]:
    """The names of ``model``'s fields a release carries (serialised fields, in order)."""
    return [f.name for f in [*model._meta.local_fields, *model._meta.local_many_to_many]
            if f.serialize and f.name not in LOCAL_FIELDS]
