"""A release's descriptions as bytes: datapackage.json and CODEBOOK.md (fixture.json is
``fixture``'s). No file carries a timestamp or a path."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from diplomacy.models import ParticipantRole
from diplomacy.services.interop import ICEWS_COLUMNS
from diplomacy.services.roles import ACTING_ROLES, DYAD_PARTNERS, RECEIVING_ROLES

from .common import (
    CHANGES,
    CHECKSUMS,
    CODEBOOK,
    DATAPACKAGE,
    FIXTURE,
    ICEWS,
    PACKAGE_DESCRIPTION,
    PACKAGE_NAME,
    PACKAGE_TITLE,
    PLOVER,
    md,
)
from .contents import INCLUDED
from .schema import LIST_SEPARATOR, Column, Table
from .tables import TABLES

_CSV_DIALECT = {"delimiter": ",", "doubleQuote": True, "header": True,
                "lineTerminator": "\n", "quoteChar": '"'}


def json_bytes(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


# --- datapackage.json ---------------------------------------------------------------------------

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


# --- CODEBOOK.md --------------------------------------------------------------------------------

def _contents_section() -> list[str]:
    """``INCLUDED`` as a list, in the order of TABLES, each model with its tables."""
    position = {table.model: index for index, table in reversed(list(enumerate(TABLES)))}
    lines = []
    for model, why in sorted(INCLUDED, key=lambda item: position.get(item[0], len(TABLES))):
        names = [f"`{table.name}`" for table in TABLES if table.model is model]
        label = ", ".join(names) or f"{model._meta.verbose_name_plural} ({FIXTURE} only)"
        lines.append(f"- {label}: {md(why)}")
    return [
        "## What a release contains",
        "",
        "Published events and agreements, and everything they need to stand alone, so that "
        f"`{FIXTURE}` loads into an empty database. Drafts are never included. The events "
        "and agreements the previous release published that are retracted now are in "
        f"`{FIXTURE}` only, with their status and reason and without links to other "
        f"records, and listed with the reason in `{CHANGES}`; the CSVs hold published "
        "records only. Table by table:",
        "",
        *lines,
    ]


def _role_order(role: str) -> tuple[int, str]:
    """ParticipantRole's own order; anything else (``about``) after it, by name."""
    roles = list(ParticipantRole.values)
    return (roles.index(role), "") if role in roles else (len(roles), role)


def _roles(roles: Iterable[str]) -> str:
    return ", ".join(f"`{role}`" for role in sorted(roles, key=_role_order))


def _role_rows() -> list[str]:
    """One row per participant role, from services.roles' ACTING_ROLES,
    RECEIVING_ROLES and DYAD_PARTNERS: sources first, then targets, then the rest."""
    rows = []
    for role in ParticipantRole:
        sides = [side for side, roles in (("source", ACTING_ROLES), ("target", RECEIVING_ROLES))
                 if role in roles]
        paired = []
        if role in ACTING_ROLES:
            paired.append(_roles(DYAD_PARTNERS.get(role, ())) or "every target")
        if role in RECEIVING_ROLES:
            paired.append(_roles(source for source, partners in DYAD_PARTNERS.items()
                                 if role in partners) or "—")
        order = ((0 if "source" in sides else 1 if sides else 2), _role_order(role))
        rows.append((order, f"| `{role.value}` | {md(role.label)} | {' and '.join(sides) or '—'}"
                            f" | {'; '.join(paired) or '—'} |"))
    return [row for _, row in sorted(rows)]


def _interop_section() -> list[str]:
    return [
        "## Interoperable files",
        "",
        f"`{PLOVER}` and `{ICEWS}` derive actors (CAMEO's source) and recipients (CAMEO's "
        "target) from participants' roles, and pair them into dyads by role:",
        "",
        "| role | meaning | side | paired with |",
        "| --- | --- | --- | --- |",
        *_role_rows(),
        "",
        "A source is paired with the targets in the roles its row names; when the event has "
        "no target in those roles, or the row names none, with every target of the event. A "
        "target's row lists the sources that name it. No actor is paired with itself. In a "
        "statement the speaker (`speaker_person` or `speaker_organisation`, and any "
        "participant in the role `speaker`) alone acts, and `about` stands for the countries, "
        "organisations and people the statement is about (`about_countries`, "
        "`about_organisations`, `about_people`), which receive. ICEWS columns: "
        + ", ".join(f"`{name}`" for name in ICEWS_COLUMNS) + ".",
        "",
    ]


def codebook_markdown(*, version: str) -> str:
    """The codebook: what a release holds, every file, table, field and enumerated value,
    and the roles of the interop files, all from the declarations that produce them."""
    out = [
        f"# {PACKAGE_TITLE}: codebook for release {version}",
        "",
        PACKAGE_DESCRIPTION,
        "",
        *_contents_section(),
        "",
        "## Files",
        "",
        "| file | content |",
        "| --- | --- |",
        f"| `{FIXTURE}` | Django fixture with natural keys (`manage.py loaddata {FIXTURE}` into "
        "an empty migrated database). |",
        *(f"| `{table.path}` | {md(table.description)} |" for table in TABLES),
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
                       f"{md(column.description)} |")
        for column in table.columns:
            if column.enum:
                out += ["", f"`{column.name}` values:", ""]
                out += [f"- `{value}`: {md(meaning)}" for value, meaning in column.enum]
    out += ["", *_interop_section()]
    return "\n".join(out)
