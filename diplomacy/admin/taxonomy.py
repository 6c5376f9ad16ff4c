"""Reference vocabularies: CAMEO codes (with PLOVER mapping) and topics.

Curators and reviewers view them; only administrators change them (roles.py), and
every change is in the history.
"""

from __future__ import annotations

from django.contrib import admin

from diplomacy.models import CameoCode, Topic

from .base import HistoryAdmin


@admin.register(CameoCode)
class CameoCodeAdmin(HistoryAdmin):
    list_display = ("code", "name", "goldstein", "plover_type", "plover_mode", "root")
    list_filter = ("plover_type",)
    search_fields = ("code", "name", "plover_mode", "plover_context")
    autocomplete_fields = ("root",)
    list_select_related = ("root",)


@admin.register(Topic)
class TopicAdmin(HistoryAdmin):
    list_display = ("slug", "name")
    search_fields = ("slug", "name", "description")
