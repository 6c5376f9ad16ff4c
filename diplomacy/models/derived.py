"""Tables derived from the curated records: never edited, always rebuilt from them.

They exist so that the questions researchers ask most — every event involving a
country, every event between two countries, every event whose words match — are
index range scans at a million events, instead of subqueries over participants
that no index can order by date. Each row copies the event's filter and sort
columns (status, kind, date, id), so one index serves "AZE–ISR meetings in 2026,
newest first, 50 at a time" without touching the events table until the page is
known.

``services.derived`` keeps them in step with the events: every write path (API
services, the admin, the curation workflow, imports, ``synthesize`` and loading
the shipped data) refreshes the events it touched, and ``manage.py
refresh_derived`` rebuilds everything (for instance after a plain ``loaddata``).
Releases never contain them.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from .actors import Country
from .common import Validated, check, unique
from .events import Event, intensity_key

# Carried in the timeline indexes beside their keys (PostgreSQL; SQLite ignores it): a
# date range's other bound, the event, and what counts per period read (precision,
# intensity), so counting a dyad's or a country's events, breaking them down by month,
# or finding a page of them reads the index alone (an index-only scan).
COVERED = ["span_end", "event_id", "date_precision", "intensity"]


class TimelineRow(Validated):
    """The event's own columns that filters and orderings read, copied."""

    curation_status = models.CharField(max_length=16)
    kind = models.CharField(max_length=24)
    date = models.DateField(help_text="The event's first day (or its period's first day).")
    span_end = models.DateField(
        help_text="The last day the event may cover: its end (or start) widened to the end of "
                  "its period, so a date range test is two comparisons.")
    uid = models.CharField(max_length=16, help_text="The event's public id (sort tie-break).")
    date_precision = models.CharField(
        max_length=8, default="day",
        help_text="The event's date precision: counts never place it in a finer period.")
    intensity = models.DecimalField(
        max_digits=3, decimal_places=1, null=True, blank=True,
        help_text="The Goldstein intensity of the event's CAMEO code (what counts sum).")

    class Meta:
        abstract = True


class EventCountry(TimelineRow):
    """An event and a country it involves: a participant counts under it, or it happened
    there (``events/?country=`` counts both; ``location`` only the latter)."""

    # CASCADE: derived rows live and die with their event.
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="country_rows")
    # DO_NOTHING: a derived row never holds a country in place; the event's own
    # participants and location do (PROTECT).
    country = models.ForeignKey(Country, on_delete=models.DO_NOTHING, db_constraint=False,
                                related_name="+")
    by_participant = models.BooleanField(help_text="A participant is counted under it.")
    by_location = models.BooleanField(help_text="The event happened there.")

    class Meta:
        constraints = [
            unique("event", "country", name="event_country_unique", field="country",
                   message="this country is already counted for this event"),
            check(Q(by_participant=True) | Q(by_location=True),
                  name="event_country_has_a_reason", field="by_participant",
                  message="a country counts for an event by a participant or by its location"),
        ]
        indexes = [
            # events/?country=X (newest or oldest first, keyset pages).
            models.Index(fields=["country", "curation_status", "date", "uid"],
                         name="event_country_timeline_idx",
                         include=[*COVERED, "kind"]),
            # events/?country=X&kind=K and meetings/, statements/, incidents/ of a country.
            models.Index(fields=["country", "curation_status", "kind", "date", "uid"],
                         name="event_country_kind_idx",
                         include=COVERED),
            # events/?country=X&ordering=intensity and -intensity (keyset pages).
            models.Index("country", "curation_status",
                         intensity_key(descending=False, column="intensity"), "uid",
                         name="event_country_intensity_up_idx"),
            models.Index("country", "curation_status",
                         intensity_key(descending=True, column="intensity"), "uid",
                         name="event_country_intensity_dn_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.uid} involves {self.country_id}"


class EventPair(TimelineRow):
    """An event and an unordered pair of countries it involves (participants counted under
    both): the dyad table. ``first`` is the lower ISO code."""

    # CASCADE: derived rows live and die with their event.
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="pair_rows")
    # DO_NOTHING, no constraint: see EventCountry.country.
    first = models.ForeignKey(Country, on_delete=models.DO_NOTHING, db_constraint=False,
                              related_name="+")
    second = models.ForeignKey(Country, on_delete=models.DO_NOTHING, db_constraint=False,
                               related_name="+")

    class Meta:
        constraints = [
            unique("event", "first", "second", name="event_pair_unique", field="second",
                   message="this pair is already counted for this event"),
            check(Q(first__lt=F("second")), name="event_pair_ordered", field="second",
                  message="a pair is two countries, the first in alphabetical order"),
        ]
        indexes = [
            # events/?dyad=A,B&kind=K&date_from=&date_to=: one index range scan.
            models.Index(fields=["first", "second", "curation_status", "kind", "date", "uid"],
                         name="event_pair_kind_idx",
                         include=COVERED),
            # events/?dyad=A,B over all kinds.
            models.Index(fields=["first", "second", "curation_status", "date", "uid"],
                         name="event_pair_timeline_idx",
                         include=[*COVERED, "kind"]),
            # events/?dyad=A,B&ordering=intensity and -intensity (keyset pages).
            models.Index("first", "second", "curation_status",
                         intensity_key(descending=False, column="intensity"), "uid",
                         name="event_pair_intensity_up_idx"),
            models.Index("first", "second", "curation_status",
                         intensity_key(descending=True, column="intensity"), "uid",
                         name="event_pair_intensity_dn_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.uid} between {self.first_id} and {self.second_id}"


class EventDirectedPair(TimelineRow):
    """An event and a directed pair of countries it yields by the role table
    (services/roles.py): the source side's country acting on the target side's. Each
    pair once per event, so counts by directed dyad never count an event twice."""

    # CASCADE: derived rows live and die with their event.
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="directed_rows")
    # DO_NOTHING, no constraint: see EventCountry.country.
    source = models.ForeignKey(Country, on_delete=models.DO_NOTHING, db_constraint=False,
                               related_name="+")
    target = models.ForeignKey(Country, on_delete=models.DO_NOTHING, db_constraint=False,
                               related_name="+")

    class Meta:
        constraints = [
            unique("event", "source", "target", name="event_directed_pair_unique",
                   field="target", message="this pair is already counted for this event"),
            check(~Q(source=F("target")), name="event_directed_pair_two_countries",
                  field="target", message="a directed pair is two different countries"),
        ]
        indexes = [
            # events/counts/?by=directed_dyad over a source country.
            models.Index(fields=["source", "target", "curation_status", "date"],
                         name="event_directed_pair_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.uid}: {self.source_id} → {self.target_id}"


class EventText(models.Model):
    """What full-text search reads of an event, folded into one document of words.

    Title, summary, the statement's quote, citations' quoted passages, the place, and
    the names and aliases of everyone taking part or spoken of, each word folded by
    ``search_key`` and the whole framed by spaces, so a word or a phrase is the same
    substring match on SQLite and PostgreSQL (where a trigram index serves it).
    """

    # CASCADE: derived rows live and die with their event.
    event = models.OneToOneField(Event, on_delete=models.CASCADE, primary_key=True,
                                 related_name="text_row")
    document = models.TextField()

    def __str__(self) -> str:
        return self.document[:80]
