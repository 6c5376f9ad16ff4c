"""The timeline: events of every kind on one screen with participants, citations, relations."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import path

from diplomacy.models import (
    Citation,
    Event,
    EventParticipant,
    EventRelation,
    Incident,
    Meeting,
    Statement,
)
from diplomacy.models.partial_dates import partial_date_words

from .base import (
    CuratedChildAdmin,
    CuratedChildInline,
    CuratedRecordAdmin,
    ProxyKindAdmin,
    countries_column,
    year_filter,
)
from .dashboard import CitedFilter, CountedFilter, DateRangeFilter
from .forms import PartialDatesForm
from .participants import ParticipantInline, actor_search_view


class EventCitationInline(CuratedChildInline):
    model = Citation
    fk_name = "event"
    fields = ("source", "quote", "note")
    autocomplete_fields = ("source",)


class RelationInline(CuratedChildInline):
    model = EventRelation
    fk_name = "from_event"
    fields = ("kind", "to_event", "certainty", "note")
    autocomplete_fields = ("to_event",)
    verbose_name = "relation to another event"
    verbose_name_plural = "relations to other events"


MAIN = (None, {"fields": ("uid", "kind", "title", "summary")})
WHEN_WHERE = ("Date and place", {"fields": (("date", "date_end"), ("place", "location_country"))})
STATEMENT_FIELDS = (
    ("speaker_person", "speaker_post"), "speaker_organisation", "quote", ("language", "medium"),
    "occasion", "about_countries", "about_organisations", "about_people",
)
CODES = (("plover_type", "plover_mode", "plover_context"), "cameo")
CURATION = ("Curation", {"fields": ("curation_status", "retraction_reason", "note")})

# Searching events looks at their words and at who took part, by name or alias.
EVENT_SEARCH = (
    "uid", "title", "summary", "quote", "place", "citations__quote",
    "participants__name", "participants__actor_person__name",
    "participants__actor_person__aliases__name", "participants__actor_organisation__name",
    "participants__actor_organisation__aliases__name",
    "speaker_person__name", "speaker_person__aliases__name", "speaker_organisation__name",
)
EVENT_FILTERS = (
    "kind", "curation_status", "verification", ("date", DateRangeFilter), CitedFilter,
    CountedFilter, year_filter("date"),
    ("participants__country", admin.RelatedOnlyFieldListFilter),
    ("topics", admin.RelatedOnlyFieldListFilter),
    "date_precision",
)
EVENT_AUTOCOMPLETE = (
    "location_country", "cameo", "agreement", "speaker_person", "speaker_organisation",
    "speaker_post", "occasion", "topics", "about_countries", "about_organisations",
    "about_people",
)


class EventForm(PartialDatesForm):
    partial_dates = (("date", "date_precision", "approximate"),
                     ("date_end", "date_precision", None))


@admin.register(Event)
class EventAdmin(CuratedRecordAdmin):
    form = EventForm
    list_display = ("when", "title", "kind", "countries", "verification", "curation_status",
                    "uid")
    list_display_links = ("when", "title")
    list_filter = EVENT_FILTERS
    search_fields = EVENT_SEARCH
    date_hierarchy = "date"
    autocomplete_fields = EVENT_AUTOCOMPLETE
    list_select_related = ("location_country",)
    inlines = (ParticipantInline, EventCitationInline, RelationInline)
    fieldsets = (
        MAIN, WHEN_WHERE,
        ("Coding", {"fields": ("verification", "topics", "incident_type", "agreement", *CODES)}),
        ("Statement (kind = statement only)", {"classes": ("statement-only",),
                                               "fields": STATEMENT_FIELDS}),
        CURATION,
    )

    def get_urls(self) -> list:
        if self.model is not Event:  # the kinds' screens share the Event one's picker
            return super().get_urls()
        search = path("actors/search/", self.admin_site.admin_view(actor_search_view),
                      name="diplomacy_actor_search")
        return [search, *super().get_urls()]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Event]:
        # The countries column reads every row's participants: one query per page.
        return super().get_queryset(request).prefetch_related("participants")

    @admin.display(description="date", ordering="date")
    def when(self, obj: Event) -> str:
        return partial_date_words(obj.date, obj.date_precision, obj.approximate)

    @admin.display(description="countries")
    def countries(self, obj: Event) -> str:
        return countries_column(p.country_id for p in obj.participants.all())


class KindAdmin(ProxyKindAdmin, EventAdmin):
    """An Event screen for one kind; the kind is fixed, so it is no filter."""

    list_display = ("when", "title", "countries", "verification", "curation_status", "uid")
    list_filter = tuple(f for f in EVENT_FILTERS if f != "kind")


@admin.register(Statement)
class StatementAdmin(KindAdmin):
    list_display = ("when", "title", "speaker", "medium", "countries", "curation_status", "uid")
    list_filter = (*KindAdmin.list_filter, "medium")
    list_select_related = ("speaker_person", "speaker_organisation")
    fieldsets = (
        MAIN,
        ("Who said what", {"fields": STATEMENT_FIELDS}),
        WHEN_WHERE,
        ("Coding", {"fields": ("verification", "topics", *CODES)}),
        CURATION,
    )

    @admin.display(description="speaker")
    def speaker(self, obj: Event) -> str:
        return str(obj.speaker_person or obj.speaker_organisation or "—")


@admin.register(Meeting)
class MeetingAdmin(KindAdmin):
    fieldsets = (
        MAIN, WHEN_WHERE,
        ("Coding", {"fields": ("verification", "topics", *CODES)}),
        CURATION,
    )


@admin.register(Incident)
class IncidentAdmin(KindAdmin):
    list_display = ("when", "title", "incident_type", "countries", "verification",
                    "curation_status", "uid")
    list_filter = (*KindAdmin.list_filter, "incident_type")
    fieldsets = (
        MAIN, WHEN_WHERE,
        ("Coding", {"fields": ("incident_type", "verification", "topics", *CODES)}),
        CURATION,
    )


@admin.register(EventParticipant)
class EventParticipantAdmin(CuratedChildAdmin):
    parent_fields = ("event",)
    list_display = ("event", "role", "actor_display", "country")
    list_filter = ("role", ("country", admin.RelatedOnlyFieldListFilter))
    search_fields = ("event__uid", "event__title", "name", "actor_person__name",
                     "actor_person__aliases__name", "actor_organisation__name",
                     "actor_organisation__aliases__name", "actor_country__name")
    autocomplete_fields = ("event", "actor_country", "actor_organisation", "actor_person",
                           "country")
    list_select_related = ("event", "actor_country", "actor_organisation", "actor_person",
                           "country")

    @admin.display(description="actor")
    def actor_display(self, obj: EventParticipant) -> str:
        return f"{obj.actor} ({obj.actor_type})"


@admin.register(EventRelation)
class EventRelationAdmin(CuratedChildAdmin):
    parent_fields = ("from_event",)
    list_display = ("from_event", "kind", "to_event", "certainty")
    list_filter = ("kind", "certainty")
    search_fields = ("from_event__uid", "from_event__title", "to_event__uid", "to_event__title",
                     "note")
    autocomplete_fields = ("from_event", "to_event")
    list_select_related = ("from_event", "to_event")
