"""Importing a release folder: verify it, load its fixture, check the fixture against
the CSVs, and record the history of every row loaded; all or nothing."""

from __future__ import annotations

import datetime
import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, ValidationError
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, models, transaction
from django.utils import timezone

from diplomacy.models import Release
from diplomacy.models.common import CuratedRecord

from .common import (
    CHECKSUMS,
    CHUNK,
    DATAPACKAGE,
    FIXTURE,
    PUBLISHED,
    ImportSummary,
    Progress,
    ReleaseError,
    quiet,
)
from .contents import FIXTURE_MODELS, fetch_pks
from .tables import TABLES
from .verifying import ParsedTable, check_datapackage, fail, validate_tables, verify_checksums


@dataclass
class _Loaded:
    model: type[models.Model]
    pk: Any
    before: dict[str, Any] | None  # the row's state before the import; None if new


def _state(model: type[models.Model], pk: Any) -> dict[str, Any]:
    obj = model._base_manager.get(pk=pk)
    state = {f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields
             if f.serialize}  # not bookkeeping (Event.updated_at, Event.goldstein)
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
    except RecursionError as exc:
        raise _refuse(f"{FIXTURE}: nested too deeply to be a fixture") from exc
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


def _cross_check(parsed: dict[str, ParsedTable], loaded: list[_Loaded]) -> None:
    """The CSVs must say what the fixture loaded: same rows, same values."""
    pks: dict[type[models.Model], list[Any]] = defaultdict(list)
    for item in loaded:
        pks[item.model].append(item.pk)
    fetched = {model: fetch_pks(model, pks[model]) for model in FIXTURE_MODELS}
    errors: list[str] = []
    for table in TABLES:
        from_fixture = {table.key(row): row for row in table.rows(fetched[table.model])}
        for number, cells in parsed[table.name].rows:
            key = table.key(cells)
            row = from_fixture.pop(key, None)
            if row is None:
                errors.append(f"{table.path}: row {number}, field {table.primary_key[0]}: "
                              f"{table.key_label(key)} is not in {FIXTURE}")
                continue
            for name, csv_value, fixture_value in zip(table.header, cells, row, strict=True):
                if csv_value != fixture_value:
                    errors.append(f"{table.path}: row {number}, field {name}: {csv_value!r} "
                                  f"but {FIXTURE} says {fixture_value!r}")
        errors += [f"{FIXTURE}: {table.name} {table.key_label(key)} has no row in "
                   f"{table.path}" for key in sorted(from_fixture)]
    fail(errors)


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
        for start in range(0, len(pks), CHUNK):
            for link in through.objects.filter(**{f"{owner}__in": pks[start:start + CHUNK]}):
                rows.append(snapshot(history=by_pk[getattr(link, f"{owner}_id")],
                                     **{name: getattr(link, name) for name in fields}))
        snapshot.objects.bulk_create(rows, batch_size=CHUNK)


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
            objects = [obj for start in range(0, len(pks), CHUNK)
                       for obj in model._base_manager.filter(pk__in=pks[start:start + CHUNK])]
            rows = model.history.bulk_history_create(
                objects, update=update, default_change_reason=reason, default_date=moment,
                batch_size=CHUNK)
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
    say = progress or quiet
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
