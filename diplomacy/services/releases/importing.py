"""Importing a release folder: verify it, read its fixture object by object, add what
is new in bulk, leave what differs here alone (or update it when asked), check the
fixture against the CSVs; all or nothing, every written row with its history."""

from __future__ import annotations

import datetime
import functools
import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, models, transaction
from django.utils import timezone

from diplomacy.models import CurationStatus, Release
from diplomacy.models.common import CuratedRecord
from diplomacy.services.accounts import system_user
from diplomacy.services.bulk import analyze
from diplomacy.services.derived import DERIVED_MODELS, events_refresh

from .common import (
    CHANGES,
    CHECKSUMS,
    CODEBOOK,
    DATAPACKAGE,
    FIXTURE,
    ICEWS,
    PLOVER,
    PUBLISHED,
    FixtureObject,
    ImportSummary,
    Progress,
    ReleaseError,
    quiet,
)
from .contents import FIXTURE_MODELS
from .crosscheck import CrossCheck
from .jsonstream import HashingReader, StreamError, iter_json_list
from .loading import Loader, LoadResult
from .tables import TABLES
from .verifying import check_datapackage, validate_tables, verify_checksums


def _describe(model: type[models.Model], item: dict[str, Any]) -> str:
    fields = item.get("fields") or {}
    label = item.get("pk") or fields.get("uid") or fields.get("slug") or fields.get("name")
    return f"{model._meta.label_lower} {label}" if label else model._meta.label_lower


@functools.cache
def _plain_fields(model: type[models.Model]) -> dict[str, tuple[models.Field, frozenset | None]]:
    """``model``'s fields by name, each with its allowed values (None: any); relations
    map to None (the loader resolves them). Worked out once per model, not per object."""
    fields: dict[str, Any] = {}
    for fld in [*model._meta.concrete_fields, *model._meta.many_to_many]:
        if fld.is_relation:
            fields[fld.name] = None
            continue
        allowed = frozenset(v for v, _ in fld.flatchoices) if fld.choices else None
        fields[fld.name] = (fld, allowed)
    return fields


def _convert(where: str, model: type[models.Model], fields: dict[str, Any], *,
             release: bool = True) -> tuple[dict[str, Any], list[str]]:
    """One fixture object's values, each converted by its field (relations aside), and its
    field-level problems, each naming the field. Converted once, here: the loader and the
    cross-check use these values."""
    known = _plain_fields(model)
    values: dict[str, Any] = {}
    problems = []
    for name, raw in fields.items():
        if name not in known:
            problems.append(f"{where}, field {name}: no such field")
            continue
        rule = known[name]
        if rule is None:
            continue
        fld, allowed = rule
        if raw is None:
            if not fld.null:
                problems.append(f"{where}, field {name}: may not be null")
            values[fld.attname] = None
            continue
        try:
            value = fld.to_python(raw)
        except ValidationError as exc:
            problems.append(f"{where}, field {name}: {' '.join(exc.messages)}")
            continue
        if allowed is not None and value not in allowed and not (fld.blank and value == ""):
            problems.append(f"{where}, field {name}: {raw!r} is not an allowed value")
        max_length = getattr(fld, "max_length", None)
        if max_length and isinstance(value, str) and len(value) > max_length:
            problems.append(f"{where}, field {name}: longer than {max_length} characters")
        values[fld.attname] = value
    status = fields.get("curation_status")
    if release and issubclass(model, CuratedRecord) and status != PUBLISHED and not (
            status == CurationStatus.RETRACTED and fields.get("retraction_reason")):
        problems.append(f"{where}, field curation_status: {status!r}; a release holds "
                        "published records only, and retracted ones with their reason")
    return values, problems


# Report loading progress every this many fixture objects.
_PROGRESS_EVERY = 1000


def _refuse(message: str, errors: Sequence[str] = ()) -> ReleaseError:
    return ReleaseError(f"{message}; nothing was imported.", errors=errors)


def fixture_items(stream, *, name: str = FIXTURE, release: bool = True
                  ) -> Iterator[FixtureObject]:
    """A fixture's objects one by one, each checked (model, fields, values) and its values
    converted; a release holds only published records (and retracted ones with their
    reason)."""
    allowed = {model._meta.label_lower: model for model in FIXTURE_MODELS}
    try:
        for index, item in enumerate(iter_json_list(stream), start=1):
            where = f"{name} object {index}"
            if not isinstance(item, dict) or not isinstance(item.get("fields"), dict):
                raise _refuse(f"{where}: not an object with model and fields")
            model = allowed.get(str(item.get("model", "")).lower())
            if model is None:
                raise _refuse(f"{where}: model {item.get('model')!r} is not part of a "
                              "release")
            where = f"{where} ({_describe(model, item)})"
            values, problems = _convert(where, model, item["fields"], release=release)
            if problems:
                raise _refuse(problems[0], errors=problems)
            yield FixtureObject(index=index, where=where, model=model, fields=item["fields"],
                                pk=item.get("pk"), values=values)
    except RecursionError as exc:
        raise _refuse(f"{name}: nested too deeply to be a fixture") from exc
    except (UnicodeDecodeError, StreamError) as exc:
        raise _refuse(f"{name}: not valid JSON ({exc})") from exc


