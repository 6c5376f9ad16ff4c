"""Who took part in an event and in what role, and how events relate to each other."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from .actors import Country, Organisation, Person
from .common import Validated, check, choices_constraint, unique
from .events import Event


class ParticipantRole(models.TextChoices):
    HOST = "host", "host"
    GUEST = "guest", "guest"
    PARTICIPANT = "participant", "participant"
    SPEAKER = "speaker", "speaker"
    SUBJECT = "subject", "subject"
    PERPETRATOR = "perpetrator", "perpetrator"
    TARGET = "target", "target"
    VICTIM = "victim", "victim"
    ARRESTED = "arrested", "arrested"
    AUTHORITY = "authority", "acting authority (arrested, investigated, announced)"
    ORGANISER = "organiser", "organiser"
    MENTIONED = "mentioned", "mentioned"


class ParticipantManager(models.Manager):
    def get_by_natural_key(self, event_uid: str, role: str, country: str | None,
                           organisation: str | None, person: str | None,
                           name: str) -> EventParticipant:
        return self.get(event__uid=event_uid, role=role, actor_country=country,
                        actor_organisation__slug=organisation, actor_person__slug=person,
                        name=name)


class EventParticipant(Validated):
    """An actor taking part in an event in a role.

    The actor is one country, organisation or person; or, when the sources name no
    one (``three Azerbaijani nationals``), only the name as reported.
    """

    Role = ParticipantRole

    # CASCADE: participation exists only within its event.
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participants")
    role = models.CharField(max_length=16, choices=ParticipantRole.choices,
                            help_text="What the actor did in the event.")
    # PROTECT on the actor links: an actor cannot be deleted while it appears in events.
    actor_country = models.ForeignKey(Country, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="participations",
                                      help_text="The actor, when it is a state.")
    actor_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True,
                                           blank=True, related_name="participations",
                                           help_text="The actor, when it is an organisation.")
    actor_person = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="participations",
                                     help_text="The actor, when it is a person.")
    name = models.CharField(max_length=200, blank=True,
                            help_text="The actor as the sources name it, when no record "
                                      "matches (e.g. 'three Azerbaijani nationals').")
    # PROTECT: the attributed country drives country and dyad queries.
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text="The country this participant is counted under in country and dyad "
                  "queries (a minister counts for the state they serve). Filled when left "
                  "empty: a country counts as itself, an organisation under its country, a "
                  "person under the country of the post they held on the event's date, or "
                  "else their nationality.",
    )
    note = models.TextField(blank=True)

    objects = ParticipantManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "role", "id"]
        constraints = [
            choices_constraint("role", ParticipantRole, "participant_role_valid"),
            check(
                (
                    Q(actor_country__isnull=False, actor_organisation__isnull=True,
                      actor_person__isnull=True)
                    | Q(actor_country__isnull=True, actor_organisation__isnull=False,
                        actor_person__isnull=True)
                    | Q(actor_country__isnull=True, actor_organisation__isnull=True,
                        actor_person__isnull=False)
                    | (Q(actor_country__isnull=True, actor_organisation__isnull=True,
                         actor_person__isnull=True) & ~Q(name=""))
                ),
                name="participant_one_actor_or_name", field="name",
                message="a participant is one country, organisation or person, or else the "
                        "name the sources give",
            ),
            # A country taking part is always counted, under itself; a NULL country
            # would drop it from country and dyad queries.
            check(Q(actor_country__isnull=True)
                  | Q(country__isnull=False, country=F("actor_country")),
                  name="participant_country_is_actor_country", field="country",
                  message="a country taking part is counted under itself"),
            unique("event", "role", "actor_country", condition=Q(actor_country__isnull=False),
                   name="participant_unique_country", field="actor_country",
                   message="this country already takes part in this role"),
            unique("event", "role", "actor_organisation",
                   condition=Q(actor_organisation__isnull=False),
                   name="participant_unique_organisation", field="actor_organisation",
                   message="this organisation already takes part in this role"),
            unique("event", "role", "actor_person", condition=Q(actor_person__isnull=False),
                   name="participant_unique_person", field="actor_person",
                   message="this person already takes part in this role"),
            unique("event", "role", "name",
                   condition=Q(actor_country__isnull=True, actor_organisation__isnull=True,
                               actor_person__isnull=True),
                   name="participant_unique_unresolved_name", field="name",
                   message="this name already takes part in this role"),
        ]
        indexes = [
            # events/?country= and ?dyad=: events by attributed country.
            models.Index(fields=["country", "event"], name="participant_country_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.actor} as {self.role}"

    def save(self, *args, **kwargs) -> None:
        self.fill_country()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        self.fill_country()
        if self.actor_country_id and self.country_id != self.actor_country_id:
            raise ValidationError({"country": "A country taking part is counted under itself; "
                                              "leave this empty or pick the same country."})

    def fill_country(self) -> None:
        """Set the counted country from the actor when the curator left it empty."""
        if self.country_id is None:
            self.country_id = self.derived_country()

    def derived_country(self) -> str | None:
        """The country this participant's actor counts under, where the record says so."""
        if self.actor_country_id:
            return self.actor_country_id
        if self.actor_organisation_id:
            return self.actor_organisation.country_id
        if self.actor_person_id:
            held = self.actor_person.countries_served_on(self.event.date) if self.event_id \
                else set()
            if len(held) == 1:
                return held.pop()
            return self.actor_person.nationality_id
        return None

    @property
    def actor(self) -> Country | Organisation | Person | str:
        return self.actor_country or self.actor_organisation or self.actor_person or self.name

    @property
    def actor_type(self) -> str:
        if self.actor_country_id:
            return "country"
        if self.actor_organisation_id:
            return "organization"
        if self.actor_person_id:
            return "person"
        return "unresolved"

    def natural_key(self) -> tuple:
        return (
            self.event.uid,
            self.role,
            self.actor_country_id,
            self.actor_organisation.slug if self.actor_organisation_id else None,
            self.actor_person.slug if self.actor_person_id else None,
            self.name,
        )

    natural_key.dependencies = ["diplomacy.event",
                                "diplomacy.organisation", "diplomacy.person"]


