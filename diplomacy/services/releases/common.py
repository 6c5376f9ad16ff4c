"""What every part of the release package shares: file names, the error, the summaries,
the fixture object an import passes along."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import models

from diplomacy.models import CurationStatus, Release

Progress = Callable[[str], None] | None

PUBLISHED = CurationStatus.PUBLISHED
FIXTURE = "fixture.json"
DATAPACKAGE = "datapackage.json"
CODEBOOK = "CODEBOOK.md"
CHANGES = "CHANGES.md"
CHECKSUMS = "SHA256SUMS"
PLOVER = "events.plover.jsonl"
ICEWS = "events.icews.tsv"
PACKAGE_NAME = "diplomatic-relations-event-log"
PACKAGE_TITLE = "Diplomatic relations event log"
PACKAGE_DESCRIPTION = (
    "Curated, source-backed events (meetings, visits, statements, agreements, incidents), "
    "agreements and the actors they involve. Published records only."
)
# Primary keys per query when fetching rows back: far below SQLite's parameter limit.
CHUNK = 500
# Versions are cited and used in file names and URLs: keep them plain.
_VERSION_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._+-]*$")
_VERSION_MAX = Release._meta.get_field("version").max_length


class ReleaseError(Exception):
    """A release cannot be written or imported. ``errors`` lists every problem found."""

    def __init__(self, message: str, *, errors: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.errors = list(errors) or [message]


@dataclass(frozen=True)
class ReleaseSummary:
    path: Path
    version: str
    files: list[tuple[str, int]]  # (path in the folder, bytes)
    counts: dict[str, int]  # rows per table
    record_count: int
    checksum: str
    # False when the version was already recorded with these very files.
    recorded: bool


@dataclass(frozen=True)
class ImportSummary:
    path: Path
    version: str
    counts: dict[str, int]
    objects: int
    created: int  # objects added
    updated: int  # records changed (only with update=True)
    recorded: bool
    unchanged: int = 0
    # Records that exist here and differ from the release, left alone ("model id").
    differing: tuple[str, ...] = ()
    updated_records: tuple[str, ...] = ()


@dataclass
class FixtureObject:
    """One checked fixture object: its raw ``fields`` as the file has them (relations as
    natural keys), and ``values``, every other field as its model field converts it."""

    index: int
    where: str
    model: type[models.Model]
    fields: dict[str, Any]
    pk: Any
    values: dict[str, Any]


def quiet(_message: str) -> None:
    pass


def check_version(version: str) -> None:
    if not version or len(version) > _VERSION_MAX or not _VERSION_RE.match(version):
        raise ReleaseError(
            f"version {version!r}: use up to {_VERSION_MAX} letters, digits, '.', '_', '+' "
            "or '-', starting with a letter or digit (e.g. 2026.01 or 1.0.0)."
        )


def md(text: str) -> str:
    """Table-cell safe Markdown text."""
    return " ".join(str(text).split()).replace("|", "\\|")