def load_objects(objects: Iterable[FixtureObject], *, user_id: int | None, reason: str,
                 moment: datetime.datetime, update: bool = False,
                 say: Callable[[str], None] = quiet) -> LoadResult:
    """Load checked fixture objects through ``Loader``, then check the database's
    constraints over every diplomacy table."""
    loader = Loader(user_id=user_id, reason=reason, moment=moment, update=update)
    for obj in objects:
        loader.feed(obj)
        if obj.index % _PROGRESS_EVERY == 0:
            say(f"{FIXTURE}: {obj.index} objects read")
    result = loader.finish()
    tables = [m._meta.db_table for m in apps.get_app_config("diplomacy").get_models(
        include_auto_created=True) if not m._meta.db_table.startswith("diplomacy_historical")]
    try:
        connection.check_constraints(table_names=tables)
    except DatabaseError as exc:
        raise _refuse(f"{FIXTURE}: {exc}") from exc
    return result


def _reason(version: str) -> str:
    return f"import of release {version}"


@transaction.atomic
def release_import(*, release_dir: Path | str, user=None, update: bool = False,
                   progress: Progress = None) -> ImportSummary:
    """Verify a release folder and load it, all or nothing; never clobbering local work.

    1. SHA256SUMS lists every file, once, with its right checksum, and no file is
       unlisted; 2. datapackage.json describes the tables this software writes, and
       every CSV row has the right fields, types, enumerated values, required values,
       unique primary keys and existing foreign keys; 3. fixture.json is read object by
       object (and hashed again as it is read): what is new is added in bulk; a record
       that exists here and differs is left alone and listed in ``differing`` unless
       ``update`` (even then a local draft keeps its status); 4. what the fixture holds
       is exactly what the CSVs say (each object rendered into its CSV rows as it is
       read). Every row written has a history entry naming
       ``user`` (the ``system`` account when None) and "import of release <version>".
       On PostgreSQL the tables written get fresh planner statistics (ANALYZE).
       The release is recorded in Release (so the changes feed accepts
       ``since=<version>``). Any failure raises ReleaseError naming the file, row and
       field, and nothing is written. Row numbers count the CSV header as row 1 (as
       Frictionless does); fixture objects count from 1.
    """
    say = progress or quiet
    release_dir = Path(release_dir)
    # Checksummed, not kept: the fixture is read as a stream later, and the interop
    # files and the markdown are not imported (at a million events the PLOVER and ICEWS
    # files alone are a gigabyte).
    files = verify_checksums(release_dir=release_dir,
                             streamed={FIXTURE, PLOVER, ICEWS, CODEBOOK, CHANGES})
    say(f"{CHECKSUMS}: {len(files) - 1} files verified")
    version = check_datapackage(files)
    parsed = validate_tables(files)
    sums = files[CHECKSUMS]
    del files  # the CSVs' text: their parsed rows are what the check needs
    for table in TABLES:
        say(f"{table.path}: {len(parsed[table.name].rows)} rows valid")
    counts = {name: len(table.rows) for name, table in parsed.items()}
    checksum = hashlib.sha256(sums).hexdigest()
    existing = Release.objects.filter(version=version).first()
    if existing is not None and existing.checksum != checksum:
        raise ReleaseError(f"{DATAPACKAGE}: field version: release {version} is already "
                           f"recorded with different contents (checksum "
                           f"{existing.checksum[:12]}…, this folder {checksum[:12]}…); "
                           "nothing was imported.")

    user = user if user is not None else system_user()
    moment = timezone.now()
    check = CrossCheck(parsed)
    # From here the check holds each CSV row until its fixture object passes, then lets
    # it go: memory falls as the import goes on.
    del parsed

    def checked(objects: Iterable[FixtureObject]) -> Iterator[FixtureObject]:
        for obj in objects:
            check.see(obj)
            yield obj

    with HashingReader.open(release_dir / FIXTURE, sums, FIXTURE) as reader:
        result = load_objects(checked(fixture_items(reader)), user_id=user.pk,
                              reason=_reason(version), moment=moment, update=update, say=say)
    say(f"{FIXTURE}: {result.objects} objects read, {sum(result.created.values())} new")
    check.finish()
    say("the CSVs match the fixture")
    events_refresh(event_ids=result.new_events, new=True)
    analyze({*result.written, *(DERIVED_MODELS if result.new_events else ())})
    if existing is None:
        Release.objects.create(
            version=version, released_at=moment, checksum=checksum,
            record_count=counts["events"] + counts["agreements"],
        )
    return ImportSummary(
        path=release_dir, version=version,
        counts=counts,
        objects=result.objects, created=sum(result.created.values()),
        updated=len(result.updated), recorded=existing is None,
        unchanged=result.unchanged, differing=tuple(result.differing),
        updated_records=tuple(result.updated),
    )
