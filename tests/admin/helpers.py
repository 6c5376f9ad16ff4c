"""Build admin POST data the way a browser would: from the rendered form, then edit."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpResponse


def _form_fields(form: forms.BaseForm) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        if field.disabled:
            continue  # the browser does not send disabled fields either
        value = form[name].value()
        key = form.add_prefix(name)
        if isinstance(field, forms.ModelMultipleChoiceField | forms.MultipleChoiceField):
            data[key] = [str(item) for item in value or []]
        elif isinstance(value, bool):
            if value:
                data[key] = "on"
        elif value is None:
            data[key] = ""
        elif isinstance(value, list | tuple):
            data[key] = [str(item) for item in value]
        else:
            data[key] = str(value)
    return data


def form_data(response: HttpResponse) -> dict[str, Any]:
    """What submitting an admin add/change page unchanged would post."""
    data = _form_fields(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(_form_fields(formset.management_form))
        for form in formset.initial_forms:
            data.update(_form_fields(form))
    return data


def add_inline_rows(data: dict[str, Any], prefix: str, *rows: dict[str, Any]) -> dict[str, Any]:
    """Append new rows to an inline formset in posted ``data``."""
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    for offset, row in enumerate(rows):
        for name, value in row.items():
            data[f"{prefix}-{total + offset}-{name}"] = value
    data[f"{prefix}-TOTAL_FORMS"] = str(total + len(rows))
    return data


def form_errors(response: HttpResponse) -> list[str]:
    """Every error on an admin form page: the form's and each inline formset's."""
    errors = [str(e) for e in response.context["adminform"].form.errors.as_data().values()]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        errors += [str(e) for e in formset.non_form_errors()]
        errors += [str(e) for form_errors in formset.errors for e in form_errors.values()]
    return errors


def use_plain_static_storage(settings) -> None:
    """Serve admin pages without a collectstatic manifest.

    The suite runs with DEBUG off, where settings pick WhiteNoise's manifest
    storage; rendering any admin template would then need collectstatic first.
    """
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
