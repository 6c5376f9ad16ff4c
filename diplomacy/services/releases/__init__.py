"""Versioned dataset releases: write a release folder, and import one back.

A release holds the *published* records and everything they need to stand
alone (``contents.INCLUDED`` says what and why), as:

- ``fixture.json``: a Django fixture with natural keys, loadable with
  ``manage.py loaddata`` into an empty migrated database; it also carries the
  records the previous release published that are retracted now (status and
  reason, links to other records left empty), so CHANGES.md can be reproduced;
- ``data/*.csv``: one CSV per table (``tables.TABLES``);
- ``events.plover.jsonl`` and ``events.icews.tsv``: the published events in
  PLOVER and ICEWS shapes (``services.interop``);
- ``datapackage.json``: a Frictionless Data Package describing every CSV;
- ``CODEBOOK.md``: every table, field and enumerated value, in prose;
- ``CHANGES.md``: ids added, changed and retracted since ``--previous``;
- ``SHA256SUMS``: ``sha256sum`` lines for every other file, sorted by path.

Nothing in a folder depends on when or where it was written: exporting the
same data twice, or exporting after loading a release's fixture into an empty
SQLite or PostgreSQL database, gives byte-identical files. Rows are sorted by
public ids under a byte-wise collation (never the database's locale or primary
keys), decimals have their field's fixed places, and no file carries a timestamp.

Writing streams: rows are read a chunk at a time in canonical order, as plain
values rather than model instances, and every file is written and hashed as they
come, so memory does not grow with the data.

One module per job: ``contents`` (which rows), ``rows`` (those rows as plain values,
in canonical order, a chunk at a time), ``keys`` (natural keys and local fields,
declared once), ``schema`` and ``tables`` (the CSV tables, declared once),
``fixture`` (fixture.json, byte for byte as Django writes it), ``rendering``
(datapackage.json and CODEBOOK.md), ``changelog`` (CHANGES.md against a previous
release), ``writing`` (``release_write``), ``verifying`` (checksums, data package,
CSV validation), ``importing`` (``release_import``), ``jsonstream`` (reading a
fixture object by object), ``loading`` (bulk loading that never clobbers) and
``crosscheck`` (the CSVs against the fixture); ``common`` holds the file names, the
error and the summaries they share.
"""

from .changelog import changes_markdown
from .common import ImportSummary, ReleaseError, ReleaseSummary
from .contents import release_selection
from .importing import release_import
from .rendering import codebook_markdown, datapackage_descriptor
from .tables import TABLES
from .verifying import check_datapackage, validate_tables, verify_checksums
from .writing import release_write

__all__ = [
    "TABLES",
    "ImportSummary",
    "ReleaseError",
    "ReleaseSummary",
    "changes_markdown",
    "check_datapackage",
    "codebook_markdown",
    "datapackage_descriptor",
    "release_import",
    "release_selection",
    "release_write",
    "validate_tables",
    "verify_checksums",
]
