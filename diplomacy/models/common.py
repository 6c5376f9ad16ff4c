"""Vocabulary shared by every subdomain: identifiers, dates with precision, statuses."""

from __future__ import annotations

import calendar
import datetime
import re
import secrets
import unicodedata

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, router
from django.db.models import Q

# Crockford's base32 without the letters that read as digits: ids survive being
# read aloud, copied from a PDF or typed into a URL.
_ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"


def short_id(prefix: str) -> str:
    """A short, random, URL-safe public id such as ``ev-7k3m9q2x``."""
    token = "".join(secrets.choice(_ID_ALPHABET) for _ in range(8))
    return f"{prefix}-{token}"


def new_event_id() -> str:
    return short_id("ev")


def new_agreement_id() -> str:
    return short_id("ag")


def new_source_id() -> str:
    return short_id("src")


def new_tenure_id() -> str:
    return short_id("tn")


_APOSTROPHES = "'\u2018\u2019\u02bb\u02bc\u0060\u00b4"
_ASCII_APOSTROPHES = str.maketrans("", "", "".join(c for c in _APOSTROPHES if c.isascii()))


def search_key(text: str) -> str:
    """Fold a name for matching: no case, no apostrophes, no diacritics.

    ``Sa’ar``, ``Sa'ar`` and ``SAAR`` all fold to ``saar``; ``Tokaýev`` to ``tokayev``.
    """
    if text.isascii():  # most text: nothing to decompose, only ' and ` to drop
        stripped = text.translate(_ASCII_APOSTROPHES)
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        stripped = "".join(
            ch for ch in decomposed if not unicodedata.combining(ch) and ch not in _APOSTROPHES
        )
    return " ".join(stripped.casefold().split())


_WORD = re.compile(r"\w+")


def search_words(text: str) -> list[str]:
    """The words of ``text`` as search sees them: folded by ``search_key`` and split on
    anything that is not a letter or digit. ``Sa’ar's visit`` → ``["saars", "visit"]``."""
    return _WORD.findall(search_key(text).replace("_", " "))


# --- Database rules in plain words --------------------------------------------------------

# The field each named constraint is about. Model validation (services, admin forms)
# shows a broken rule's message next to this field, and the API's handler for an
# IntegrityError that still reaches the database (a race) names it the same way.
RULE_FIELDS: dict[str, str] = {}


def check(condition: Q, *, name: str, field: str, message: str) -> models.CheckConstraint:
    """A named CHECK whose violation reads ``{field: [message]}``: words a curator can
    act on, never the constraint's name."""
    RULE_FIELDS[name] = field
    return models.CheckConstraint(condition=condition, name=name,
                                  violation_error_message=message)


def unique(*fields: str, name: str, field: str, message: str, condition: Q | None = None
           ) -> models.UniqueConstraint:
    """A named UNIQUE (optionally partial) whose violation reads ``{field: [message]}``."""
    RULE_FIELDS[name] = field
    return models.UniqueConstraint(fields=list(fields), condition=condition, name=name,
                                   violation_error_message=message)


class Validated(models.Model):
    """Every model of the app: a broken database rule is reported on its field.

    Django reports a failed CheckConstraint, and a UniqueConstraint over several
    fields, under ``__all__`` with the constraint's message. Here each goes to the
    field ``RULE_FIELDS`` names, so the admin shows it beside that input and the API
    answers ``{"date_end": ["ends before it starts"]}``.
    """

    class Meta:
        abstract = True

    def validate_constraints(self, exclude=None) -> None:
        using = router.db_for_write(type(self), instance=self)
        errors: dict[str, list[ValidationError]] = {}
        for model_class, constraints in self.get_constraints():
            for constraint in constraints:
                try:
                    constraint.validate(model_class, self, exclude=exclude, using=using)
                except ValidationError as error:
                    field = RULE_FIELDS.get(constraint.name, NON_FIELD_ERRORS)
                    errors.setdefault(field, []).extend(error.error_list)
        if errors:
            raise ValidationError(errors)


def choices_constraint(field: str, choices: type[models.TextChoices], name: str, *,
                       blank: bool = False) -> models.CheckConstraint:
    """A CHECK that an enumerated column holds only its listed values."""
    allowed = list(choices.values) + ([""] if blank else [])
    return check(Q(**{f"{field}__in": allowed}), name=name, field=field,
                 message="is not one of the allowed values: " + ", ".join(choices.values)
                 + (" (or empty)" if blank else ""))


class DatePrecision(models.TextChoices):
    DAY = "day", "day"
    MONTH = "month", "month"
    YEAR = "year", "year"


def period_start(value: datetime.date, precision: str) -> datetime.date:
    """The first day of the period that ``value`` names at ``precision``."""
    if precision == DatePrecision.YEAR:
        return value.replace(month=1, day=1)
    if precision == DatePrecision.MONTH:
        return value.replace(day=1)
    return value


def period_end(value: datetime.date, precision: str) -> datetime.date:
    """The last day of the period that ``value`` names at ``precision``."""
    if precision == DatePrecision.YEAR:
        return value.replace(month=12, day=31)
    if precision == DatePrecision.MONTH:
        return value.replace(day=calendar.monthrange(value.year, value.month)[1])
    return value


