"""Writing posts and tenures: who held which office when.

Same guarantees as every curated write (records.py). Review rule: a post or tenure
that a published record shows (a statement spoken from the post, a person it shows
holding it) changes only by a reviewer; giving such a person a new tenure is a
change to them, so it needs a reviewer too.

A statement's speaker speaks in a post they held (``Event.speaker_held_post``). The
event's own validation checks it when the statement is written; an edited tenure
must not leave a statement, draft or published, spoken from a post its speaker no
longer held then, so the statements of the tenure's person and post are checked
again after the edit.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from diplomacy.models import Event, Post, Tenure

from .actors import keep_public_id
from .records import assign, edit, one_write, reference_editable_by, save_validated

# What a tenure's edit may move, in the order an error is reported on.
_TENURE_FIELDS = ("person", "post", "start_date", "end_date", "start_precision",
                  "end_precision")


@transaction.atomic
def post_create(*, fields: dict[str, Any], actor) -> Post:
    """Record a post; its slug is made from its country and label unless given."""
    with one_write():
        post = Post()
        if not fields.get("slug"):
            country = fields.get("country")
            fields = {**fields, "slug": slugify(
                f"{country.iso3 if country else ''} {fields.get('label', '')}")[:120]}
        save_validated(post, assign(post, fields, ()), actor=actor, reason="created")
    return post


@transaction.atomic
def post_update(*, post: Post, fields: dict[str, Any], actor,
                expected_version: int | None = None) -> Post:
    """Edit a post (a reviewer's job once a published record shows it)."""
    with one_write():
        return edit(post, fields=keep_public_id(post, fields),
                    expected_version=expected_version, actor=actor,
                    guard=reference_editable_by)


@transaction.atomic
def tenure_create(*, fields: dict[str, Any], actor) -> Tenure:
    """Record that a person held a post. A person a published record shows gains an
    office only by a reviewer."""
    with one_write():
        tenure = Tenure()
        assign(tenure, fields, ())
        if tenure.person_id is not None:
            reference_editable_by(tenure.person, actor=actor)
        save_validated(tenure, {}, actor=actor, reason="created")
    return tenure


@transaction.atomic
def tenure_update(*, tenure: Tenure, fields: dict[str, Any], actor,
                  expected_version: int | None = None) -> Tenure:
    """Edit a tenure: the fields given. Refused when the person shown is a published
    record's (unless a reviewer), and when a statement its person made in its post
    would fall outside every tenure of that post."""
    before = (tenure.person_id, tenure.post_id)
    with one_write():
        new_person = fields.get("person")
        if new_person is not None and new_person.pk != tenure.person_id:
            reference_editable_by(new_person, actor=actor)
        tenure = edit(tenure, fields=fields, expected_version=expected_version, actor=actor,
                      guard=reference_editable_by)
        field = next((name for name in _TENURE_FIELDS if name in fields), "start_date")
        for person_id, post_id in {before, (tenure.person_id, tenure.post_id)}:
            _check_statements_covered(
                Event.objects.filter(speaker_person_id=person_id, speaker_post_id=post_id),
                field=field)
        return tenure


def _check_statements_covered(statements, *, field: str) -> None:
    """Refuse the change if a statement is now spoken from a post its speaker did not
    hold then."""
    uncovered = [event.uid for event in statements.order_by("date", "uid")
                 if not event.speaker_held_post()]
    if uncovered:
        raise ValidationError({field: [
            f"statements {', '.join(uncovered)} would be spoken from a post their speaker "
            "did not hold on their date: correct those statements first"]})
