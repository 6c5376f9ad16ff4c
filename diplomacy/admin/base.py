"""Shared admin pieces: history, the curation workflow, guarded child rows, filters."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import QuerySet, Value
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from simple_history.admin import SimpleHistoryAdmin

from diplomacy.models import CurationStatus
from diplomacy.services import curation, records

from .forms import VersionedForm
from .workflow import ChangeFormWorkflowMixin

RETRACT_TEMPLATE = "admin/diplomacy/retract_confirmation.html"


class HistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin that only lets people who may change a record revert it.

    simple_history checks view-or-change before accepting a revert POST; a
    view-only user must not be able to rewrite a record through its history.
    """

    def history_view(self, request: HttpRequest, object_id: str,
                     extra_context: dict | None = None) -> HttpResponse:
        # The history URL takes a path (<path:object_id>/history/), so
        # /<id>/change/history/ reaches here with "<id>/change": send it to the page
        # meant, and answer 404 (not a 500) for anything that is not a key.
        head, _, tail = object_id.rpartition("/")
        if tail == "change" and head:
            opts = self.opts
            return redirect(f"admin:{opts.app_label}_{opts.model_name}_history", head)
        self._valid_key(object_id)
        return super().history_view(request, object_id, extra_context)

    def _valid_key(self, object_id: str) -> None:
        try:
            self.opts.pk.to_python(unquote(object_id))
        except ValidationError as exc:
            raise Http404(f"No {self.opts.verbose_name} has the key {object_id!r}.") from exc

    def history_form_view(self, request: HttpRequest, object_id: str, version_id: str,
                          extra_context: dict | None = None) -> HttpResponse:
        self._valid_key(object_id)
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            if obj is None or self.revert_disabled(request, obj):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return super().revert_disabled(request, obj) or not self.has_change_permission(
            request, obj,
        )

    def save_model(self, request: HttpRequest, obj: models.Model, form: forms.ModelForm,
                   change: bool) -> None:
        # The rows this save writes (the record's, then one per many-to-many set changed)
        # share the reason, which is how a record's history tells them apart from the
        # next save (selectors.history).
        if not getattr(obj, "_change_reason", None):
            obj._change_reason = "changed in the admin" if change else "added in the admin"
        super().save_model(request, obj, form, change)


class VersionedAdmin(HistoryAdmin):
    """A record with a version: its form carries the version it was read at and a save
    from an older one is refused (``forms.VersionedForm``); each save bumps it.

    The admin keeps Django's save path (inlines, change messages, history) and adds
    the services' guard to it: the row is locked and its version compared while the
    form validates, inside the admin's transaction, and bumped here on save.
    """

    form = VersionedForm

    def get_fieldsets(self, request: HttpRequest, obj: models.Model | None = None) -> list:
        fieldsets = list(super().get_fieldsets(request, obj))
        names = {name for _, options in fieldsets for name in flatten_fieldsets(
            [(None, options)])}
        editable = obj is None or self.has_change_permission(request, obj)
        if editable and "seen_version" not in names and fieldsets:
            title, options = fieldsets[0]
            fieldsets[0] = (title, {**options, "fields": (*options["fields"], "seen_version")})
        elif not editable and "seen_version" in names:
            fieldsets = [(title, {**options, "fields": tuple(
                f for f in options["fields"] if f != "seen_version")})
                for title, options in fieldsets]
        return fieldsets

    def save_model(self, request: HttpRequest, obj: models.Model, form: forms.ModelForm,
                   change: bool) -> None:
        locked_version = getattr(form, "locked_version", None)
        if change and locked_version is not None:
            obj.version = locked_version + 1
        super().save_model(request, obj, form, change)

    def history_form_view(self, request: HttpRequest, object_id: str, version_id: str,
                          extra_context: dict | None = None) -> HttpResponse:
        # A revert is a save: the version check locks the row, which needs a transaction.
        with transaction.atomic():
            return super().history_form_view(request, object_id, version_id, extra_context)


class ConstraintAwareInlineFormSet(forms.BaseInlineFormSet):
    """Refuse two rows of one formset that would break a conditional UniqueConstraint.

    Django's formset only compares rows for unconditional unique constraints,
    and a row's own validation cannot see its unsaved siblings, so two identical
    participants added at once would otherwise reach the database as an
    IntegrityError (a 500) instead of a form error.
    """

    def clean(self) -> None:
        super().clean()
        model = self.model
        constraints = [
            c for c in model._meta.constraints
            if isinstance(c, models.UniqueConstraint) and c.fields and c.condition is not None
        ]
        seen: dict[tuple, forms.Form] = {}
        for form in self.forms:
            if not form.is_valid() or not form.has_changed() or self._should_delete_form(form):
                continue
            instance = form.instance
            values = {field.name: getattr(instance, field.attname)
                      for field in model._meta.concrete_fields}
            # The parent may be unsaved (add view): it will have a key by the time
            # the rows are written, so count it as present.
            values[self.fk.name] = self.instance.pk or 0
            against = {name: Value(value, model._meta.get_field(name))
                       for name, value in values.items()}
            for constraint in constraints:
                key = tuple(values[name] for name in constraint.fields)
                if any(value is None for value in key):
                    continue  # NULLs never collide, as in SQL
                if not constraint.condition.check(against):
                    continue
                if (constraint.name, key) in seen:
                    raise ValidationError(
                        "Two rows describe the same %(what)s; remove one.",
                        params={"what": model._meta.verbose_name}, code="duplicate_row",
                    )
                seen[(constraint.name, key)] = form


