"""Versioned dataset releases: write a release folder, and import one back.

A release holds the *published* records and everything they need to stand
alone (see ``release_contents``), as:

- ``fixture.json``: a Django fixture with natural keys, loadable with
  ``manage.py loaddata`` into an empty migrated database;
- ``data/*.csv``: one CSV per table (``release_tables.TABLES``);
- ``events.plover.jsonl`` and ``events.icews.tsv``: the published events in
  PLOVER and ICEWS shapes (``services.interop``);
- ``datapackage.json``: a Frictionless Data Package describing every CSV;
- ``CODEBOOK.md``: every table, field and enumerated value, in prose;
- ``CHANGES.md``: ids added, changed and retracted since ``--previous``;
- ``SHA256SUMS``: ``sha256sum`` lines for every other file, sorted by path.

Nothing in a folder depends on when or where it was written: exporting the
same data twice, or exporting after loading a release's fixture into an empty
SQLite or PostgreSQL database, gives byte-identical files. Rows are sorted in
Python by public ids (never by database collation or primary key), decimals
have their field's fixed places, and no file carries a timestamp.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
import os
import re
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, ValidationError
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, models, transaction
from django.db.models import Q
from django.utils import timezone

from diplomacy import selectors
from diplomacy.models import (
    Agreement,
    AgreementParty,
    CameoCode,
    Citation,
    Country,
    CurationStatus,
    Event,
    EventParticipant,
    EventRelation,
    Exchange,
    Organisation,
    OrganisationAlias,
    Person,
    PersonAlias,
    Post,
    Release,
    Source,
    Tenure,
    Topic,
)
from diplomacy.models.common import CuratedRecord
from diplomacy.services.interop import ICEWS_COLUMNS, icews_rows, plover_records
from diplomacy.services.release_tables import (
    FIXTURE_MODELS,
    LIST_SEPARATOR,
    TABLES,
    TABLES_BY_NAME,
    Column,
    Table,
    public_id,
)

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
# Versions are cited and used in file names and URLs: keep them plain.
_VERSION_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._+-]*$")
_VERSION_MAX = Release._meta.get_field("version").max_length
_CHECKSUM_LINE = re.compile(r"^([0-9a-f]{64}) [ *](.+)$")
_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_NUMBER_RE = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
# Stop collecting validation errors after this many: the first ones say enough.
MAX_ERRORS = 20
# Primary keys per query when fetching rows back: far below SQLite's parameter limit.
_CHUNK = 500
_CSV_DIALECT = {"delimiter": ",", "doubleQuote": True, "header": True,
                "lineTerminator": "\n", "quoteChar": '"'}


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
    created: int
    updated: int
    recorded: bool


def _quiet(_message: str) -> None:
    pass


# --- What a release contains ----------------------------------------------------------------

# The related rows each model's rows and natural keys read, fetched with it.
_SELECT: dict[type[models.Model], tuple[str, ...]] = {
    Event: ("speaker_person", "speaker_organisation", "speaker_post", "occasion", "agreement"),
    EventParticipant: ("event", "actor_organisation", "actor_person"),
    EventRelation: ("from_event", "to_event"),
    Citation: ("source", "event", "agreement"),
    AgreementParty: ("agreement", "organisation"),
    Exchange: ("agreement", "via"),
    Source: ("publisher",),
    PersonAlias: ("person",),
    Organisation: ("parent",),
    OrganisationAlias: ("organisation",),
    Post: ("organisation",),
    Tenure: ("person", "post"),
}
_M2M: dict[type[models.Model], tuple[str, ...]] = {
    Event: ("topics", "about_countries", "about_organisations", "about_people"),
    Agreement: ("topics",),
}


def _fetch(model: type[models.Model], queryset: models.QuerySet) -> list[models.Model]:
    """Rows of ``queryset`` with what their CSV rows and natural keys read, in canonical
    order: nothing here may depend on the database's primary keys or collation."""
    if model in _SELECT:
        queryset = queryset.select_related(*_SELECT[model])
    objects = list(queryset.prefetch_related(*_M2M.get(model, ())).order_by())
    for obj in objects:
        for name in _M2M.get(model, ()):
            obj._prefetched_objects_cache[name]._result_cache.sort(key=public_id)
        _normalise_decimals(obj)
    return sorted(objects, key=_natural_order)


def _fetch_pks(model: type[models.Model], pks: Iterable[Any]) -> list[models.Model]:
    pks = sorted(set(pks), key=str)
    objects: list[models.Model] = []
    for start in range(0, len(pks), _CHUNK):
        objects += _fetch(model, model._base_manager.filter(pk__in=pks[start:start + _CHUNK]))
    return sorted(objects, key=_natural_order)


def _normalise_decimals(obj: models.Model) -> None:
    # SQLite and PostgreSQL may hand back 7 or 7.0 for the same numeric(3, 1).
    for fld in obj._meta.concrete_fields:
        value = getattr(obj, fld.attname)
        if isinstance(fld, models.DecimalField) and value is not None:
            setattr(obj, fld.attname, Decimal(value).quantize(Decimal(1).scaleb(
                -fld.decimal_places)))


def _natural_order(obj: models.Model) -> tuple[str, ...]:
    key = obj.natural_key() if hasattr(obj, "natural_key") else (obj.pk,)
    return tuple("" if part is None else str(part) for part in key)


def _values(queryset: models.QuerySet, *names: str) -> set[Any]:
    found: set[Any] = set()
    for name in names:
        found.update(queryset.values_list(name, flat=True).order_by())
    found.discard(None)
    return found


