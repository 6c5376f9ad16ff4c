"""Agreements with their further parties, exchanges and citations on one screen."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from diplomacy import selectors
from diplomacy.models import Agreement, AgreementParty, Citation, Exchange
from diplomacy.models.partial_dates import partial_date_words

from .base import (
    CuratedChildAdmin,
    CuratedChildInline,
    CuratedChildStackedInline,
    CuratedRecordAdmin,
    year_filter,
)
from .dashboard import CitedFilter
from .forms import PartialDatesForm


class AgreementPartyInline(CuratedChildInline):
    model = AgreementParty
    fields = ("country", "organisation", "role", "note")
    autocomplete_fields = ("country", "organisation")
    verbose_name = "further party"
    verbose_name_plural = "further parties and implementing organisations"


class ExchangeInline(CuratedChildStackedInline):
    model = Exchange
    fields = ("from_country", "to_country", "category", "description", "via", "quantity",
              "value", "currency")
    autocomplete_fields = ("from_country", "to_country", "via")


class AgreementCitationInline(CuratedChildInline):
    model = Citation
    fk_name = "agreement"
    fields = ("source", "quote", "note")
    autocomplete_fields = ("source",)


class AgreementCountryFilter(admin.SimpleListFilter):
    """Agreements a country is party to, as a principal or a further party."""

    title = "country"
    parameter_name = "country"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin
                ) -> list[tuple[str, str]]:
        return [(c.iso3, c.name) for c in selectors.countries_party_to_agreements()]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        code = self.value()
        if not code:
            return queryset
        return selectors.agreements_with_party(queryset, party=selectors.ActorRef("country", code))


class AgreementForm(PartialDatesForm):
    partial_dates = (("start_date", "start_precision", "approximate"),
                     ("end_date", "end_precision", "approximate"))


@admin.register(Agreement)
class AgreementAdmin(CuratedRecordAdmin):
    form = AgreementForm
    list_display = ("title", "kind", "formality", "status", "first_party", "second_party",
                    "starts", "verification", "curation_status", "uid")
    list_filter = ("kind", "status", "formality", "curation_status", "verification", CitedFilter,
                   AgreementCountryFilter, ("topics", admin.RelatedOnlyFieldListFilter),
                   year_filter("start_date", "year signed or begun"))
    search_fields = ("uid", "title", "summary", "note", "exchanges__description",
                     "citations__quote", "first_party__name", "second_party__name",
                     "parties__organisation__name", "parties__organisation__aliases__name")
    date_hierarchy = "start_date"
    autocomplete_fields = ("first_party", "second_party", "topics")
    list_select_related = ("first_party", "second_party")
    inlines = (AgreementPartyInline, ExchangeInline, AgreementCitationInline)
    fieldsets = (
        (None, {"fields": ("uid", "title", "summary", ("kind", "formality", "status"))}),
        ("Principal parties", {"fields": (("first_party", "second_party"),)}),
        ("Dates", {"fields": (("start_date", "end_date"),)}),
        ("Coding", {"fields": ("verification", "topics")}),
        ("Curation", {"fields": ("curation_status", "retraction_reason", "note")}),
    )


    @admin.display(description="start", ordering="start_date")
    def starts(self, obj: Agreement) -> str:
        return partial_date_words(obj.start_date, obj.start_precision, obj.approximate)


@admin.register(AgreementParty)
class AgreementPartyAdmin(CuratedChildAdmin):
    parent_fields = ("agreement",)
    list_display = ("agreement", "country", "organisation", "role")
    list_filter = ("role",)
    search_fields = ("agreement__uid", "agreement__title", "country__name", "organisation__name",
                     "organisation__aliases__name")
    autocomplete_fields = ("agreement", "country", "organisation")
    list_select_related = ("agreement", "country", "organisation")


@admin.register(Exchange)
class ExchangeAdmin(CuratedChildAdmin):
    parent_fields = ("agreement",)
    list_display = ("agreement", "category", "from_country", "to_country", "via", "quantity")
    list_filter = ("category",)
    search_fields = ("agreement__uid", "agreement__title", "description", "quantity",
                     "via__name")
    autocomplete_fields = ("agreement", "from_country", "to_country", "via")
    list_select_related = ("agreement", "from_country", "to_country", "via")
