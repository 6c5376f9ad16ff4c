"""Writing a release folder: stream every row into its files, record the Release.

Rows are read a chunk at a time in canonical order (``rows.iter_rows``, plain
values, no model instances) and written as they come: each into fixture.json
(``fixture.FixtureWriter``, byte for byte what ``dumpdata`` gives) and into the CSV
of each table it belongs to, while CHANGES.md's tracker notes its id and every file
is hashed as it is written. The interop files follow, from the published events in
date order (``services.interop``). Memory holds a chunk, not a table.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import tempfile
from pathlib import Path

from django.db import connection, models, transaction
from django.utils import timezone

from diplomacy.models import Agreement, Event, Release
from diplomacy.services.interop import ICEWS_COLUMNS, icews_rows, interop_facts, plover_records

from .changelog import changes_markdown, read_previous, table_changes
from .common import (
    CHANGES,
    CHECKSUMS,
    CODEBOOK,
    DATAPACKAGE,
    FIXTURE,
    ICEWS,
    PLOVER,
    Progress,
    ReleaseError,
    ReleaseSummary,
    check_version,
    quiet,
)
from .contents import FIXTURE_MODELS, carried_retractions, release_selection
from .fixture import FixtureWriter
from .rendering import codebook_markdown, datapackage_descriptor, json_bytes
from .rows import interop_chunks, iter_rows
from .tables import TABLES


def _snapshot_isolation() -> None:
    """On PostgreSQL, read the whole release from one snapshot when this is the outermost
    transaction, so a record published mid-export cannot leave a row without its parent.
    SQLite transactions already read one snapshot."""
    if connection.vendor == "postgresql" and len(connection.atomic_blocks) == 1:
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")


class _Out(io.RawIOBase):
    """A file of the release being written: bytes hashed and counted on the way."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._file = path.open("wb", buffering=1 << 20)
        self.digest = hashlib.sha256()
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._file.write(data)
        self.digest.update(data)
        self.size += len(data)
        return len(data)

    def close(self) -> None:
        if not self._file.closed:
            self._file.close()
        super().close()


