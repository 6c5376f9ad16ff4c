"""Writing people and organisations, with their aliases.

The same guarantees as every curated write (records.py): a new version and a history
row naming who and why, at most one derived refresh per touched event (an actor's
names feed the search documents of the events it appears in), and the review rule
for reference records: once a published record shows a person or organisation, only
a reviewer changes it or its aliases (``records.reference_editable_by``).

A public id (the slug) is chosen once, on creation, and never changes: links,
citations and releases refer to it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.text import slugify

from diplomacy.models import Organisation, Person

from .records import (
    assign,
    edit,
    one_write,
    reference_editable_by,
    replace_children,
    save_validated,
)


def with_slug(fields: dict[str, Any], *, name_field: str) -> dict[str, Any]:
    """``fields`` with a slug: the one given, or one made from the name."""
    if fields.get("slug"):
        return fields
    return {**fields, "slug": slugify(fields.get(name_field, ""))[:100]}


def keep_public_id(record: models.Model, fields: dict[str, Any]) -> dict[str, Any]:
    """``fields`` without the slug when it is the record's own; a different one is refused."""
    fields = dict(fields)
    slug = fields.pop("slug", record.slug)
    if slug != record.slug:
        raise ValidationError({"slug": [f"a public id never changes (this one is {record.slug})"]})
    return fields


def _create(model: type[models.Model], *, fields: dict[str, Any], aliases: list[dict] | None,
            link: str, actor) -> models.Model:
    with one_write():
        record = model()
        save_validated(record, assign(record, with_slug(fields, name_field="name"), ()),
                       actor=actor, reason="created")
        replace_children(record, "aliases", aliases, **{link: record})
    return record


@transaction.atomic
def person_create(*, fields: dict[str, Any], aliases: list[dict] | None = None, actor) -> Person:
    """Record a person; their slug is made from the name unless given."""
    return _create(Person, fields=fields, aliases=aliases, link="person", actor=actor)


@transaction.atomic
def person_update(*, person: Person, fields: dict[str, Any], aliases: list[dict] | None = None,
                  actor, expected_version: int | None = None) -> Person:
    """Edit a person: the fields given, and the aliases if given (replaced as a whole).
    A reviewer's job once a published record shows them."""
    with one_write():
        return edit(person, fields=keep_public_id(person, fields),
                    children={"aliases": aliases}, link="person",
                    expected_version=expected_version, actor=actor,
                    guard=reference_editable_by)


@transaction.atomic
def organisation_create(*, fields: dict[str, Any], aliases: list[dict] | None = None,
                        actor) -> Organisation:
    """Record an organisation; its slug is made from the name unless given."""
    return _create(Organisation, fields=fields, aliases=aliases, link="organisation",
                   actor=actor)


@transaction.atomic
def organisation_update(*, organisation: Organisation, fields: dict[str, Any],
                        aliases: list[dict] | None = None, actor,
                        expected_version: int | None = None) -> Organisation:
    """Edit an organisation and, if given, its aliases (see ``person_update``)."""
    with one_write():
        return edit(organisation, fields=keep_public_id(organisation, fields),
                    children={"aliases": aliases}, link="organisation",
                    expected_version=expected_version, actor=actor,
                    guard=reference_editable_by)
