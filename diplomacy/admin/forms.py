"""Admin forms: the version a form was read at, and dates typed as people write them.

Stale forms: every form for a versioned record carries the version it was read at
(``seen_version``, hidden). Validating a change re-reads the row under a lock
(``records.locked``, the API's guard) inside the admin's transaction, so the lock
holds until the save; a form read at an older version is refused with a message and
nothing is written. ``VersionedAdminMixin.save_model`` then bumps the version.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.text import capfirst

from diplomacy.models.common import DatePrecision
from diplomacy.models.partial_dates import (
    ACCEPTED_FORMS,
    PartialDate,
    parse_partial_date,
    partial_date_text,
)
from diplomacy.services import records
from diplomacy.services.errors import StaleVersion

STALE_MESSAGE = ("Someone saved this record after you opened it (it is now at version "
                 "{current}; you edited version {expected}). Nothing was saved: open the record "
                 "again to see their change, then make yours.")


class PartialDateField(forms.CharField):
    """``2024``, ``2024-03``, ``2024-03-15`` or ``~2025``; cleans to a ``PartialDate``."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("help_text", f"Write {ACCEPTED_FORMS}.")
        kwargs.setdefault("widget", forms.TextInput(attrs={
            "class": "partial-date", "placeholder": "2024-03-15", "size": 12}))
        super().__init__(**kwargs)

    def clean(self, value: str) -> PartialDate | None:
        text = super().clean(value)
        return parse_partial_date(text) if text else None


class ModelErrorsForm(forms.ModelForm):
    """Shows every model ValidationError next to the field it names.

    Errors keyed by a model field this form sets without showing (a date's precision,
    a participant's actor link) go next to the field that sets it; errors keyed by a
    field the form does not have at all go on top, named, instead of Django's
    ValueError (a 500).
    """

    #: model field → the form field that sets it (and shows its errors)
    error_fields: dict[str, str] = {}

    def _error_target(self, field: str) -> str | None:
        field = self.error_fields.get(field, field)
        return field if field == NON_FIELD_ERRORS or field in self.fields else None

    def _update_errors(self, errors: ValidationError) -> None:
        if hasattr(errors, "error_dict"):
            moved: dict[str, list] = {}
            for field, messages in errors.error_dict.items():
                target = self._error_target(field)
                if target is None:
                    label = capfirst(self._meta.model._meta.get_field(field).verbose_name) \
                        if field in {f.name for f in self._meta.model._meta.fields} else field
                    messages = [f"{label}: {text}" for text in ValidationError(messages)]
                    target = NON_FIELD_ERRORS
                moved.setdefault(target, []).extend(messages)
            errors = ValidationError(moved)
        super()._update_errors(errors)


class VersionedForm(ModelErrorsForm):
    """A ModelForm carrying the version it was read at; refuses to save over a newer one."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            # Read from the table, not the instance: a history page's instance is an
            # old version, and reverting it must be checked against the current one.
            model = self.instance._meta.concrete_model
            self.initial["seen_version"] = model._base_manager.filter(
                pk=self.instance.pk).values_list("version", flat=True).first()
        self.locked_version: int | None = None

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        seen = cleaned.get("seen_version")
        if seen is None:
            raise ValidationError("This form does not say which version it was read at; "
                                  "open the record again.", code="no_version")
        try:
            current = records.locked(self.instance, expected_version=seen)
        except StaleVersion as exc:
            raise ValidationError(STALE_MESSAGE.format(current=exc.current,
                                                       expected=exc.expected),
                                  code="stale") from exc
        self.locked_version = current.version
        return cleaned


class PartialDatesMixin(ModelErrorsForm):
    """Date fields typed as ``2024-03``: each sets its date, precision and approximate flag.

    ``partial_dates`` lists (date field, precision field, approximate field or None).
    Two dates may share one precision field (an event's start and end); they must
    then be written at the same precision.
    """

    partial_dates: tuple[tuple[str, str, str | None], ...] = ()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, precision, approximate in self.partial_dates:
            if name not in self.fields:
                continue
            old = self.fields[name]
            self.fields[name] = PartialDateField(required=old.required, label=old.label)
            value = getattr(self.instance, name)
            self.initial[name] = partial_date_text(
                value, getattr(self.instance, precision) or DatePrecision.DAY,
                bool(approximate and getattr(self.instance, approximate)))

    def clean(self) -> dict:
        # Dates first: whatever else refuses the form, the instance gets plain dates.
        cleaned = self.cleaned_data
        precisions: dict[str, tuple[str, str]] = {}
        approximate_set: dict[str, bool] = {}
        for name, precision, approximate in self.partial_dates:
            if name not in self.fields or name not in cleaned:
                continue
            written = cleaned[name]
            cleaned[name] = written.date if written else None
            if written is None:
                continue
            if precision in precisions and precisions[precision][1] != written.precision:
                self.add_error(name, f"Write this date at the same precision as "
                                     f"{precisions[precision][0]} ({precisions[precision][1]}).")
                continue
            precisions[precision] = (self.fields[name].label or name, written.precision)
            setattr(self.instance, precision, written.precision)
            if approximate:
                approximate_set[approximate] = approximate_set.get(approximate, False) \
                    or written.approximate
        for approximate, value in approximate_set.items():
            setattr(self.instance, approximate, value)
        return super().clean()

    def _managed_fields(self) -> dict[str, str]:
        """Model fields this form sets without showing them, and the field that does."""
        managed: dict[str, str] = {}
        for name, precision, approximate in self.partial_dates:
            managed.setdefault(precision, name)
            if approximate:
                managed.setdefault(approximate, name)
        return {field: shown for field, shown in managed.items() if field not in self.fields}

    def _get_validation_exclusions(self) -> set[str]:
        # Precision and approximate are set by the date fields: validate every rule
        # that mentions them (at_precision constraints) here, not in the database.
        return super()._get_validation_exclusions() - set(self._managed_fields())

    def _error_target(self, field: str) -> str | None:
        return super()._error_target(self._managed_fields().get(field, field))


class PartialDatesForm(PartialDatesMixin, VersionedForm):
    """A versioned record's form with partial-date fields."""


__all__ = ["PartialDateField", "PartialDatesForm", "PartialDatesMixin", "VersionedForm"]
