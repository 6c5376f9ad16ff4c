"""Writing a release folder: collect, render, write atomically, record the Release."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

from diplomacy.models import Release

from .changelog import changes_markdown, read_previous
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
from .contents import interop_events, release_contents, rows_by_table
from .rendering import (
    checksums_bytes,
    codebook_markdown,
    csv_bytes,
    datapackage_descriptor,
    fixture_bytes,
    icews_bytes,
    json_bytes,
    plover_bytes,
)
from .tables import TABLES


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
    say = progress or quiet
    out_dir = Path(out_dir)
    check_version(version)
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise ReleaseError(f"{out_dir}: already exists and is not an empty folder; a release "
                           "is written into a new folder.")
    previous = None
    if previous_dir is not None:
        previous = read_previous(Path(previous_dir))
        say(f"read previous release {previous.version} from {previous_dir}")

    contents = release_contents()
    say(f"collected {sum(len(objs) for objs in contents.values())} records")
    rows = rows_by_table(contents)
    files: dict[str, bytes] = {FIXTURE: fixture_bytes(contents)}
    say(f"{FIXTURE}: {sum(len(objs) for objs in contents.values())} objects")
    for table in TABLES:
        files[table.path] = csv_bytes(table.header, rows[table.name])
        say(f"{table.path}: {len(rows[table.name])} rows")
    events = interop_events()
    files[PLOVER] = plover_bytes(events)
    files[ICEWS] = icews_bytes(events)
    say(f"{PLOVER}, {ICEWS}: {len(events)} events")
    files[DATAPACKAGE] = json_bytes(datapackage_descriptor(version=version))
    files[CODEBOOK] = codebook_markdown(version=version).encode("utf-8")
    files[CHANGES] = changes_markdown(version=version, rows=rows, previous=previous).encode()
    files[CHECKSUMS] = checksums_bytes(files)
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