class CuratedChildInline(admin.TabularInline):
    """An inline with the house defaults: no blank rows, constraint-aware formset, short
    text areas so a row fits the page's width."""

    extra = 0
    formset = ConstraintAwareInlineFormSet
    show_change_link = True
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2,
                                                                           "cols": 28})}}


class CuratedChildStackedInline(CuratedChildInline):
    """For child rows with many fields (exchanges): one field per line, never wider than
    the page."""

    template = "admin/edit_inline/stacked.html"


class CuratedChildAdmin(HistoryAdmin):
    """Admin for a row that belongs to an event or agreement (participant, citation…).

    Changing the row changes its parent's claim, so the parent's workflow state
    decides: a curator may not touch the rows of a published record.
    """

    #: Names of the FKs to the curated parent(s); the first one set is the parent.
    parent_fields: tuple[str, ...] = ()

    def curated_parent(self, obj: models.Model) -> models.Model | None:
        for name in self.parent_fields:
            parent = getattr(obj, name)
            if parent is not None:
                return parent
        return None

    def _parent_editable(self, request: HttpRequest, obj: models.Model | None) -> bool:
        parent = self.curated_parent(obj) if obj is not None else None
        return parent is None or curation.record_editable_by(record=parent, user=request.user)

    def has_change_permission(self, request: HttpRequest, obj: models.Model | None = None
                              ) -> bool:
        return super().has_change_permission(request, obj) and self._parent_editable(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: models.Model | None = None
                              ) -> bool:
        return super().has_delete_permission(request, obj) and self._parent_editable(request, obj)

    def get_form(self, request: HttpRequest, obj: models.Model | None = None,
                 change: bool = False, **kwargs) -> type[forms.ModelForm]:
        form = super().get_form(request, obj, change, **kwargs)
        user, parent_fields = request.user, self.parent_fields

        class ParentGuardForm(form):
            """Refuses attaching a row to a record the user may not edit."""

            def clean(self) -> dict:
                cleaned = super().clean()
                for name in parent_fields:
                    parent = cleaned.get(name)
                    if parent is not None and not curation.record_editable_by(
                        record=parent, user=user,
                    ):
                        self.add_error(name, "Only a reviewer may change a "
                                             f"{parent.curation_status} record.")
                return cleaned

        return ParentGuardForm


class RetractForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}), strip=True,
        help_text="Why these records are withdrawn. Shown with the record and kept in its "
                  "history.",
    )


class ReviewedWhenShownMixin:
    """A source, person, organisation, alias, post or tenure that a published record
    shows is part of a public claim: only a reviewer changes it, in the admin as
    through the API (one rule: ``records.reference_editable_by``). A curator sees
    such a record read-only; a forged save is a 403."""

    def has_change_permission(self, request: HttpRequest, obj: models.Model | None = None
                              ) -> bool:
        if not super().has_change_permission(request, obj):
            return False
        if obj is None:
            return True
        try:
            records.reference_editable_by(obj, actor=request.user)
        except PermissionDenied:
            return False
        return True