class _Folder:
    """The staging folder: files written in full, with their checksums."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files: dict[str, _Out] = {}

    def open(self, relative: str) -> _Out:
        out = self.files[relative] = _Out(self.root / relative)
        return out

    def text(self, relative: str) -> io.TextIOWrapper:
        return io.TextIOWrapper(io.BufferedWriter(self.open(relative), 1 << 20),
                                encoding="utf-8", newline="")

    def write(self, relative: str, data: bytes) -> None:
        with self.open(relative) as out:
            out.write(data)

    def checksums(self) -> bytes:
        return "".join(f"{out.digest.hexdigest()}  {path}\n"
                       for path, out in sorted(self.files.items())).encode("utf-8")


def _write_fixture(folder: _Folder, selection, changes, say) -> None:
    """fixture.json and the CSVs in one pass over the rows: each row goes into the
    fixture and into the CSV of each table it belongs to."""
    streams = {table.name: folder.text(table.path) for table in TABLES}
    writers = {name: csv.writer(stream, lineterminator="\n") for name, stream in streams.items()}
    for table in TABLES:
        writers[table.name].writerow(table.header)
    with folder.text(FIXTURE) as stream:
        fixture = FixtureWriter(stream)
        for model in FIXTURE_MODELS:
            tables = [(table, writers[table.name], changes[table.name])
                      for table in TABLES if table.model is model]
            count = 0
            for pk, row in iter_rows(selection, model):
                fixture.write(model, pk, row)
                for table, writer, change in tables:
                    if table.include(row):
                        cells = table.row(row)
                        writer.writerow(cells)
                        change.add(cells)
                count += 1
            say(f"{model._meta.verbose_name_plural}: {count} rows")
        fixture.close()
    for stream in streams.values():
        stream.close()
    for table in TABLES:
        say(f"{table.path}: {changes[table.name].count} rows")


def _write_interop(folder: _Folder, say) -> None:
    count = 0
    with folder.text(PLOVER) as plover, folder.text(ICEWS) as icews:
        tsv = csv.writer(icews, delimiter="\t", lineterminator="\n")
        tsv.writerow(ICEWS_COLUMNS)
        for chunk in interop_chunks():
            facts = interop_facts(chunk)
            plover.writelines(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"
                              for record in plover_records(facts))
            tsv.writerows(icews_rows(facts))
            count += len(facts)
    say(f"{PLOVER}, {ICEWS}: {count} events")


def _stage(out_dir: Path) -> Path:
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(dir=out_dir.parent, prefix=f".{out_dir.name}.", suffix=".tmp"))


def _publish(staging: Path, out_dir: Path) -> None:
    """Move the finished staging folder into place in one step: a failed export never
    leaves half a release."""
    for path in staging.rglob("*"):
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    # mkdtemp gives 0700, which would hide a published release from other users.
    os.chmod(staging, 0o755)  # noqa: S103
    if out_dir.exists():
        out_dir.rmdir()  # checked empty by the caller
    os.replace(staging, out_dir)


@transaction.atomic
def release_write(*, out_dir: Path | str, version: str, previous_dir: Path | str | None = None,
                  progress: Progress = None) -> ReleaseSummary:
    """Write the release folder ``out_dir`` for the published records and record it.

    ``out_dir`` must not exist or be empty. A version already in the Release table is
    refused unless the new folder is byte-identical to the recorded one (same checksum
    of SHA256SUMS): re-exporting a release reproduces it, anything else needs a new
    version. ``previous_dir`` is checked against its own SHA256SUMS before CHANGES.md
    compares with it; the records it published that are retracted now travel in
    fixture.json with their status and reason.
    """
    _snapshot_isolation()
    say = progress or quiet
    out_dir = Path(out_dir)
    check_version(version)
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise ReleaseError(f"{out_dir}: already exists and is not an empty folder; a release "
                           "is written into a new folder.")
    previous = None
    previous_ids: dict[type[models.Model], set[str]] = {}
    if previous_dir is not None:
        previous = read_previous(Path(previous_dir))
        say(f"read previous release {previous.version} from {previous_dir}")
        for model, name in ((Event, "events"), (Agreement, "agreements")):
            table = previous.tables.get(name)
            previous_ids[model] = {key[0] for key in table.rows} if table else set()
    carried = carried_retractions(previous_ids)
    selection = release_selection(carried)
    retracted = {}
    for model, pks in carried.items():
        retracted.update(model._base_manager.filter(pk__in=sorted(pks)).values_list(
            "uid", "retraction_reason").order_by())

    changes = table_changes(previous)
    staging = _stage(out_dir)
    try:
        folder = _Folder(staging)
        _write_fixture(folder, selection, changes, say)
        _write_interop(folder, say)
        folder.write(DATAPACKAGE, json_bytes(datapackage_descriptor(version=version)))
        folder.write(CODEBOOK, codebook_markdown(version=version).encode("utf-8"))
        folder.write(CHANGES, changes_markdown(version=version, changes=changes,
                                               previous=previous, retracted=retracted).encode())
        sums = folder.checksums()
        folder.write(CHECKSUMS, sums)
        checksum = hashlib.sha256(sums).hexdigest()
        record_count = changes["events"].count + changes["agreements"].count
        existing = Release.objects.filter(version=version).first()
        if existing is not None and existing.checksum != checksum:
            raise ReleaseError(
                f"version {version}: already released with different contents (checksum "
                f"{existing.checksum[:12]}…, this export {checksum[:12]}…); choose a new "
                "version.")
        _publish(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    say(f"wrote {len(folder.files)} files to {out_dir}")
    if existing is None:
        Release.objects.create(version=version, released_at=timezone.now(), checksum=checksum,
                               record_count=record_count)
    return ReleaseSummary(
        path=out_dir, version=version,
        files=[(path, out.size) for path, out in sorted(folder.files.items())],
        counts={name: change.count for name, change in changes.items()},
        record_count=record_count, checksum=checksum, recorded=existing is None,
    )
