"""Provenance: sources and the citations linking them to events and agreements."""

from __future__ import annotations

from django.contrib import admin

from diplomacy.models import Citation, Source

from .base import CuratedChildAdmin, ReviewedWhenShownMixin, VersionedAdmin, year_filter


@admin.register(Source)
class SourceAdmin(ReviewedWhenShownMixin, VersionedAdmin):
    list_display = ("title", "kind", "publisher", "published_on", "language", "uid")
    list_filter = ("kind", year_filter("published_on", "year published"), "language")
    search_fields = ("uid", "title", "url", "author", "publisher__name",
                     "publisher__aliases__name", "citations__quote")
    date_hierarchy = "published_on"
    autocomplete_fields = ("publisher",)
    list_select_related = ("publisher",)


@admin.register(Citation)
class CitationAdmin(CuratedChildAdmin):
    parent_fields = ("event", "agreement")
    list_display = ("source", "claim", "short_quote")
    search_fields = ("quote", "source__uid", "source__title", "event__uid", "event__title",
                     "agreement__uid", "agreement__title")
    autocomplete_fields = ("source", "event", "agreement")
    list_select_related = ("source", "event", "agreement")

    @admin.display(description="claim")
    def claim(self, obj: Citation) -> str:
        return str(obj.event or obj.agreement)

    @admin.display(description="quote")
    def short_quote(self, obj: Citation) -> str:
        return obj.quote if len(obj.quote) <= 80 else obj.quote[:79] + "…"
