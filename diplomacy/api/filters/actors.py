"""The countries/, organizations/, people/ and sources/ filters."""

from __future__ import annotations

import django_filters as filters

from diplomacy import selectors
from diplomacy.models import (
    Country,
    Organisation,
    OrganisationKind,
    Person,
    Post,
    Source,
    SourceKind,
)

from .fields import (
    CountryCodesFilter,
    SlugsFilter,
    search_text,
)


class CountryFilter(filters.FilterSet):
    q = filters.CharFilter(method="filter_q", max_length=200,
                           help_text="Name or ISO code, ignoring case.")

    class Meta:
        model = Country
        fields: list[str] = []

    def filter_q(self, queryset, name, text):
        return selectors.countries_matching(queryset, text=text)


class OrganisationFilter(filters.FilterSet):
    q = filters.CharFilter(method="filter_q", max_length=200,
                           help_text="Name, acronym or any alias, ignoring case, apostrophes "
                                     "and diacritics.")
    country = CountryCodesFilter(method="filter_country")
    kind = filters.ChoiceFilter(field_name="kind", lookup_expr="exact",
                                choices=OrganisationKind.choices)

    class Meta:
        model = Organisation
        fields: list[str] = []

    def filter_q(self, queryset, name, text):
        matching = selectors.organisations_matching(text=text).values("id")
        return queryset.filter(id__in=matching)

    def filter_country(self, queryset, name, codes):
        return queryset.filter(country__in=codes) if codes else queryset


class PersonFilter(filters.FilterSet):
    q = filters.CharFilter(method="filter_q", max_length=200,
                           help_text="Name or any alias, ignoring case, apostrophes and "
                                     "diacritics (saar finds Sa’ar).")
    country = CountryCodesFilter(method="filter_country",
                                 help_text="Nationality, or a post held in that country.")
    post = SlugsFilter(method="filter_noop", model=Post, help_text="Post id held (at any time, "
                                                                  "or on in_office_on).")
    in_office_on = filters.DateFilter(method="filter_noop",
                                      help_text="People holding a post (the post given, if any) "
                                                "on this day; unknown ends count as open.")

    class Meta:
        model = Person
        fields: list[str] = []

    def filter_q(self, queryset, name, text):
        return queryset.filter(id__in=selectors.people_matching(text=text).values("id"))

    def filter_country(self, queryset, name, codes):
        return selectors.people_of_countries(queryset, codes=codes) if codes else queryset

    def filter_noop(self, queryset, name, value):
        return queryset  # post and in_office_on apply together, in filter_queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        queryset = selectors.people_holding(queryset, posts=self.form.cleaned_data.get("post"),
                                            on=self.form.cleaned_data.get("in_office_on"))
        return queryset.order_by("name", "slug")


class SourceFilter(filters.FilterSet):
    publisher = SlugsFilter(method="filter_publisher", model=Organisation,
                            help_text="Organisation id of the publisher.")
    kind = filters.ChoiceFilter(field_name="kind", lookup_expr="exact", choices=SourceKind.choices)
    published_from = filters.DateFilter(field_name="published_on", lookup_expr="gte")
    published_to = filters.DateFilter(field_name="published_on", lookup_expr="lte")
    q = filters.CharFilter(method="filter_q", max_length=200)

    class Meta:
        model = Source
        fields: list[str] = []

    def filter_publisher(self, queryset, name, slugs):
        return queryset.filter(publisher__slug__in=slugs) if slugs else queryset

    def filter_q(self, queryset, name, text):
        return search_text(queryset, text, ["title", "author"])

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).order_by("uid")
