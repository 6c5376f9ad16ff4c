"""The public changes feed, as rows: what appeared, changed or was withdrawn, and when.

A row is written the moment a public record changes (services.changelog follows the
curation history), so reading the feed since a moment is one index range scan, at
any size, instead of a comparison of every history row with the one before it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .common import Validated, choices_constraint


class ChangeKind(models.TextChoices):
    CREATED = "created", "created (first published)"
    CHANGED = "changed", "changed while published"
    RETRACTED = "retracted", "retracted"


class Change(Validated):
    """One change to a public record, as a dataset user syncing from the feed sees it."""

    at = models.DateTimeField(help_text="When the change was made.")
    record_type = models.CharField(max_length=16,
                                   help_text="event, agreement, or a record a published one "
                                             "shows: source, person, organization, post, "
                                             "tenure.")
    record_id = models.CharField(max_length=120, help_text="The record's public id.")
    record_kind = models.CharField(max_length=32, blank=True,
                                   help_text="The event, agreement, source or organisation "
                                             "kind (blank for people, posts, tenures).")
    change = models.CharField(max_length=16, choices=ChangeKind.choices)
    reason = models.TextField(blank=True, help_text="Why: a retraction's reason, or the "
                                                    "release an import came from.")
    # SET_NULL: the feed outlives the accounts that made the changes.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             blank=True, related_name="+")

    class Meta:
        ordering = ["at", "id"]
        constraints = [choices_constraint("change", ChangeKind, "change_kind_valid")]
        indexes = [
            # changes/?since=: the feed from a moment on, in order (keyset pages).
            models.Index(fields=["at", "id"], name="change_feed_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.record_type} {self.record_id} {self.change}"
