"""Loading the shipped data (``fixtures/*.json``) where it is missing, never over it.

``loaddata`` saves every object of a fixture over the row with its natural key, so
running setup again would undo a curator's edit to a seed record and re-publish a
retracted one. ``shipped_data_load`` adds only the records whose natural key is not
in the database (and the rows of records it adds), each with a first history entry
("+", the ``system`` account, "shipped data") so a later edit shows as a change,
refreshes the derived rows of the events it added, and changes nothing on a second
run. A record that exists and differs from the shipped file is left as it is.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from diplomacy.services.accounts import system_user
from diplomacy.services.derived import events_refresh
from diplomacy.services.releases.contents import FIXTURE_MODELS
from diplomacy.services.releases.importing import fixture_items, load_objects

REASON = "shipped data"


@dataclass(frozen=True)
class ShippedSummary:
    objects: int  # objects in the files
    added: int  # objects added
    kept: int  # records that exist here and differ from the files, left as they are


def _first_model_position(path: Path) -> int:
    """Where the file's first model comes in release (dependency) order: reference
    files load before the records that use them, whatever their names."""
    with path.open(encoding="utf-8") as stream:
        head = stream.read(4096)
    labels = [model._meta.label_lower for model in FIXTURE_MODELS]
    for position, label in enumerate(labels):
        if json.dumps(label) in head:
            return position
    return len(labels)


@transaction.atomic
def shipped_data_load(*, paths: Iterable[Path | str], progress=None) -> ShippedSummary:
    """Load the fixture files ``paths`` where their records are missing, in one
    transaction (a broken file loads nothing)."""
    files = sorted((Path(p) for p in paths), key=lambda p: (_first_model_position(p), p.name))
    user = system_user()
    moment = timezone.now()

    def items():
        number = 0
        for path in files:
            with path.open(encoding="utf-8") as stream:
                for obj in fixture_items(stream, name=path.name, release=False):
                    number += 1
                    obj.index = number  # counted across the files
                    yield obj

    result = load_objects(items(), user_id=user.pk, reason=REASON, moment=moment)
    events_refresh(event_ids=result.new_events, new=True, progress=progress)
    return ShippedSummary(objects=result.objects, added=sum(result.created.values()),
                          kept=len(result.differing))
