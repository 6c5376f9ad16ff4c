"""Importing a release folder: verify it, read its fixture object by object, add what
is new in bulk, leave what differs here alone (or update it when asked), check the
fixture against the CSVs; all or nothing, every written row with its history."""

from __future__ import annotations

import datetime
import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import DatabaseError, connection, models, transaction
from django.utils import timezone

from diplomacy.models import CurationStatus, Release
from diplomacy.models.common import CuratedRecord
from diplomacy.services.accounts import system_user
from diplomacy.services.derived import events_refresh

from .common import (
    CHECKSUMS,
    DATAPACKAGE,
    FIXTURE,
    PUBLISHED,
    ImportSummary,
    Progress,
    ReleaseError,
    quiet,
)
from .contents import FIXTURE_MODELS
from .jsonstream import HashingReader, StreamError, iter_json_list
from .loading import Loader, LoadResult
from .rows import rows_by_pk
from .tables import TABLES
from .verifying import ParsedTable, check_datapackage, fail, validate_tables, verify_checksums


def _describe(model: type[models.Model], item: dict[str, Any]) -> str:
    fields = item.get("fields") or {}
    label = item.get("pk") or fields.get("uid") or fields.get("slug") or fields.get("name")
    return f"{model._meta.label_lower} {label}" if label else model._meta.label_lower


def _check_fields(where: str, model: type[models.Model], fields: dict[str, Any], *,
                  release: bool = True) -> list[str]:
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
    status = fields.get("curation_status")
    if release and issubclass(model, CuratedRecord) and status != PUBLISHED and not (
            status == CurationStatus.RETRACTED and fields.get("retraction_reason")):
        problems.append(f"{where}, field curation_status: {status!r}; a release holds "
                        "published records only, and retracted ones with their reason")
    return problems


# Report loading progress every this many fixture objects.
_PROGRESS_EVERY = 1000


def _refuse(message: str, errors: Sequence[str] = ()) -> ReleaseError:
    return ReleaseError(f"{message}; nothing was imported.", errors=errors)


def fixture_items(stream, *, name: str = FIXTURE, release: bool = True
                  ) -> Iterator[tuple[int, str, type[models.Model], dict[str, Any], Any]]:
    """A fixture's objects one by one, each checked (model, fields, values); a release
    holds only published records (and retracted ones with their reason)."""
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
            problems = _check_fields(where, model, item["fields"], release=release)
            if problems:
                raise _refuse(problems[0], errors=problems)
            yield index, where, model, item["fields"], item.get("pk")
    except RecursionError as exc:
        raise _refuse(f"{name}: nested too deeply to be a fixture") from exc
    except (UnicodeDecodeError, StreamError) as exc:
        raise _refuse(f"{name}: not valid JSON ({exc})") from exc


def load_objects(items: Iterable[tuple[int, str, type[models.Model], dict[str, Any], Any]], *,
                 user_id: int | None, reason: str, moment: datetime.datetime,
                 update: bool = False, say: Callable[[str], None] = quiet) -> LoadResult:
    """Load checked fixture objects through ``Loader``, then check the database's
    constraints over every diplomacy table."""
    loader = Loader(user_id=user_id, reason=reason, moment=moment, update=update)
    for index, where, model, fields, pk in items:
        loader.feed(index=index, where=where, model=model, fields=fields, pk=pk)
        if index % _PROGRESS_EVERY == 0:
            say(f"{FIXTURE}: {index} objects read")
    result = loader.finish()
    tables = [m._meta.db_table for m in apps.get_app_config("diplomacy").get_models(
        include_auto_created=True) if not m._meta.db_table.startswith("diplomacy_historical")]
    try:
        connection.check_constraints(table_names=tables)
    except DatabaseError as exc:
        raise _refuse(f"{FIXTURE}: {exc}") from exc
    return result


def _cross_check(parsed: dict[str, ParsedTable], result: LoadResult) -> None:
    """The CSVs must say what the fixture holds: same rows, same values. Objects left
    alone (they differ here) are not in the database as the fixture has them: skipped."""
    pks: dict[type[models.Model], list[Any]] = defaultdict(list)
    for model, pk in result.present:
        pks[model].append(pk)
    errors: list[str] = []
    for table in TABLES:
        skipped = result.skipped.get(table.model, set())
        fetched = rows_by_pk(table.model, pks[table.model])
        from_fixture = {table.key(row): row for row in table.rows(fetched)}
        for number, cells in parsed[table.name].rows:
            key = table.key(cells)
            row = from_fixture.pop(key, None)
            if key in skipped:
                continue
            if row is None:
                errors.append(f"{table.path}: row {number}, field {table.primary_key[0]}: "
                              f"{table.key_label(key)} is not in {FIXTURE}")
                continue
            for name, csv_value, fixture_value in zip(table.header, cells, row, strict=True):
                if csv_value != fixture_value:
                    errors.append(f"{table.path}: row {number}, field {name}: {csv_value!r} "
                                  f"but {FIXTURE} says {fixture_value!r}")
        errors += [f"{FIXTURE}: {table.name} {table.key_label(key)} has no row in "
                   f"{table.path}" for key in sorted(from_fixture) if key not in skipped]
    fail(errors)


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
       is exactly what the CSVs say. Every row written has a history entry naming
       ``user`` (the ``system`` account when None) and "import of release <version>".
       The release is recorded in Release (so the changes feed accepts
       ``since=<version>``). Any failure raises ReleaseError naming the file, row and
       field, and nothing is written. Row numbers count the CSV header as row 1 (as
       Frictionless does); fixture objects count from 1.
    """
    say = progress or quiet
    release_dir = Path(release_dir)
    files = verify_checksums(release_dir=release_dir, streamed={FIXTURE})
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

    user = user if user is not None else system_user()
    moment = timezone.now()
    with HashingReader.open(release_dir / FIXTURE, files[CHECKSUMS], FIXTURE) as reader:
        result = load_objects(fixture_items(reader), user_id=user.pk, reason=_reason(version),
                              moment=moment, update=update, say=say)
    say(f"{FIXTURE}: {result.objects} objects read, {sum(result.created.values())} new")
    _cross_check(parsed, result)
    say("the CSVs match the fixture")
    events_refresh(event_ids=result.new_events)
    if existing is None:
        Release.objects.create(
            version=version, released_at=moment, checksum=checksum,
            record_count=len(parsed["events"].rows) + len(parsed["agreements"].rows),
        )
    return ImportSummary(
        path=release_dir, version=version,
        counts={name: len(table.rows) for name, table in parsed.items()},
        objects=result.objects, created=sum(result.created.values()),
        updated=len(result.updated), recorded=existing is None,
        unchanged=result.unchanged, differing=tuple(result.differing),
        updated_records=tuple(result.updated),
    )
