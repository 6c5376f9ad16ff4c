"""Published dataset releases, so users can cite one and sync changes since it."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from .common import Validated, check


class ReleaseManager(models.Manager):
    def get_by_natural_key(self, version: str) -> Release:
        return self.get(version=version)


class Release(Validated):
    """A versioned dataset release written by ``manage.py release``."""

    version = models.CharField(max_length=40, unique=True,
                               help_text="Release version as cited, e.g. 2026.01 or 1.0.0.")
    released_at = models.DateTimeField(
        help_text="When the release was exported; the changes feed accepts the version as "
                  "shorthand for this moment.")
    checksum = models.CharField(max_length=64,
                                help_text="SHA-256 of the release's SHA256SUMS file: one "
                                          "fingerprint for the whole folder.")
    record_count = models.PositiveIntegerField(default=0,
                                               help_text="Published records in the release.")

    objects = ReleaseManager()

    class Meta:
        ordering = ["-released_at"]
        constraints = [
            check(~Q(version=""), name="release_version_not_blank", field="version",
                  message="a release has a version"),
        ]

    def __str__(self) -> str:
        return self.version

    def natural_key(self) -> tuple[str]:
        return (self.version,)
