"""Provenance: the documents claims rest on, and citations linking them to claims."""

from __future__ import annotations

from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from .actors import Organisation
from .common import (
    UidManager,
    Validated,
    Versioned,
    check,
    choices_constraint,
    new_source_id,
    unique,
)


class SourceKind(models.TextChoices):
    OFFICIAL_STATEMENT = "official_statement", "official statement"
    NEWS_REPORT = "news_report", "news report"
    SOCIAL_MEDIA_POST = "social_media_post", "social media post"
    READOUT = "readout", "readout"
    TRANSCRIPT = "transcript", "transcript"
    DOCUMENT = "document", "document"
    OTHER = "other", "other"


class Source(Versioned):
    """A document: an official statement, news report, social media post or readout."""

    Kind = SourceKind

    uid = models.CharField("id", max_length=16, unique=True, default=new_source_id,
                           help_text="Stable public id, e.g. src-7k3m9q2x.")
    kind = models.CharField(max_length=24, choices=Kind.choices,
                            help_text="What sort of document it is.")
    title = models.CharField(max_length=300, help_text="Headline or a descriptive title.")
    # PROTECT: a source's publisher is part of its citation.
    publisher = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="sources",
        help_text="The outlet or body that published it.",
    )
    author = models.CharField(max_length=200, blank=True,
                              help_text="Person or account that wrote it, as printed.")
    url = models.URLField(max_length=500, blank=True,
                          validators=[URLValidator(schemes=["http", "https"])],
                          help_text="Where the document is published, if online (http or "
                                    "https).")
    published_on = models.DateField(null=True, blank=True,
                                    help_text="Publication date; empty when unknown.")
    language = models.CharField(max_length=16, blank=True, help_text="BCP 47 tag, e.g. en.")
    note = models.TextField(blank=True, help_text="How the source was found or accessed.")

    objects = UidManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["published_on", "uid"]
        constraints = [
            choices_constraint("kind", SourceKind, "source_kind_valid"),
            # Readers follow these links: no javascript:, data: or file: URLs.
            check(Q(url="") | Q(url__regex=r"^https?://"), name="source_url_is_web_link",
                  field="url", message="is a web link starting http:// or https://"),
        ]
        indexes = [
            # sources/?published_from=&published_to=
            models.Index(fields=["published_on"], name="source_published_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def natural_key(self) -> tuple[str]:
        return (self.uid,)


class CitationManager(models.Manager):
    def get_by_natural_key(self, source_uid: str, event_uid: str | None,
                           agreement_uid: str | None) -> Citation:
        return self.get(source__uid=source_uid, event__uid=event_uid,
                        agreement__uid=agreement_uid)


class Citation(Validated):
    """A source backing one claim (an event or an agreement), with the passage it rests on."""

    # PROTECT: a cited source cannot disappear from under the claims that rest on it.
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    # CASCADE: a citation exists only for its claim.
    event = models.ForeignKey("diplomacy.Event", on_delete=models.CASCADE, null=True,
                              blank=True, related_name="citations")
    agreement = models.ForeignKey("diplomacy.Agreement", on_delete=models.CASCADE, null=True,
                                  blank=True, related_name="citations")
    quote = models.TextField(blank=True, help_text="The passage of the source that supports "
                                                   "the claim, verbatim.")
    note = models.TextField(blank=True)

    objects = CitationManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["source"]
        constraints = [
            check(Q(event__isnull=False, agreement__isnull=True)
                  | Q(event__isnull=True, agreement__isnull=False),
                  name="citation_cites_one_claim", field="event",
                  message="a citation supports one event or one agreement"),
            unique("source", "event", condition=Q(event__isnull=False),
                   name="citation_unique_per_event", field="source",
                   message="this source is already cited for this event"),
            unique("source", "agreement", condition=Q(agreement__isnull=False),
                   name="citation_unique_per_agreement", field="source",
                   message="this source is already cited for this agreement"),
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.event or self.agreement}"

    def natural_key(self) -> tuple[str, str | None, str | None]:
        return (
            self.source.uid,
            self.event.uid if self.event_id else None,
            self.agreement.uid if self.agreement_id else None,
        )

    natural_key.dependencies = ["diplomacy.source", "diplomacy.event", "diplomacy.agreement"]