class RelationKind(models.TextChoices):
    PART_OF = "part_of", "part of"
    COINCIDED_WITH = "coincided_with", "coincided with"
    RESPONDS_TO = "responds_to", "responds to"
    FOLLOWS = "follows", "follows"


class Certainty(models.TextChoices):
    CERTAIN = "certain", "certain"
    LIKELY = "likely", "likely"
    POSSIBLE = "possible", "possible"
    UNCLEAR = "unclear", "unclear"


class EventRelationManager(models.Manager):
    def get_by_natural_key(self, from_uid: str, to_uid: str, kind: str) -> EventRelation:
        return self.get(from_event__uid=from_uid, to_event__uid=to_uid, kind=kind)


class EventRelation(Validated):
    """A directed link between two events: "the meeting is part of the visit"."""

    Kind = RelationKind

    # CASCADE: a relation is meaningless without both ends.
    from_event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="relations")
    to_event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="related_from")
    kind = models.CharField(max_length=16, choices=RelationKind.choices,
                            help_text="How the first event relates to the second.")
    certainty = models.CharField(max_length=16, choices=Certainty.choices,
                                 default=Certainty.CERTAIN,
                                 help_text="How sure the sources are that the link holds.")
    note = models.TextField(blank=True,
                            help_text="e.g. 'unclear whether the plot was connected'.")

    objects = EventRelationManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["from_event", "kind", "to_event"]
        constraints = [
            choices_constraint("kind", RelationKind, "event_relation_kind_valid"),
            choices_constraint("certainty", Certainty, "event_relation_certainty_valid"),
            check(~Q(from_event=F("to_event")), name="event_relation_not_to_itself",
                  field="to_event", message="an event cannot relate to itself"),
            unique("from_event", "to_event", "kind", name="event_relation_unique",
                   field="to_event", message="this relation to that event is already recorded"),
        ]

    def __str__(self) -> str:
        return f"{self.from_event.uid} {self.kind} {self.to_event.uid}"

    def natural_key(self) -> tuple[str, str, str]:
        return (self.from_event.uid, self.to_event.uid, self.kind)

    natural_key.dependencies = ["diplomacy.event"]
