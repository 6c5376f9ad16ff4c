"""The admin site: navigation grouped by what curators work on, and a review dashboard.

Child tables (citations, participants, aliases, exchanges, tenures…) are edited on
their parent's page, so the index and the sidebar list only the main records.
Installed through ``WorkbenchAdminConfig`` in INSTALLED_APPS.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest
from django.template.response import TemplateResponse

GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Timeline", ("Event", "Statement", "Meeting", "Incident")),
    ("Agreements", ("Agreement",)),
    ("Sources", ("Source",)),
    ("Who acts", ("Country", "Organisation", "Person", "Post")),
    ("Reference data and releases", ("CameoCode", "Topic", "Release")),
)


class WorkbenchSite(admin.AdminSite):
    site_header = "Diplomatic relations event log"
    site_title = "Event log curation"
    index_title = "Curate events, statements, agreements and sources"
    index_template = "admin/diplomacy/index.html"

    def get_app_list(self, request: HttpRequest, app_label: str | None = None) -> list[dict]:
        apps = super().get_app_list(request, app_label)
        grouped: list[dict] = []
        for app in apps:
            if app["app_label"] != "diplomacy":
                grouped.append(app)
                continue
            by_name = {entry["object_name"]: entry for entry in app["models"]}
            for title, names in GROUPS:
                entries = [by_name[name] for name in names if name in by_name]
                if entries:
                    grouped.append({**app, "name": title, "models": entries})
        return grouped

    def index(self, request: HttpRequest, extra_context: dict | None = None
              ) -> TemplateResponse:
        from diplomacy.admin.dashboard import dashboard

        return super().index(request, {"review": dashboard(request), **(extra_context or {})})


class WorkbenchAdminConfig(AdminConfig):
    default_site = "diplomacy.admin_site.WorkbenchSite"
