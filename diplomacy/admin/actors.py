"""Who acts: countries, organisations and people with their aliases, posts and tenures."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from diplomacy import selectors
from diplomacy.models import (
    Country,
    Organisation,
    OrganisationAlias,
    Person,
    PersonAlias,
    Post,
    Tenure,
)
from diplomacy.models.partial_dates import partial_date_words

from .base import HistoryAdmin, ReviewedWhenShownMixin, VersionedAdmin, year_filter
from .forms import PartialDatesForm, PartialDatesMixin


class AliasInline(admin.TabularInline):
    extra = 0
    fields = ("name", "kind", "language")


class PersonAliasInline(AliasInline):
    model = PersonAlias


class OrganisationAliasInline(AliasInline):
    model = OrganisationAlias


class TenureForm(PartialDatesMixin):
    partial_dates = (("start_date", "start_precision", None), ("end_date", "end_precision", None))


class TenureInline(admin.TabularInline):
    model = Tenure
    form = TenureForm
    extra = 0
    fields = ("post", "start_date", "end_date", "note")
    autocomplete_fields = ("post",)
    show_change_link = True


class FoldedSearchMixin:
    """Admin search (and the autocompletes that use it) also finds what the API's ``q``
    finds: any alias, ignoring case, apostrophes and diacritics, in any script."""

    def matching(self, text: str) -> QuerySet:
        raise NotImplementedError

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str):
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term.strip():
            found = found | queryset.filter(pk__in=self.matching(search_term).values("pk"))
        return found, may_have_duplicates


@admin.register(Country)
class CountryAdmin(HistoryAdmin):
    list_display = ("iso3", "iso2", "name", "wikidata_id")
    # Declared for the autocompletes; get_search_results applies countries/?q='s rule.
    search_fields = ("iso3", "iso2", "name", "official_name", "aliases")

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str):
        # "UK" is the United Kingdom, not Ukraine: an exact code, name or alias wins.
        if not search_term.strip():
            return queryset, False
        return selectors.countries_matching(queryset, text=search_term), False


@admin.register(Organisation)
class OrganisationAdmin(ReviewedWhenShownMixin, FoldedSearchMixin, VersionedAdmin):
    list_display = ("name", "acronym", "kind", "country", "parent", "slug")
    list_filter = ("kind", ("country", admin.RelatedOnlyFieldListFilter))
    search_fields = ("name", "acronym", "slug", "aliases__name")
    autocomplete_fields = ("country", "parent")
    list_select_related = ("country", "parent")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (OrganisationAliasInline,)

    def matching(self, text: str) -> QuerySet[Organisation]:
        return selectors.organisations_matching(text=text)


@admin.register(OrganisationAlias)
class OrganisationAliasAdmin(ReviewedWhenShownMixin, HistoryAdmin):
    list_display = ("name", "organisation", "kind", "language")
    list_filter = ("kind",)
    search_fields = ("name", "organisation__name", "organisation__acronym")
    autocomplete_fields = ("organisation",)
    list_select_related = ("organisation",)


@admin.register(Person)
class PersonAdmin(ReviewedWhenShownMixin, FoldedSearchMixin, VersionedAdmin):
    list_display = ("name", "alias_names", "nationality", "slug")
    list_filter = (("nationality", admin.RelatedOnlyFieldListFilter),)
    # Alias rows carry transliterations: "Saar" finds Gideon Sa'ar.
    search_fields = ("name", "sort_name", "slug", "aliases__name")
    autocomplete_fields = ("nationality",)
    list_select_related = ("nationality",)
    prepopulated_fields = {"slug": ("name",)}
    inlines = (PersonAliasInline, TenureInline)

    def matching(self, text: str) -> QuerySet[Person]:
        return selectors.people_matching(text=text)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Person]:
        # The aliases column: one query per page rather than one per row.
        return super().get_queryset(request).prefetch_related("aliases")

    @admin.display(description="aliases")
    def alias_names(self, obj: Person) -> str:
        return ", ".join(alias.name for alias in obj.aliases.all()) or "—"


@admin.register(PersonAlias)
class PersonAliasAdmin(ReviewedWhenShownMixin, HistoryAdmin):
    list_display = ("name", "person", "kind", "language")
    list_filter = ("kind",)
    search_fields = ("name", "person__name")
    autocomplete_fields = ("person",)
    list_select_related = ("person",)


@admin.register(Post)
class PostAdmin(ReviewedWhenShownMixin, VersionedAdmin):
    list_display = ("label", "country", "organisation", "slug")
    list_filter = (("country", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("label", "slug", "country__name", "country__iso3", "organisation__name")
    autocomplete_fields = ("country", "organisation")
    list_select_related = ("country", "organisation")


    def get_search_results(self, request: HttpRequest, queryset: QuerySet[Post],
                           search_term: str) -> tuple[QuerySet[Post], bool]:
        queryset, may_have_duplicates = super().get_search_results(request, queryset,
                                                                   search_term)
        # A statement's post picker sends its speaker (workbench.js): offer only the
        # posts that person held.
        speaker = request.GET.get("speaker", "")
        if request.GET.get("field_name") == "speaker_post" and speaker.isdigit():
            queryset = queryset.filter(tenures__person_id=int(speaker))
            may_have_duplicates = True
        return queryset, may_have_duplicates


@admin.register(Tenure)
class TenureAdmin(ReviewedWhenShownMixin, VersionedAdmin):
    form = type("TenureAdminForm", (PartialDatesForm,),
                {"partial_dates": TenureForm.partial_dates})
    fields = ("uid", "person", "post", "start_date", "end_date", "note")
    list_display = ("person", "post", "starts", "ends", "uid")
    list_filter = (("post__country", admin.RelatedOnlyFieldListFilter),
                   year_filter("start_date", "year taking office"))
    search_fields = ("uid", "person__name", "person__aliases__name", "post__label")
    autocomplete_fields = ("person", "post")
    list_select_related = ("person", "post")

    @admin.display(description="from", ordering="start_date")
    def starts(self, obj: Tenure) -> str:
        return partial_date_words(obj.start_date, obj.start_precision)

    @admin.display(description="to", ordering="end_date")
    def ends(self, obj: Tenure) -> str:
        return partial_date_words(obj.end_date, obj.end_precision)

    def get_readonly_fields(self, request: HttpRequest, obj: Tenure | None = None
                            ) -> tuple[str, ...]:
        readonly = tuple(super().get_readonly_fields(request, obj))
        return (*readonly, "uid") if obj is not None else readonly
