"""The posts/ and tenures/ filters: offices and who held them when."""

from __future__ import annotations

import django_filters as filters

from diplomacy import selectors
from diplomacy.models import Person, Post, Tenure

from .fields import CountryCodesFilter, SlugsFilter


class OfficeFilter(filters.FilterSet):
    """country, person, post and on, shared by posts/ and tenures/."""

    country = CountryCodesFilter(method="filter_country",
                                 help_text="ISO alpha-3 code(s) of the post's state.")
    person = SlugsFilter(method="filter_person", model=Person,
                         help_text="Person id(s) holding the post.")
    post = SlugsFilter(method="filter_post", model=Post, help_text="Post id(s).")
    on = filters.DateFilter(method="filter_on",
                            help_text="In effect on this day (an unknown start or end counts "
                                      "as open; ends are widened by their precision).")


class PostFilter(OfficeFilter):
    class Meta:
        model = Post
        fields: list[str] = []

    def filter_country(self, queryset, name, codes):
        return queryset.filter(country__in=codes) if codes else queryset

    def filter_post(self, queryset, name, slugs):
        return queryset.filter(slug__in=slugs) if slugs else queryset

    def filter_person(self, queryset, name, slugs):
        return selectors.posts_held(queryset, people=slugs) if slugs else queryset

    def filter_on(self, queryset, name, day):
        return selectors.posts_held(queryset, on=day) if day else queryset


class TenureFilter(OfficeFilter):
    class Meta:
        model = Tenure
        fields: list[str] = []

    def filter_country(self, queryset, name, codes):
        return queryset.filter(post__country__in=codes) if codes else queryset

    def filter_post(self, queryset, name, slugs):
        return queryset.filter(post__slug__in=slugs) if slugs else queryset

    def filter_person(self, queryset, name, slugs):
        return queryset.filter(person__slug__in=slugs) if slugs else queryset

    def filter_on(self, queryset, name, day):
        return selectors.tenures_in_effect(queryset, on=day) if day else queryset