class CuratedRecordAdmin(ChangeFormWorkflowMixin, VersionedAdmin):
    """Events and agreements: workflow actions, status read-only, no deleting the public.

    Status changes only through the Publish/Retract actions, which call the
    curation services; the change form shows the status but cannot set it.
    """

    actions = ["publish_selected", "retract_selected"]

    class Media:
        css = {"all": ("diplomacy/admin/workbench.css",)}
        js = ("diplomacy/admin/workbench.js",)
    curation_readonly = ("curation_status", "retraction_reason")

    def get_readonly_fields(self, request: HttpRequest, obj: models.Model | None = None
                            ) -> tuple[str, ...]:
        readonly = (*super().get_readonly_fields(request, obj), *self.curation_readonly)
        # The public id is chosen once (or generated) and then never changes.
        return (*readonly, "uid") if obj is not None else readonly

    def has_change_permission(self, request: HttpRequest, obj: models.Model | None = None
                              ) -> bool:
        return super().has_change_permission(request, obj) and (
            obj is None or curation.record_editable_by(record=obj, user=request.user)
        )

    def has_delete_permission(self, request: HttpRequest, obj: models.Model | None = None
                              ) -> bool:
        return super().has_delete_permission(request, obj) and (
            obj is None or obj.curation_status == CurationStatus.DRAFT
        )

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return curation.user_may(request.user, self.model, "publish")

    def has_retract_permission(self, request: HttpRequest) -> bool:
        return curation.user_may(request.user, self.model, "retract")

    def revert_disabled(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        # An old version carries its old curation status: reverting to it would
        # publish or unpublish without the workflow.
        return True

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        curation.record_delete(obj=obj, actor=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for obj in queryset:
            curation.record_delete(obj=obj, actor=request.user)

    def _apply(self, request: HttpRequest, records: Iterable[models.Model],
               service: Callable[[models.Model], object], done: str) -> None:
        """Run a workflow service on each record; report what happened and what not."""
        applied, refused = 0, []
        for record in records:
            try:
                service(record)
            except ValidationError as exc:
                refused.append(f"{record.uid}: {' '.join(exc.messages)}")
            else:
                applied += 1
                self.log_change(request, record, f"{done} (from the list).")
        if applied:
            self.message_user(request, f"{done} {applied} record(s).", messages.SUCCESS)
        if refused:
            self.message_user(request, "Left unchanged — " + "; ".join(refused),
                              messages.WARNING)

    @admin.action(description="Publish selected", permissions=["publish"])
    def publish_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._apply(request, queryset,
                    lambda record: curation.record_publish(record=record, actor=request.user),
                    "Published")

    @admin.action(description="Retract selected (asks for a reason)", permissions=["retract"])
    def retract_selected(self, request: HttpRequest, queryset: QuerySet
                         ) -> TemplateResponse | None:
        if "apply" in request.POST:
            form = RetractForm(request.POST)
            if form.is_valid():
                reason = form.cleaned_data["reason"]
                self._apply(
                    request, queryset,
                    lambda record: curation.record_retract(record=record, actor=request.user,
                                                           reason=reason),
                    "Retracted",
                )
                return None  # back to the change list, with the messages
            self.message_user(request, "A retraction needs a reason; nothing was retracted.",
                              messages.ERROR)
        else:
            form = RetractForm()
        context = {
            **self.admin_site.each_context(request),
            "title": "Retract records",
            "subtitle": None,
            "opts": self.opts,
            "queryset": queryset,
            "form": form,
            "action_name": "retract_selected",
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, RETRACT_TEMPLATE, context)


class ProxyKindAdmin(CuratedRecordAdmin):
    """Admin for an Event proxy: lists only its kind and presets it on add."""

    def get_form(self, request: HttpRequest, obj: models.Model | None = None,
                 change: bool = False, **kwargs) -> type[forms.ModelForm]:
        form = super().get_form(request, obj, change, **kwargs)
        kind = self.model.objects.kind
        field = form.base_fields["kind"]
        # Kept in the form, not excluded, so model validation still checks every
        # constraint that mentions the kind.
        field.choices = [(kind, kind.label)]
        field.initial = kind
        field.disabled = True
        return form

    def save_model(self, request: HttpRequest, obj: models.Model, form: forms.ModelForm,
                   change: bool) -> None:
        # Signals from a proxy save name the proxy as sender, and simple_history
        # listens for Event only: save as an Event so the change is recorded.
        obj.__class__ = self.model._meta.concrete_model
        try:
            super().save_model(request, obj, form, change)
        finally:
            obj.__class__ = self.model

    def _concrete_admin(self) -> admin.ModelAdmin:
        return self.admin_site.get_model_admin(self.model._meta.concrete_model)

    # History is declared on Event, so a proxy shows its Event's history pages.
    def history_view(self, request: HttpRequest, object_id: str,
                     extra_context: dict | None = None) -> HttpResponse:
        return self._concrete_admin().history_view(request, object_id, extra_context)

    def history_form_view(self, request: HttpRequest, object_id: str, version_id: str,
                          extra_context: dict | None = None) -> HttpResponse:
        return self._concrete_admin().history_form_view(request, object_id, version_id,
                                                        extra_context)


def year_filter(field: str, title: str = "year") -> type[admin.SimpleListFilter]:
    """A list filter by calendar year of ``field``, offering only years present.

    With date_hierarchy (or ?<field>__gte=&<field>__lte= in the URL) it covers the
    date ranges researchers ask for.
    """

    class YearFilter(admin.SimpleListFilter):
        parameter_name = f"{field}_year"

        def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin
                    ) -> list[tuple[str, str]]:
            years = model_admin.model._default_manager.dates(field, "year", order="DESC")
            return [(str(day.year), str(day.year)) for day in years]

        def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
            value = self.value()
            if not value:
                return queryset
            if not value.isdigit():
                return queryset.none()
            return queryset.filter(**{f"{field}__year": int(value)})

    YearFilter.title = title
    YearFilter.__name__ = f"{field.title().replace('_', '')}YearFilter"
    return YearFilter


def countries_column(countries: Iterable[str | None]) -> str:
    """Distinct ISO codes, sorted, for a compact list column."""
    return ", ".join(sorted({code for code in countries if code})) or "—"


__all__ = [
    "ConstraintAwareInlineFormSet",
    "CuratedChildAdmin",
    "CuratedChildInline",
    "CuratedChildStackedInline",
    "CuratedRecordAdmin",
    "HistoryAdmin",
    "ProxyKindAdmin",
    "VersionedAdmin",
    "countries_column",
    "year_filter",
]