def release_contents() -> dict[type[models.Model], list[models.Model]]:
    """Every row a release holds, by model, in fixture order.

    Published events and agreements; their participants, citations, agreement
    parties and exchanges; relations whose two ends are published; the cited
    sources; the people and organisations any of these reference (participants,
    speakers, statements' about_*, parties, exchanges' via, publishers, posts'
    organisations, organisations' parents, transitively), with their aliases,
    the people's tenures and the posts held or spoken from; and the countries,
    CAMEO codes (with their roots) and topics referenced, so the fixture loads
    into an empty database. A link from a published event to an unpublished
    occasion or agreement is left empty: drafts never leave the database.
    """
    events = Event.objects.filter(curation_status=PUBLISHED)
    agreements = Agreement.objects.filter(curation_status=PUBLISHED)
    participants = EventParticipant.objects.filter(event__in=events)
    relations = EventRelation.objects.filter(from_event__in=events, to_event__in=events)
    citations = Citation.objects.filter(Q(event__in=events) | Q(agreement__in=agreements))
    parties = AgreementParty.objects.filter(agreement__in=agreements)
    exchanges = Exchange.objects.filter(agreement__in=agreements)
    sources = Source.objects.filter(pk__in=citations.values("source"))
    people = Person.objects.filter(
        Q(pk__in=participants.values("actor_person")) | Q(pk__in=events.values("speaker_person"))
        | Q(pk__in=events.values("about_people")),
    )
    tenures = Tenure.objects.filter(person__in=people)
    posts = Post.objects.filter(Q(pk__in=tenures.values("post"))
                                | Q(pk__in=events.values("speaker_post")))

    # Organisations and the small reference tables are read whole and narrowed in
    # Python: the parent closure needs it, and no id list ever reaches SQL.
    all_organisations = {org.pk: org for org in Organisation.objects.only("pk", "parent")}
    organisation_ids = (
        _values(participants, "actor_organisation") | _values(events, "speaker_organisation")
        | _values(events, "about_organisations") | _values(parties, "organisation")
        | _values(exchanges, "via") | _values(sources, "publisher")
        | _values(posts, "organisation")
    )
    frontier = set(organisation_ids)
    while frontier:
        parents = {all_organisations[pk].parent_id for pk in frontier} - {None}
        frontier = parents - organisation_ids
        organisation_ids |= frontier

    contents: dict[type[models.Model], list[models.Model]] = {
        Event: _fetch(Event, events),
        Agreement: _fetch(Agreement, agreements),
        EventParticipant: _fetch(EventParticipant, participants),
        EventRelation: _fetch(EventRelation, relations),
        Citation: _fetch(Citation, citations),
        AgreementParty: _fetch(AgreementParty, parties),
        Exchange: _fetch(Exchange, exchanges),
        Source: _fetch(Source, sources),
        Person: _fetch(Person, people),
        PersonAlias: _fetch(PersonAlias, PersonAlias.objects.filter(person__in=people)),
        Tenure: _fetch(Tenure, tenures),
        Post: _fetch(Post, posts),
    }
    contents[Organisation] = [org for org in _fetch(Organisation, Organisation.objects.all())
                              if org.pk in organisation_ids]
    contents[OrganisationAlias] = [
        alias for alias in _fetch(OrganisationAlias, OrganisationAlias.objects.all())
        if alias.organisation_id in organisation_ids
    ]

    event_pks = {event.pk for event in contents[Event]}
    agreement_pks = {agreement.pk for agreement in contents[Agreement]}
    for event in contents[Event]:
        if event.occasion_id is not None and event.occasion_id not in event_pks:
            event.occasion = None
        if event.agreement_id is not None and event.agreement_id not in agreement_pks:
            event.agreement = None

    country_ids = (
        _values(events, "location_country", "about_countries")
        | _values(participants, "actor_country", "country")
        | _values(agreements, "first_party", "second_party")
        | _values(parties, "country") | _values(exchanges, "from_country", "to_country")
        | _values(people, "nationality") | _values(posts, "country")
        | {org.country_id for org in contents[Organisation]} - {None}
    )
    all_codes = {code.pk: code for code in _fetch(CameoCode, CameoCode.objects.all())}
    code_ids = {event.cameo_id for event in contents[Event]} - {None}
    code_ids |= {all_codes[code].root_id for code in code_ids} - {None}
    topic_ids = _values(events, "topics") | _values(agreements, "topics")
    contents[Country] = [c for c in _fetch(Country, Country.objects.all()) if c.pk in country_ids]
    contents[CameoCode] = [all_codes[code] for code in sorted(code_ids)]
    contents[Topic] = [t for t in _fetch(Topic, Topic.objects.all()) if t.pk in topic_ids]
    return {model: contents[model] for model in FIXTURE_MODELS}


def _rows_by_table(contents: dict[type[models.Model], list[models.Model]]
                   ) -> dict[str, list[list[str]]]:
    return {table.name: table.rows(contents[table.model]) for table in TABLES}


# --- File contents ---------------------------------------------------------------------------

def _csv_bytes(header: Sequence[str], rows: Iterable[Sequence[str]], *,
               delimiter: str = ",") -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _fixture_bytes(contents: dict[type[models.Model], list[models.Model]]) -> bytes:
    """The same serialisation as ``dumpdata --natural-foreign --natural-primary --indent 2``,
    objects in dependency order, then by natural key."""
    objects = [obj for model in FIXTURE_MODELS for obj in contents[model]]
    text = serializers.serialize("json", objects, indent=2, use_natural_foreign_keys=True,
                                 use_natural_primary_keys=True)
    return (text.rstrip("\n") + "\n").encode("utf-8")


def _interop_events() -> list[Event]:
    """Published events for the interop files, with their related lists in canonical order.

    ``selectors.event_list`` orders participants by role and database id, and about_*
    by name under the database's collation; both differ between databases loaded from
    the same fixture, so the prefetched lists are re-sorted by public ids here.
    """
    events = sorted(selectors.event_list(statuses=[PUBLISHED]), key=lambda e: (e.date, e.uid))
    for event in events:
        cache = event._prefetched_objects_cache
        cache["participants"]._result_cache.sort(key=_participant_order)
        for name in ("about_countries", "about_organisations", "about_people"):
            cache[name]._result_cache.sort(key=public_id)
        if event.cameo_id:
            _normalise_decimals(event.cameo)
    return events


def _participant_order(participant: EventParticipant) -> tuple[str, ...]:
    """A participant's natural key without its event: role, then the actor's public id."""
    return (participant.role, participant.actor_country_id or "",
            public_id(participant.actor_organisation) or "",
            public_id(participant.actor_person) or "", participant.name)


