"""The timeline: events of every kind, who took part, how they relate, what was said."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .actors import Country, Organisation, Person, Post, Tenure
from .common import (
    CuratedRecord,
    DatePrecision,
    UidManager,
    Verification,
    check,
    choices_constraint,
    curation_constraints,
    new_event_id,
    period_end,
    period_start,
    precise_date_constraint,
)
from .taxonomy import CameoCode, PloverType, Topic

# Where events with no intensity (no CAMEO code) sort: after every Goldstein value
# (-10 to 10) in ascending order, and, as the low sentinel, after every one in
# descending order. NULLs compare differently on SQLite and PostgreSQL, and a keyset
# cursor compares (key, id) tuples, so the sort keys are never NULL.
INTENSITY_LAST_UP = Decimal(99)
INTENSITY_LAST_DOWN = Decimal(-99)


def intensity_key(*, descending: bool, column: str = "sort_intensity") -> models.Func:
    """The intensity sort key: the copied Goldstein value, NULLs last in either direction."""
    last = INTENSITY_LAST_DOWN if descending else INTENSITY_LAST_UP
    return Coalesce(F(column), models.Value(last),
                    output_field=models.DecimalField(max_digits=3, decimal_places=1))


class LastChangeField(models.DateTimeField):
    """When the record last changed: set on every ORM save (like ``auto_now``) but, unlike
    it, with a default, so rows loaded raw or written in bulk get a moment too. Saves
    with ``update_fields`` stamp it only when it is listed."""

    def pre_save(self, model_instance, add):
        value = timezone.now()
        setattr(model_instance, self.attname, value)
        return value


class EventKind(models.TextChoices):
    MEETING = "meeting", "meeting"
    VISIT = "visit", "visit"
    PRESS_CONFERENCE = "press_conference", "press conference"
    STATEMENT = "statement", "statement"
    AGREEMENT = "agreement", "agreement (signing or announcement)"
    INCIDENT = "incident", "incident"
    CANCELLATION = "cancellation", "cancellation"


class IncidentType(models.TextChoices):
    ATTACK = "attack", "attack"
    FOILED_PLOT = "foiled_plot", "foiled plot"
    ARREST = "arrest", "arrest"
    EXPULSION = "expulsion", "expulsion"
    OTHER = "other", "other"


class StatementMedium(models.TextChoices):
    PRESS_CONFERENCE = "press_conference", "press conference"
    SOCIAL_MEDIA = "social_media", "social media"
    READOUT = "readout", "readout"
    INTERVIEW = "interview", "interview"
    OFFICIAL_STATEMENT = "official_statement", "official statement"
    SPEECH = "speech", "speech"


class Event(CuratedRecord):
    """One dated happening on the timeline. Statements carry their speaker and quote."""

    Kind = EventKind

    uid = models.CharField("id", max_length=16, unique=True, default=new_event_id,
                           help_text="Stable public id, e.g. ev-7k3m9q2x.")
    kind = models.CharField(max_length=24, choices=EventKind.choices,
                            help_text="What sort of happening this is.")
    title = models.CharField(max_length=300, help_text="One line a researcher can scan.")
    summary = models.TextField(blank=True, help_text="What happened, in the curator's words.")
    date = models.DateField(help_text="First day of the event, or the first day of its month "
                                      "or year when only that is known.")
    date_end = models.DateField(null=True, blank=True,
                                help_text="Last day (at the same precision) of a multi-day "
                                          "event; empty for a single day or period.")
    date_precision = models.CharField(max_length=8, choices=DatePrecision.choices,
                                      default=DatePrecision.DAY,
                                      help_text="How much of the date the sources support.")
    approximate = models.BooleanField(default=False,
                                      help_text="The sources only place the date roughly "
                                                "(e.g. 'months before').")
    place = models.CharField(max_length=200, blank=True, help_text="Place name, e.g. Baku.")
    # PROTECT: locations are part of the claim; a country row cannot vanish under it.
    location_country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="located_events",
        help_text="Country where it happened, where known.",
    )
    verification = models.CharField(max_length=16, choices=Verification.choices,
                                    default=Verification.REPORTED,
                                    help_text="How well the sources establish it happened.")
    topics = models.ManyToManyField(Topic, blank=True, related_name="events")
    incident_type = models.CharField(max_length=16, choices=IncidentType.choices, blank=True,
                                     help_text="For incidents only.")
    # PROTECT: codes are reference data shared by many events.
    cameo = models.ForeignKey(CameoCode, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="events", verbose_name="CAMEO code",
                              help_text="CAMEO event code; its Goldstein intensity is the "
                                        "event's intensity.")
    plover_type = models.CharField(max_length=16, choices=PloverType.choices, blank=True,
                                   help_text="PLOVER event type.")
    plover_mode = models.CharField(max_length=40, blank=True, help_text="PLOVER mode token.")
    plover_context = models.CharField(max_length=40, blank=True,
                                      help_text="PLOVER context token.")
    # SET_NULL: the signing event survives if the agreement record is merged away.
    agreement = models.ForeignKey(
        "diplomacy.Agreement", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="events", help_text="For agreement events: the agreement signed or "
                                         "announced.",
    )

    # Statement-only fields (kind = statement).
    # PROTECT: who spoke is the heart of a statement.
    speaker_person = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="statements",
                                       help_text="The person who spoke (statements only).")
    speaker_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="statements",
        help_text="For an official statement or readout issued by a body.",
    )
    speaker_post = models.ForeignKey(Post, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="statements",
                                     help_text="The post the speaker held when speaking.")
    quote = models.TextField(blank=True, help_text="The words said, verbatim.")
    language = models.CharField(max_length=16, blank=True,
                                help_text="BCP 47 tag of the quote as recorded, e.g. en.")
    medium = models.CharField(max_length=24, choices=StatementMedium.choices, blank=True,
                              help_text="How the words reached the public (statements only).")
    # SET_NULL: a statement stands even if the occasion record is removed.
    occasion = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="statements_made",
                                 help_text="The event the statement was made at.")
    about_countries = models.ManyToManyField(Country, blank=True, related_name="statements_about")
    about_organisations = models.ManyToManyField(Organisation, blank=True,
                                                 related_name="statements_about")
    about_people = models.ManyToManyField(Person, blank=True, related_name="statements_about")

    note = models.TextField(blank=True, help_text="Curator's note: doubts, general-knowledge "
                                                  "additions, coding decisions.")

    # Local bookkeeping, never part of a release (serialize=False keeps both out of
    # fixtures and dumpdata; the release CSVs list their columns) nor of the history.
    updated_at = LastChangeField(
        default=timezone.now, editable=False, serialize=False,
        help_text="When the event, its participants, citations or relations last changed "
                  "(events/?ordering=-updated).")
    sort_intensity = models.DecimalField(
        max_digits=3, decimal_places=1, null=True, blank=True, editable=False,
        serialize=False,
        help_text="Copy of the CAMEO code's Goldstein intensity, kept by services.derived, so "
                  "events/?ordering=intensity is an index scan rather than a join.")

    objects = UidManager()
    history = HistoricalRecords(
        m2m_fields=[topics, about_countries, about_organisations, about_people],
        excluded_fields=["updated_at", "sort_intensity"],
    )

    class Meta:
        ordering = ["date", "uid"]
        constraints = [
            *curation_constraints("event"),
            choices_constraint("kind", EventKind, "event_kind_valid"),
            choices_constraint("date_precision", DatePrecision, "event_date_precision_valid"),
            choices_constraint("verification", Verification, "event_verification_valid"),
            choices_constraint("incident_type", IncidentType, "event_incident_type_valid",
                               blank=True),
            choices_constraint("medium", StatementMedium, "event_medium_valid", blank=True),
            choices_constraint("plover_type", PloverType, "event_plover_type_valid", blank=True),
            check(Q(date_end__isnull=True) | Q(date_end__gte=F("date")),
                  name="event_date_end_not_before_date", field="date_end",
                  message="ends before it starts"),
            precise_date_constraint("date", "date_precision", "event_date_at_precision"),
            precise_date_constraint("date_end", "date_precision", "event_date_end_at_precision"),
            check(Q(incident_type="") | Q(kind=EventKind.INCIDENT),
                  name="event_incident_type_only_on_incidents", field="incident_type",
                  message="only an incident has an incident type"),
            check(Q(agreement__isnull=True) | Q(kind=EventKind.AGREEMENT),
                  name="event_agreement_only_on_agreement_events", field="agreement",
                  message="only an agreement event names an agreement"),
            check(
                (
                    Q(kind=EventKind.STATEMENT) & ~Q(quote="") & (
                        Q(speaker_person__isnull=False, speaker_organisation__isnull=True)
                        | Q(speaker_person__isnull=True, speaker_organisation__isnull=False)
                    )
                ) | (
                    ~Q(kind=EventKind.STATEMENT)
                    & Q(speaker_person__isnull=True, speaker_organisation__isnull=True,
                        speaker_post__isnull=True, medium="")
                ),
                name="event_statement_has_one_speaker_and_quote", field="speaker_person",
                message="a statement has a quote and one speaker, a person or an "
                        "organisation; other events have no speaker, post or medium",
            ),
            check(Q(speaker_post__isnull=True) | Q(speaker_person__isnull=False),
                  name="event_speaker_post_needs_person", field="speaker_post",
                  message="a post is spoken from by a person: name the speaking person"),
            check(~Q(occasion=F("id")), name="event_not_own_occasion", field="occasion",
                  message="an event cannot be its own occasion"),
        ]
        indexes = [
            # The public timeline: published events by date (events/?date_from=&date_to=).
            models.Index(fields=["curation_status", "date"], name="event_status_date_idx"),
            # meetings/, statements/, incidents/ and events/?kind=.
            models.Index(fields=["kind", "date"], name="event_kind_date_idx"),
            # events/?ordering=intensity (keyset pages, NULLs last), and -intensity, which
            # walks the other sentinel backwards.
            models.Index("curation_status", intensity_key(descending=False), "uid",
                         name="event_status_intensity_up_idx"),
            models.Index("curation_status", intensity_key(descending=True), "uid",
                         name="event_status_intensity_dn_idx"),
            # events/?ordering=updated and -updated (keyset pages).
            models.Index(fields=["curation_status", "updated_at", "uid"],
                         name="event_status_updated_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.date_label} {self.title}"

    def natural_key(self) -> tuple[str]:
        return (self.uid,)

    def clean(self) -> None:
        # Rules the database cannot state across tables, checked by every door that
        # validates (the API's services, the admin's forms).
        if not self.speaker_held_post():
            raise ValidationError({"speaker_post": (
                f"{self.speaker_person} held no tenure of this post on {self.date_label}: "
                "record the tenure first, or correct the post or the date")})

    def speaker_held_post(self) -> bool:
        """A statement's speaker spoke in a post they held: a tenure of it shares a day
        with the event's dates read at their precision (a month-precision statement is
        covered by a tenure overlapping the month). True when no post is given."""
        if not (self.speaker_person_id and self.speaker_post_id and self.date):
            return True
        first = period_start(self.date, self.date_precision)
        last = period_end(max(self.date_end or self.date, self.date), self.date_precision)
        return Tenure.held(person_id=self.speaker_person_id, post_id=self.speaker_post_id,
                           first=first, last=last)

    @property
    def date_label(self) -> str:
        """The date as precisely as it is known: 2026-01-26, 2024-03, 2023 (~ if approximate)."""
        length = {DatePrecision.YEAR: 4, DatePrecision.MONTH: 7}.get(self.date_precision, 10)
        label = self.date.isoformat()[:length]
        return f"~{label}" if self.approximate else label

    @property
    def intensity(self) -> Decimal | None:
        """Goldstein intensity of the event's CAMEO code, if coded, as stored (exact); the
        API shows it as a number, CSVs as its decimal text."""
        return self.cameo.goldstein if self.cameo_id else None


class KindManager(UidManager):
    kind = ""

    def get_queryset(self):
        return super().get_queryset().filter(kind=self.kind)


class StatementManager(KindManager):
    kind = EventKind.STATEMENT


class MeetingManager(KindManager):
    kind = EventKind.MEETING


class IncidentManager(KindManager):
    kind = EventKind.INCIDENT


class Statement(Event):
    objects = StatementManager()

    class Meta:
        proxy = True


class Meeting(Event):
    objects = MeetingManager()

    class Meta:
        proxy = True


class Incident(Event):
    objects = IncidentManager()

    class Meta:
        proxy = True
