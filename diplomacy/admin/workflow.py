"""Publish and Retract on a record's own page, through the curation services.

The buttons sit in the change form's submit row and post, with the form's CSRF
token, the version the page was read at; the services lock the row and refuse a
stale version, so a reviewer never publishes a record someone changed since they
read it. Each transition is written to "Recent actions" (LogEntry) as well as the
record's history.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from diplomacy.services import curation
from diplomacy.services.errors import StaleVersion

VERSION_FIELD = "workflow_version"


class ChangeFormWorkflowMixin:
    """For a CuratedRecordAdmin: ``<id>/publish/`` and ``<id>/retract/`` views and buttons."""

    change_form_template = "admin/diplomacy/curated_change_form.html"
    retract_one_template = "admin/diplomacy/retract_one.html"

    def get_urls(self) -> list:
        opts = self.opts
        name = f"{opts.app_label}_{opts.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path("<path:object_id>/publish/", wrap(self.publish_view), name=f"{name}_publish"),
            path("<path:object_id>/retract/", wrap(self.retract_view), name=f"{name}_retract"),
            *super().get_urls(),
        ]

    def render_change_form(self, request: HttpRequest, context: dict, add: bool = False,
                           change: bool = False, form_url: str = "", obj=None) -> HttpResponse:
        context.update({
            "workflow_version_field": VERSION_FIELD,
            "can_publish": obj is not None and self.has_publish_permission(request)
            and obj.curation_status != "published",
            "can_retract": obj is not None and self.has_retract_permission(request)
            and obj.curation_status == "published",
        })
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _record(self, request: HttpRequest, object_id: str):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(f"No {self.opts.verbose_name} with this key.")
        return obj

    def _change_url(self, obj) -> str:
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
                       args=[obj.pk], current_app=self.admin_site.name)

    @staticmethod
    def _posted_version(request: HttpRequest) -> int | None:
        try:
            return int(request.POST.get(VERSION_FIELD, ""))
        except ValueError:
            return None

    def _transition(self, request: HttpRequest, obj, run, done: str) -> HttpResponse:
        version = self._posted_version(request)
        if version is None:
            self.message_user(request, "The page did not say which version it shows; "
                                       "nothing changed.", messages.ERROR)
            return HttpResponseRedirect(self._change_url(obj))
        try:
            run(obj, version)
        except StaleVersion as exc:
            self.message_user(request, f"Someone changed this record after you opened it (now "
                                       f"version {exc.current}, you read {exc.expected}). "
                                       "Nothing changed: read it again first.", messages.ERROR)
        except ValidationError as exc:
            self.message_user(request, "Nothing changed — " + " ".join(exc.messages),
                              messages.ERROR)
        else:
            self.log_change(request, obj, done)
            self.message_user(request, f"{done} {obj.uid}.", messages.SUCCESS)
        return HttpResponseRedirect(self._change_url(obj))

    def publish_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        obj = self._record(request, object_id)
        if request.method != "POST":
            return HttpResponseRedirect(self._change_url(obj))
        if not self.has_publish_permission(request):
            raise PermissionDenied
        return self._transition(
            request, obj,
            lambda record, version: curation.record_publish(
                record=record, actor=request.user, expected_version=version),
            "Published")

    def retract_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        from .base import RetractForm

        obj = self._record(request, object_id)
        if not self.has_retract_permission(request):
            raise PermissionDenied
        version = self._posted_version(request) if request.method == "POST" else None
        form = RetractForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            reason = form.cleaned_data["reason"]
            return self._transition(
                request, obj,
                lambda record, seen: curation.record_retract(
                    record=record, actor=request.user, reason=reason, expected_version=seen),
                f"Retracted: {reason}")
        context = {
            **self.admin_site.each_context(request),
            "title": f"Retract {obj}",
            "subtitle": None,
            "opts": self.opts,
            "original": obj,
            "form": form,
            "version_field": VERSION_FIELD,
            "version": version if version is not None else obj.version,
            "media": self.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.retract_one_template, context)