def _plover_bytes(events: list[Event]) -> bytes:
    lines = [json.dumps(record, ensure_ascii=False, sort_keys=True)
             for record in plover_records(events)]
    return "".join(f"{line}\n" for line in lines).encode("utf-8")


def _icews_bytes(events: list[Event]) -> bytes:
    return _csv_bytes(ICEWS_COLUMNS, icews_rows(events), delimiter="\t")


def _json_bytes(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def _field_descriptor(column: Column) -> dict[str, Any]:
    descriptor: dict[str, Any] = {"name": column.name, "type": column.type,
                                  "description": column.description}
    if column.type == "date":
        descriptor["format"] = "default"
    if column.type == "boolean":
        descriptor["trueValues"] = ["true"]
        descriptor["falseValues"] = ["false"]
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.enum:
        constraints["enum"] = [value for value, _ in column.enum]
    if column.max_length:
        constraints["maxLength"] = column.max_length
    if constraints:
        descriptor["constraints"] = constraints
    return descriptor


def _resource(table: Table) -> dict[str, Any]:
    return {
        "name": table.name,
        "path": table.path,
        "profile": "tabular-data-resource",
        "title": table.title,
        "description": table.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": _CSV_DIALECT,
        "schema": {
            "fields": [_field_descriptor(column) for column in table.columns],
            "missingValues": [""],
            "primaryKey": list(table.primary_key),
            "foreignKeys": [
                # An empty resource name is the Table Schema spelling of "this table".
                {"fields": list(fk.columns),
                 "reference": {"resource": "" if fk.table == table.name else fk.table,
                               "fields": list(fk.ref_columns)}}
                for fk in table.foreign_keys
            ],
        },
    }


def datapackage_descriptor(*, version: str) -> dict[str, Any]:
    """The Frictionless Data Package descriptor for a release: no timestamps, no paths."""
    return {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": PACKAGE_TITLE,
        "description": PACKAGE_DESCRIPTION,
        "version": version,
        "resources": [_resource(table) for table in TABLES],
    }


def _md(text: str) -> str:
    """Table-cell safe Markdown text."""
    return " ".join(str(text).split()).replace("|", "\\|")


def codebook_markdown(*, version: str) -> str:
    """The codebook: every file, table, field and enumerated value, from TABLES."""
    out = [
        f"# {PACKAGE_TITLE}: codebook for release {version}",
        "",
        PACKAGE_DESCRIPTION,
        "",
        "## What a release contains",
        "",
        "Published events and agreements, and everything they need to stand alone: their "
        "participants, citations, agreement parties and exchanges; relations between two "
        "published events; the cited sources; the people and organisations these reference "
        "(participants, speakers, whom statements are about, agreement parties, exchange "
        "intermediaries, publishers, the organisations of posts and every parent "
        "organisation), their aliases, the people's tenures and the posts held or spoken "
        "from; and the countries, CAMEO codes (with their root codes) and topics "
        "referenced. Drafts and retracted records are never included; retracted ids appear "
        f"only in `{CHANGES}`. A link from a published event to an unpublished occasion or "
        "agreement is left empty.",
        "",
        "## Files",
        "",
        "| file | content |",
        "| --- | --- |",
        f"| `{FIXTURE}` | Django fixture with natural keys (`manage.py loaddata {FIXTURE}` into "
        "an empty migrated database). |",
        *(f"| `{table.path}` | {_md(table.description)} |" for table in TABLES),
        f"| `{PLOVER}` | One published event per line in the shape of PLOVER's JSON: id, "
        "date, actors, recipients, event_type, mode, context, CAMEO code, intensity, "
        "location, first citation. |",
        f"| `{ICEWS}` | Published events as dyadic rows in the manner of ICEWS (tab-"
        "separated): one row per source actor and target actor pair. |",
        f"| `{DATAPACKAGE}` | Frictionless Data Package describing every CSV: field types, "
        "descriptions, enumerated values, primary and foreign keys. |",
        f"| `{CODEBOOK}` | This codebook. |",
        f"| `{CHANGES}` | Ids added, changed (with the columns that changed) and retracted "
        "since the previous release. |",
        f"| `{CHECKSUMS}` | SHA-256 of every other file (`sha256sum -c {CHECKSUMS}`). |",
        "",
        "## Conventions",
        "",
        "- UTF-8, comma-separated, `\\n` line endings, a header row; fields quoted only "
        "when needed.",
        "- Ids are public and stable across releases: events `ev-…`, agreements `ag-…`, "
        "sources `src-…`, tenures `tn-…`; people, organisations, posts and topics by slug; "
        "countries by ISO 3166-1 alpha-3; CAMEO codes as strings with leading zeros.",
        "- An empty cell means no value (null).",
        "- Dates are ISO 8601 (`YYYY-MM-DD`). A date at `month` or `year` precision is "
        "the first day of its month or year; the `*_precision` column says which.",
        "- Booleans are `true` or `false`.",
        f"- List cells join ids with `{LIST_SEPARATOR}`, sorted.",
        "- Decimals have a fixed number of places.",
        "- Rows are sorted by primary key. A primary key of several columns may contain "
        "empty cells (e.g. a participant known only by name).",
        "",
        "## Tables",
    ]
    for table in TABLES:
        out += ["", f"### {table.name} (`{table.path}`)", "", table.description, "",
                f"Primary key: {', '.join(f'`{name}`' for name in table.primary_key)}."]
        if table.foreign_keys:
            refs = [f"`{', '.join(fk.columns)}` → `{fk.table}.{', '.join(fk.ref_columns)}`"
                    for fk in table.foreign_keys]
            out += ["", f"Foreign keys: {'; '.join(refs)}."]
        out += ["", "| field | type | required | description |", "| --- | --- | --- | --- |"]
        for column in table.columns:
            kind = f"list of ids ({column.list_ref[0]})" if column.list_ref else column.type
            out.append(f"| `{column.name}` | {kind} | {'yes' if column.required else 'no'} | "
                       f"{_md(column.description)} |")
        for column in table.columns:
            if column.enum:
                out += ["", f"`{column.name}` values:", ""]
                out += [f"- `{value}`: {_md(meaning)}" for value, meaning in column.enum]
    out += [
        "",
        "## Interoperable files",
        "",
        f"`{PLOVER}` and `{ICEWS}` derive actors and targets from participants' roles. "
        "Acting roles (CAMEO's source): guest, speaker, perpetrator, acting authority, "
        "organiser, participant. Receiving roles (CAMEO's target): host, target, victim, "
        "arrested, subject, mentioned. A statement's speaker acts and the countries, "
        "organisations and people it is about receive. ICEWS columns: "
        + ", ".join(f"`{name}`" for name in ICEWS_COLUMNS) + ".",
        "",
    ]
    return "\n".join(out)


def _checksums_bytes(files: dict[str, bytes]) -> bytes:
    lines = [f"{hashlib.sha256(data).hexdigest()}  {path}\n"
             for path, data in sorted(files.items())]
    return "".join(lines).encode("utf-8")


# --- CHANGES ---------------------------------------------------------------------------------

@dataclass
class _PreviousTable:
    header: list[str]
    rows: dict[tuple[str, ...], dict[str, str]]


@dataclass
class _Previous:
    version: str
    tables: dict[str, _PreviousTable] = field(default_factory=dict)


def _read_previous(previous_dir: Path) -> _Previous:
    files = verify_checksums(release_dir=previous_dir)
    package = _parse_datapackage(files)
    previous = _Previous(version=str(package.get("version", "")))
    for resource in package.get("resources", []):
        table = TABLES_BY_NAME.get(resource.get("name"))
        data = files.get(resource.get("path"))
        if table is None or data is None:
            continue
        reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
        header = next(reader, [])
        if not set(table.primary_key) <= set(header):
            continue  # no comparable key: every current row counts as added
        rows = {}
        for cells in reader:
            row = dict(zip(header, cells, strict=False))
            rows[tuple(row.get(name, "") for name in table.primary_key)] = row
        previous.tables[table.name] = _PreviousTable(header=header, rows=rows)
    return previous


def _render_key(table: Table, key: tuple[str, ...]) -> str:
    if len(key) == 1:
        return f"`{key[0]}`"
    parts = [f"{name}={value}" for name, value in zip(table.primary_key, key, strict=True)
             if value]
    return f"`{', '.join(parts)}`"


def _retraction_notes(table: Table, keys: Iterable[tuple[str, ...]]) -> dict[str, str]:
    uids = [key[0] for key in keys]
    notes = {uid: "no longer in the database" for uid in uids}
    for uid, status, reason in table.model._base_manager.filter(uid__in=uids).values_list(
            "uid", "curation_status", "retraction_reason"):
        notes[uid] = f"{status}: {reason}" if reason else status
    return notes


def changes_markdown(*, version: str, rows: dict[str, list[list[str]]],
                     previous: _Previous | None) -> str:
    """CHANGES.md: per table, ids added, changed (with columns) and retracted or removed."""
    out = [f"# Changes in release {version}", ""]
    if previous is None:
        out += ["First release: there is no previous release to compare with.", "",
                "| table | rows |", "| --- | ---: |"]
        out += [f"| {table.name} | {len(rows[table.name])} |" for table in TABLES]
        return "\n".join(out) + "\n"

    out += [f"Compared with release {previous.version}. Published records are never "
            "deleted: an event or agreement that disappeared was retracted (with the "
            "reason). Other rows disappear when nothing published refers to them any more.",
            "", "| table | added | changed | retracted or removed |",
            "| --- | ---: | ---: | ---: |"]
    sections: list[str] = []
    for table in TABLES:
        current = {table.key(row): dict(zip(table.header, row, strict=True))
                   for row in rows[table.name]}
        before = previous.tables.get(table.name, _PreviousTable(header=[], rows={}))
        common = [name for name in table.header if name in before.header]
        added = sorted(set(current) - set(before.rows))
        removed = sorted(set(before.rows) - set(current))
        changed = []
        for key in sorted(set(current) & set(before.rows)):
            columns = [name for name in common if current[key][name] != before.rows[key][name]]
            if columns:
                changed.append((key, columns))
        out.append(f"| {table.name} | {len(added)} | {len(changed)} | {len(removed)} |")
        if not (added or changed or removed):
            continue
        sections += ["", f"## {table.name}"]
        new_columns = [name for name in table.header if name not in before.header]
        if before.header and new_columns:
            sections += ["", f"New columns: {', '.join(new_columns)}."]
        if added:
            sections += ["", f"Added ({len(added)}):", ""]
            sections += [f"- {_render_key(table, key)}" for key in added]
        if changed:
            sections += ["", f"Changed ({len(changed)}):", ""]
            sections += [f"- {_render_key(table, key)}: {', '.join(columns)}"
                         for key, columns in changed]
        if removed and table.curated:
            notes = _retraction_notes(table, removed)
            sections += ["", f"Retracted ({len(removed)}):", ""]
            sections += [f"- {_render_key(table, key)}: {_md(notes[key[0]])}" for key in removed]
        elif removed:
            sections += ["", f"Removed ({len(removed)}):", ""]
            sections += [f"- {_render_key(table, key)}" for key in removed]
    return "\n".join(out + sections) + "\n"


# --- Writing ---------------------------------------------------------------------------------

def _check_version(version: str) -> None:
    if not version or len(version) > _VERSION_MAX or not _VERSION_RE.match(version):
        raise ReleaseError(
            f"version {version!r}: use up to {_VERSION_MAX} letters, digits, '.', '_', '+' "
            "or '-', starting with a letter or digit (e.g. 2026.01 or 1.0.0)."
        )


def _snapshot_isolation() -> None:
    """On PostgreSQL, read the whole release from one snapshot when this is the outermost
    transaction, so a record published mid-export cannot leave a row without its parent.
    SQLite transactions already read one snapshot."""
    if connection.vendor == "postgresql" and len(connection.atomic_blocks) == 1:
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")


def _write_folder(out_dir: Path, files: dict[str, bytes]) -> None:
    """Write every file into a hidden sibling folder, then move it into place in one step:
    a failed export never leaves half a release."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out_dir.parent, prefix=f".{out_dir.name}.",
                                    suffix=".tmp"))
    try:
        for relative, data in files.items():
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            os.chmod(path, 0o644)
        for directory in [staging, *(p for p in staging.rglob("*") if p.is_dir())]:
            # mkdtemp gives 0700, which would hide a published release from other users.
            os.chmod(directory, 0o755)  # noqa: S103
        if out_dir.exists():
            out_dir.rmdir()  # checked empty by the caller
        os.replace(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


@transaction.atomic
def release_write(*, out_dir: Path | str, version: str, previous_dir: Path | str | None = None,
                  progress: Progress = None) -> ReleaseSummary:
    """Write the release folder ``out_dir`` for the published records and record it.

    ``out_dir`` must not exist or be empty. A version already in the Release table is
    refused unless the new folder is byte-identical to the recorded one (same checksum
    of SHA256SUMS): re-exporting a release reproduces it, anything else needs a new
    version. ``previous_dir`` is checked against its own SHA256SUMS before CHANGES.md
    compares with it.
    """
    _snapshot_isolation()
    say = progress or _quiet
    out_dir = Path(out_dir)
    _check_version(version)
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise ReleaseError(f"{out_dir}: already exists and is not an empty folder; a release "
                           "is written into a new folder.")
    previous = None
    if previous_dir is not None:
        previous = _read_previous(Path(previous_dir))
        say(f"read previous release {previous.version} from {previous_dir}")

    contents = release_contents()
    say(f"collected {sum(len(objs) for objs in contents.values())} records")
    rows = _rows_by_table(contents)
    files: dict[str, bytes] = {FIXTURE: _fixture_bytes(contents)}
    say(f"{FIXTURE}: {sum(len(objs) for objs in contents.values())} objects")
    for table in TABLES:
        files[table.path] = _csv_bytes(table.header, rows[table.name])
        say(f"{table.path}: {len(rows[table.name])} rows")
    interop_events = _interop_events()
    files[PLOVER] = _plover_bytes(interop_events)
    files[ICEWS] = _icews_bytes(interop_events)
    say(f"{PLOVER}, {ICEWS}: {len(interop_events)} events")
    files[DATAPACKAGE] = _json_bytes(datapackage_descriptor(version=version))
    files[CODEBOOK] = codebook_markdown(version=version).encode("utf-8")
    files[CHANGES] = changes_markdown(version=version, rows=rows, previous=previous).encode()
    files[CHECKSUMS] = _checksums_bytes(files)
    checksum = hashlib.sha256(files[CHECKSUMS]).hexdigest()
    record_count = len(rows["events"]) + len(rows["agreements"])

    existing = Release.objects.filter(version=version).first()
    if existing is not None and existing.checksum != checksum:
        raise ReleaseError(
            f"version {version}: already released with different contents (checksum "
            f"{existing.checksum[:12]}…, this export {checksum[:12]}…); choose a new version."
        )
    _write_folder(out_dir, files)
    say(f"wrote {len(files)} files to {out_dir}")
    if existing is None:
        Release.objects.create(version=version, released_at=timezone.now(), checksum=checksum,
                               record_count=record_count)
    return ReleaseSummary(
        path=out_dir, version=version,
        files=[(path, len(data)) for path, data in sorted(files.items())],
        counts={name: len(table_rows) for name, table_rows in rows.items()},
        record_count=record_count, checksum=checksum, recorded=existing is None,
    )


# --- Verifying -------------------------------------------------------------------------------

def _fail(errors: list[str]) -> None:
    if errors:
        shown = errors[:MAX_ERRORS]
        more = f" (and {len(errors) - 1} more problem(s))" if len(errors) > 1 else ""
        raise ReleaseError(f"{shown[0]}{more}; nothing was imported.", errors=shown)


def verify_checksums(*, release_dir: Path | str) -> dict[str, bytes]:
    """Every file of the folder, by relative path, after checking SHA256SUMS lists each
    file exactly once with its right checksum; ReleaseError naming the file otherwise."""
    release_dir = Path(release_dir)
    if not release_dir.is_dir():
        raise ReleaseError(f"{release_dir}: no such folder")
    sums = release_dir / CHECKSUMS
    if not sums.is_file():
        raise ReleaseError(f"{CHECKSUMS}: missing from {release_dir}")
    listed: dict[str, str] = {}
    errors: list[str] = []
    for number, line in enumerate(sums.read_text("utf-8", errors="replace").splitlines(), 1):
        match = _CHECKSUM_LINE.match(line)
        if not match:
            errors.append(f"{CHECKSUMS}: line {number}: not '<sha256>  <path>'")
            continue
        digest, path = match.groups()
        parts = Path(path).parts
        if Path(path).is_absolute() or ".." in parts or "\\" in path or path == CHECKSUMS:
            errors.append(f"{CHECKSUMS}: line {number}: path {path!r} is not inside the folder")
        elif path in listed:
            errors.append(f"{CHECKSUMS}: line {number}: {path} is listed twice")
        else:
            listed[path] = digest
    _fail(errors)
    present = {p.relative_to(release_dir).as_posix() for p in release_dir.rglob("*")
               if p.is_file()} - {CHECKSUMS}
    required = {FIXTURE, DATAPACKAGE, *(table.path for table in TABLES)}
    errors += [f"{path}: missing from the release" for path in sorted(required - present)]
    errors += [f"{path}: listed in {CHECKSUMS} but missing"
               for path in sorted(set(listed) - present - required)]
    errors += [f"{path}: not listed in {CHECKSUMS}" for path in sorted(present - set(listed))]
    files: dict[str, bytes] = {}
    for path in sorted(set(listed) & present):
        data = (release_dir / path).read_bytes()
        actual = hashlib.sha256(data).hexdigest()
        if actual != listed[path]:
            errors.append(f"{path}: checksum mismatch ({CHECKSUMS} says {listed[path][:12]}…, "
                          f"the file is {actual[:12]}…): the file was changed or damaged")
        files[path] = data
    _fail(errors)
    files[CHECKSUMS] = sums.read_bytes()
    return files


def _parse_datapackage(files: dict[str, bytes]) -> dict[str, Any]:
    try:
        package = json.loads(files[DATAPACKAGE].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReleaseError(f"{DATAPACKAGE}: not valid JSON ({exc})") from exc
    if not isinstance(package, dict):
        raise ReleaseError(f"{DATAPACKAGE}: not a JSON object")
    return package


def _structure(resource: dict[str, Any]) -> dict[str, Any]:
    """What of a resource the validator relies on; titles and descriptions may differ."""
    schema = resource.get("schema") or {}
    fields = [{k: v for k, v in f.items() if k not in ("description", "title")}
              for f in schema.get("fields", []) if isinstance(f, dict)]
    return {"path": resource.get("path"), "fields": fields,
            "primaryKey": schema.get("primaryKey"), "foreignKeys": schema.get("foreignKeys"),
            "missingValues": schema.get("missingValues"), "dialect": resource.get("dialect"),
            "encoding": resource.get("encoding")}


def check_datapackage(files: dict[str, bytes]) -> str:
    """The release's version, after checking datapackage.json describes exactly the tables
    this software writes (names, paths, fields, types, constraints and keys)."""
    package = _parse_datapackage(files)
    version = package.get("version")
    if not isinstance(version, str):
        raise ReleaseError(f"{DATAPACKAGE}: field version: missing")
    try:
        _check_version(version)
    except ReleaseError as exc:
        raise ReleaseError(f"{DATAPACKAGE}: field {exc}") from exc
    resources = {r.get("name"): r for r in package.get("resources", []) if isinstance(r, dict)}
    errors = []
    for expected in datapackage_descriptor(version=version)["resources"]:
        name = expected["name"]
        found = resources.pop(name, None)
        if found is None:
            errors.append(f"{DATAPACKAGE}: resource {name} is missing")
            continue
        want, have = _structure(expected), _structure(found)
        if want == have:
            continue
        fields = {f.get("name"): f for f in have["fields"]}
        differing = [f["name"] for f in want["fields"] if fields.get(f["name"]) != f]
        differing += [n for n in fields if n not in {f["name"] for f in want["fields"]}]
        if differing:
            errors.append(f"{DATAPACKAGE}: resource {name}, field {differing[0]}: does not "
                          "match the schema this software writes")
        else:
            key = next(k for k in want if want[k] != have[k])
            errors.append(f"{DATAPACKAGE}: resource {name}: {key} does not match the schema "
                          "this software writes")
    errors += [f"{DATAPACKAGE}: resource {name} is not part of a release" for name in resources]
    _fail(errors)
    return version


@dataclass
class _ParsedTable:
    table: Table
    rows: list[tuple[int, list[str]]]  # (row number, counting the header as row 1; cells)


def _cell_problem(column: Column, text: str) -> str | None:
    if text == "":
        return "a value is required" if column.required else None
    if column.is_list:
        items = text.split(LIST_SEPARATOR)
        if any(item == "" for item in items):
            return f"empty item in the list {text!r}"
        return None
    if column.max_length and len(text) > column.max_length:
        return f"longer than {column.max_length} characters"
    if column.type == "boolean" and text not in ("true", "false"):
        return f"{text!r} is not true or false"
    if column.type == "date":
        try:
            if not _DATE_RE.match(text):
                raise ValueError
            datetime.date.fromisoformat(text)
        except ValueError:
            return f"{text!r} is not a date (YYYY-MM-DD)"
    if column.type == "number":
        if not _NUMBER_RE.match(text):
            return f"{text!r} is not a number"
        places = len(text.partition(".")[2])
        if column.decimal_places is not None and places > column.decimal_places:
            return f"{text!r} has more than {column.decimal_places} decimal places"
    if column.enum and text not in {value for value, _ in column.enum}:
        allowed = ", ".join(value for value, _ in column.enum)
        return f"{text!r} is not one of: {allowed}"
    return None


def _parse_table(table: Table, data: bytes, errors: list[str]) -> _ParsedTable:
    parsed = _ParsedTable(table=table, rows=[])
    path, header = table.path, table.header
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        errors.append(f"{path}: line {line}: not valid UTF-8")
        return parsed
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        found = next(reader, None)
        if found is None:
            errors.append(f"{path}: row 1 (header): the file is empty")
            return parsed
        if found != header:
            position = next((i for i, (a, b) in enumerate(zip(header, found, strict=False))
                             if a != b), min(len(header), len(found)))
            expected = header[position] if position < len(header) else "(none)"
            got = found[position] if position < len(found) else "(none)"
            errors.append(f"{path}: row 1 (header), field {expected}: found {got!r}; the header "
                          f"must be {','.join(header)}")
            return parsed
        for number, cells in enumerate(reader, start=2):
            parsed.rows.append((number, cells))
    except csv.Error as exc:
        errors.append(f"{path}: row {len(parsed.rows) + 2}: not valid CSV ({exc})")
        return parsed
    if parsed.rows and not text.endswith("\n"):
        number, cells = parsed.rows[-1]
        name = header[min(len(cells), len(header)) - 1]
        errors.append(f"{path}: row {number}, field {name}: truncated (the file ends inside "
                      "this row, without its final newline)")
        return parsed

    seen: dict[tuple[str, ...], int] = {}
    for number, cells in parsed.rows:
        if len(cells) < len(header):
            errors.append(f"{path}: row {number}, field {header[len(cells)]}: missing (the row "
                          f"has {len(cells)} of {len(header)} fields)")
            continue
        if len(cells) > len(header):
            errors.append(f"{path}: row {number}: {len(cells)} fields, the header has "
                          f"{len(header)}")
            continue
        for column, value in zip(table.columns, cells, strict=True):
            problem = _cell_problem(column, value)
            if problem:
                errors.append(f"{path}: row {number}, field {column.name}: {problem}")
        key = table.key(cells)
        if key in seen:
            errors.append(f"{path}: row {number}, field {table.primary_key[0]}: primary key "
                          f"{key} repeats row {seen[key]}")
        seen.setdefault(key, number)
    return parsed


def _check_references(parsed: dict[str, _ParsedTable], errors: list[str]) -> None:
    def values(table: str, columns: Sequence[str]) -> set[tuple[str, ...]]:
        positions = [TABLES_BY_NAME[table].header.index(c) for c in columns]
        return {tuple(cells[i] for i in positions) for _, cells in parsed[table].rows
                if len(cells) == len(TABLES_BY_NAME[table].header)}

    for table in TABLES:
        well_formed = [(n, c) for n, c in parsed[table.name].rows if len(c) == len(table.header)]
        for fk in table.foreign_keys:
            targets = values(fk.table, fk.ref_columns)
            positions = [table.header.index(c) for c in fk.columns]
            for number, cells in well_formed:
                value = tuple(cells[i] for i in positions)
                if any(value) and value not in targets:
                    errors.append(f"{table.path}: row {number}, field {fk.columns[0]}: "
                                  f"{'/'.join(value)!r} is not in {fk.table}")
        for column in table.columns:
            if not column.list_ref:
                continue
            targets = {v[0] for v in values(column.list_ref[0], [column.list_ref[1]])}
            position = table.header.index(column.name)
            for number, cells in well_formed:
                for item in filter(None, cells[position].split(LIST_SEPARATOR)):
                    if item not in targets:
                        errors.append(f"{table.path}: row {number}, field {column.name}: "
                                      f"{item!r} is not in {column.list_ref[0]}")


def validate_tables(files: dict[str, bytes]) -> dict[str, _ParsedTable]:
    """Every CSV parsed and checked against TABLES: header, field count, types, enumerated
    values, required fields, unique primary keys and foreign keys."""
    errors: list[str] = []
    parsed = {table.name: _parse_table(table, files[table.path], errors) for table in TABLES}
    if not errors:
        _check_references(parsed, errors)
    _fail(errors)
    return parsed


# --- Importing -------------------------------------------------------------------------------

@dataclass
class _Loaded:
    model: type[models.Model]
    pk: Any
    before: dict[str, Any] | None  # the row's state before the import; None if new


def _state(model: type[models.Model], pk: Any) -> dict[str, Any]:
    obj = model._base_manager.get(pk=pk)
    state = {f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields}
    for m2m in model._meta.many_to_many:
        state[m2m.name] = sorted(getattr(obj, m2m.name).values_list("pk", flat=True), key=str)
    return state


def _describe(model: type[models.Model], item: dict[str, Any]) -> str:
    fields = item.get("fields") or {}
    label = item.get("pk") or fields.get("uid") or fields.get("slug") or fields.get("name")
    return f"{model._meta.label_lower} {label}" if label else model._meta.label_lower


def _check_fields(where: str, model: type[models.Model], fields: dict[str, Any]) -> list[str]:
    """Field-level problems of one fixture object, each naming the field."""
    problems = []
    for name, raw in fields.items():
        try:
            fld = model._meta.get_field(name)
        except FieldDoesNotExist:
            problems.append(f"{where}, field {name}: no such field")
            continue
        if fld.is_relation:
            continue
        if raw is None:
            if not fld.null:
                problems.append(f"{where}, field {name}: may not be null")
            continue
        try:
            value = fld.to_python(raw)
        except ValidationError as exc:
            problems.append(f"{where}, field {name}: {' '.join(exc.messages)}")
            continue
        if fld.choices and value not in {v for v, _ in fld.flatchoices} and not (
                fld.blank and value == ""):
            problems.append(f"{where}, field {name}: {raw!r} is not an allowed value")
        max_length = getattr(fld, "max_length", None)
        if max_length and isinstance(value, str) and len(value) > max_length:
            problems.append(f"{where}, field {name}: longer than {max_length} characters")
    if issubclass(model, CuratedRecord) and fields.get("curation_status") != PUBLISHED:
        problems.append(f"{where}, field curation_status: {fields.get('curation_status')!r}; "
                        "a release holds published records only")
    return problems


# Report loading progress every this many fixture objects.
_PROGRESS_EVERY = 1000


def _refuse(message: str, errors: Sequence[str] = ()) -> ReleaseError:
    return ReleaseError(f"{message}; nothing was imported.", errors=errors)


def _load_fixture(data: bytes, say: Callable[[str], None]) -> list[_Loaded]:
    """Save every fixture object (as loaddata does: raw saves, forward references
    resolved at the end), naming the object, model and field of any failure."""
    try:
        items = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _refuse(f"{FIXTURE}: not valid JSON ({exc})") from exc
    if not isinstance(items, list):
        raise _refuse(f"{FIXTURE}: not a JSON list of objects")
    allowed = {model._meta.label_lower: model for model in FIXTURE_MODELS}
    loaded: list[_Loaded] = []
    deferred = []
    for index, item in enumerate(items, start=1):
        where = f"{FIXTURE} object {index}"
        if not isinstance(item, dict) or not isinstance(item.get("fields"), dict):
            raise _refuse(f"{where}: not an object with model and fields")
        model = allowed.get(str(item.get("model", "")).lower())
        if model is None:
            raise _refuse(f"{where}: model {item.get('model')!r} is not part of a release")
        where = f"{where} ({_describe(model, item)})"
        problems = _check_fields(where, model, item["fields"])
        if problems:
            raise _refuse(problems[0], errors=problems)
        try:
            (obj,) = serializers.deserialize("python", [item], handle_forward_references=True)
            pk = obj.object.pk
            # A natural key found in the database gives the object its primary key.
            before = _state(model, pk) if pk is not None and hasattr(model, "history") else None
            obj.save()
        except (DeserializationError, ObjectDoesNotExist, ValidationError, DatabaseError,
                ValueError, TypeError) as exc:
            raise _refuse(f"{where}: {exc}") from exc
        if obj.deferred_fields:
            deferred.append((where, obj))
        loaded.append(_Loaded(model=model, pk=obj.object.pk, before=before))
        if index % _PROGRESS_EVERY == 0:
            say(f"{FIXTURE}: {index} of {len(items)} objects loaded")
    for where, obj in deferred:
        try:
            obj.save_deferred_fields()
        except (DeserializationError, ObjectDoesNotExist, DatabaseError, ValueError) as exc:
            raise _refuse(f"{where}: {exc}") from exc
    tables = [m._meta.db_table for m in apps.get_app_config("diplomacy").get_models(
        include_auto_created=True) if not m._meta.db_table.startswith("diplomacy_historical")]
    try:
        connection.check_constraints(table_names=tables)
    except DatabaseError as exc:
        raise _refuse(f"{FIXTURE}: {exc}") from exc
    return loaded


def _cross_check(parsed: dict[str, _ParsedTable], loaded: list[_Loaded]) -> None:
    """The CSVs must say what the fixture loaded: same rows, same values."""
    pks: dict[type[models.Model], list[Any]] = defaultdict(list)
    for item in loaded:
        pks[item.model].append(item.pk)
    fetched = {model: _fetch_pks(model, pks[model]) for model in FIXTURE_MODELS}
    errors: list[str] = []
    for table in TABLES:
        from_fixture = {table.key(row): row for row in table.rows(fetched[table.model])}
        for number, cells in parsed[table.name].rows:
            key = table.key(cells)
            row = from_fixture.pop(key, None)
            if row is None:
                errors.append(f"{table.path}: row {number}, field {table.primary_key[0]}: "
                              f"{_render_key(table, key)} is not in {FIXTURE}")
                continue
            for name, csv_value, fixture_value in zip(table.header, cells, row, strict=True):
                if csv_value != fixture_value:
                    errors.append(f"{table.path}: row {number}, field {name}: {csv_value!r} "
                                  f"but {FIXTURE} says {fixture_value!r}")
        errors += [f"{FIXTURE}: {table.name} {_render_key(table, key)} has no row in "
                   f"{table.path}" for key in sorted(from_fixture)]
    _fail(errors)


def _history_m2m(model: type[models.Model], history_rows: list[models.Model]) -> None:
    """simple_history's bulk_history_create leaves out many-to-many snapshots; add them."""
    # A history row keeps the record's own primary key in ``id``.
    by_pk = {row.id: row for row in history_rows}
    for m2m in model.history.model._history_m2m_fields:
        snapshot = apps.get_model(model._meta.app_label,
                                  f"Historical{model.__name__}_{m2m.name}")
        through = m2m.remote_field.through
        owner = m2m.m2m_field_name()
        fields = [f.attname for f in through._meta.concrete_fields]
        rows = []
        pks = list(by_pk)
        for start in range(0, len(pks), _CHUNK):
            for link in through.objects.filter(**{f"{owner}__in": pks[start:start + _CHUNK]}):
                rows.append(snapshot(history=by_pk[getattr(link, f"{owner}_id")],
                                     **{name: getattr(link, name) for name in fields}))
        snapshot.objects.bulk_create(rows, batch_size=_CHUNK)


def _record_history(loaded: list[_Loaded], *, reason: str, moment: datetime.datetime
                    ) -> tuple[int, int]:
    """An initial history row for each record the import created, and an update row for each
    existing record it changed, so the change history starts where the release does."""
    created = updated = 0
    by_model: dict[type[models.Model], list[_Loaded]] = defaultdict(list)
    for item in loaded:
        if hasattr(item.model, "history"):
            by_model[item.model].append(item)
    for model, items in by_model.items():
        new = [item.pk for item in items if item.before is None]
        changed = [item.pk for item in items
                   if item.before is not None and item.before != _state(model, item.pk)]
        for pks, update in ((new, False), (changed, True)):
            if not pks:
                continue
            objects = [obj for start in range(0, len(pks), _CHUNK)
                       for obj in model._base_manager.filter(pk__in=pks[start:start + _CHUNK])]
            rows = model.history.bulk_history_create(
                objects, update=update, default_change_reason=reason, default_date=moment,
                batch_size=_CHUNK)
            if model.history.model._history_m2m_fields:
                _history_m2m(model, rows)
        created += len(new)
        updated += len(changed)
    return created, updated


@transaction.atomic
def release_import(*, release_dir: Path | str, progress: Progress = None) -> ImportSummary:
    """Verify a release folder and load it, all or nothing.

    1. SHA256SUMS lists every file, once, with its right checksum, and no file is
       unlisted; 2. datapackage.json describes the tables this software writes, and
       every CSV row has the right fields, types, enumerated values, required values,
       unique primary keys and existing foreign keys; 3. fixture.json loads (as
       loaddata would: objects matched by natural key are updated), and what it loaded
       is exactly what the CSVs say. Then the release is recorded in Release (so the
       changes feed accepts ``since=<version>``) and the loaded records get history
       rows reading "imported release <version>". Any failure raises ReleaseError
       naming the file, row and field, and nothing is written. Row numbers count the
       CSV header as row 1 (as Frictionless does); fixture objects count from 1.
    """
    say = progress or _quiet
    release_dir = Path(release_dir)
    files = verify_checksums(release_dir=release_dir)
    say(f"{CHECKSUMS}: {len(files) - 1} files verified")
    version = check_datapackage(files)
    parsed = validate_tables(files)
    for table in TABLES:
        say(f"{table.path}: {len(parsed[table.name].rows)} rows valid")
    checksum = hashlib.sha256(files[CHECKSUMS]).hexdigest()
    existing = Release.objects.filter(version=version).first()
    if existing is not None and existing.checksum != checksum:
        raise ReleaseError(f"{DATAPACKAGE}: field version: release {version} is already "
                           f"recorded with different contents (checksum "
                           f"{existing.checksum[:12]}…, this folder {checksum[:12]}…); "
                           "nothing was imported.")

    loaded = _load_fixture(files[FIXTURE], say)
    say(f"{FIXTURE}: {len(loaded)} objects loaded")
    _cross_check(parsed, loaded)
    say("the CSVs match the fixture")
    moment = timezone.now()
    created, updated = _record_history(loaded, reason=f"imported release {version}",
                                       moment=moment)
    if existing is None:
        Release.objects.create(
            version=version, released_at=moment, checksum=checksum,
            record_count=len(parsed["events"].rows) + len(parsed["agreements"].rows),
        )
    return ImportSummary(
        path=release_dir, version=version,
        counts={name: len(table.rows) for name, table in parsed.items()},
        objects=len(loaded), created=created, updated=updated, recorded=existing is None,
    )
