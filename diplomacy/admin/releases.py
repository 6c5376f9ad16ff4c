"""Dataset releases: a read-only ledger; ``manage.py release`` writes it."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from diplomacy.models import Release


@admin.register(Release)
class ReleaseAdmin(admin.ModelAdmin):
    list_display = ("version", "released_at", "record_count", "checksum")
    search_fields = ("version", "checksum")
    date_hierarchy = "released_at"

    # A release describes files already published: nobody edits it after the fact.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Release | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Release | None = None) -> bool:
        return False