def precise_date_constraint(date_field: str, precision_field: str, name: str
                            ) -> models.CheckConstraint:
    """A date at month or year precision is stored as the first day of its period.

    This keeps "2024" a single value (2024-01-01) so range queries can widen it
    without guessing, and stops a curator from smuggling a day into a year.
    """
    return check(
        Q(**{f"{date_field}__isnull": True})
        | Q(**{precision_field: DatePrecision.DAY})
        | Q(**{precision_field: DatePrecision.MONTH, f"{date_field}__day": 1})
        | Q(**{precision_field: DatePrecision.YEAR, f"{date_field}__day": 1,
               f"{date_field}__month": 1}),
        name=name, field=date_field,
        message="at month precision the date is the month's first day (2024-03-01), at "
                "year precision 1 January (2024-01-01)",
    )


class CurationStatus(models.TextChoices):
    DRAFT = "draft", "draft"
    PUBLISHED = "published", "published"
    RETRACTED = "retracted", "retracted"


class Verification(models.TextChoices):
    ALLEGED = "alleged", "alleged"
    REPORTED = "reported", "reported"
    CONFIRMED = "confirmed", "confirmed"
    DISPUTED = "disputed", "disputed"


class Versioned(Validated):
    """A record edited by many people: its version counts every change to it.

    The API shows it as the ETag and asks for it back in If-Match before a change;
    the admin carries it in each form. A write made from an older version is refused
    instead of silently undoing someone else's work.
    """

    version = models.PositiveIntegerField(
        default=1, db_default=1, editable=False,
        help_text="Counts the changes made to the record (its children included); the "
                  "API's ETag.")

    class Meta:
        abstract = True


class CuratedRecord(Versioned):
    """Fields every curated claim carries: its workflow state and why it was withdrawn."""

    curation_status = models.CharField(
        max_length=16, choices=CurationStatus.choices, default=CurationStatus.DRAFT,
        help_text="draft: visible to curators only; published: public; retracted: withdrawn "
                  "but kept, with a reason.",
    )
    retraction_reason = models.TextField(
        blank=True, help_text="Why a reviewer withdrew this record (required when retracted).",
    )

    class Meta(Versioned.Meta):
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.curation_status == CurationStatus.PUBLISHED


def curation_constraints(prefix: str) -> list[models.CheckConstraint]:
    return [
        choices_constraint("curation_status", CurationStatus, f"{prefix}_curation_status_valid"),
        check(~Q(curation_status=CurationStatus.RETRACTED) | ~Q(retraction_reason=""),
              name=f"{prefix}_retraction_has_reason", field="retraction_reason",
              message="a retracted record needs the reason it was withdrawn"),
    ]


class UidManager(models.Manager):
    """Looks records up by their public id, the natural key fixtures use."""

    def get_by_natural_key(self, uid: str):
        return self.get(uid=uid)


class SlugManager(models.Manager):
    def get_by_natural_key(self, slug: str):
        return self.get(slug=slug)


def rule_broken(error_text: str) -> tuple[str, str, bool] | None:
    """The field, plain message and uniqueness of the rule a database error reports
    (``IntegrityError`` text from SQLite or PostgreSQL), or None when no known rule
    matches. For a write that lost a race: validation passed, the database refused."""
    from django.apps import apps  # the registry is complete by the time an error occurs

    by_name: dict[str, models.BaseConstraint] = {}
    by_columns: dict[str, tuple[str, str]] = {}
    for model in apps.get_app_config("diplomacy").get_models():
        table = model._meta.db_table
        for constraint in model._meta.constraints:
            by_name[constraint.name] = constraint
            if isinstance(constraint, models.UniqueConstraint) and constraint.fields:
                columns = ", ".join(f"{table}.{model._meta.get_field(name).column}"
                                    for name in constraint.fields)
                by_columns[columns] = (RULE_FIELDS.get(constraint.name, NON_FIELD_ERRORS),
                                       constraint.violation_error_message)
        for field in model._meta.concrete_fields:
            if field.unique and not field.primary_key:
                taken = "is already taken by another record"
                by_columns[f"{table}.{field.column}"] = (field.name, taken)
                by_columns[f"({field.column})="] = (field.name, taken)
    for name in sorted(by_name, key=len, reverse=True):  # longest first: no prefix matches
        if re.search(rf"\b{re.escape(name)}\b", error_text):
            constraint = by_name[name]
            return (RULE_FIELDS.get(name, NON_FIELD_ERRORS),
                    str(constraint.get_violation_error_message()),
                    isinstance(constraint, models.UniqueConstraint))
    sqlite = re.search(r"UNIQUE constraint failed: ([\w., ]+)", error_text)
    if sqlite and sqlite.group(1).strip() in by_columns:
        return (*by_columns[sqlite.group(1).strip()], True)
    postgres = re.search(r"Key (\(\w+\)=)", error_text)
    if postgres and postgres.group(1) in by_columns:
        return (*by_columns[postgres.group(1)], True)
    return None
