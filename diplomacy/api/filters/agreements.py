"""The agreements/ filters."""

from __future__ import annotations

import django_filters as filters
from django import forms
from django.core.exceptions import ValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from diplomacy import selectors
from diplomacy.models import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    ExchangeCategory,
)

from .fields import (
    CommaListFilter,
    CountryCodesFilter,
    SearchFilter,
    search_text,
)


class PartyField(forms.MultipleChoiceField):
    """Repeatable ``party``: country codes or organisation ids, all of which must take part."""

    def valid_value(self, value) -> bool:
        return True

    def clean(self, value):
        values = super().clean(value)
        for item in values:
            if "\x00" in item:
                raise ValidationError("Null characters are not allowed.")
        parties = []
        for item in values:
            party = selectors.actor_by_id(item, types=("country", "organisation"))
            if party is None:
                raise ValidationError(f"No country or organisation has the id {item!r}.")
            parties.append(party)
        return parties


@extend_schema_field(OpenApiTypes.STR)  # one id per value; drf-spectacular adds the array
class PartyFilter(filters.MultipleChoiceFilter):
    field_class = PartyField


class AgreementFilter(filters.FilterSet):
    # party may be repeated: every party named must take part.
    repeatable = frozenset({"party"})

    party = PartyFilter(method="filter_party",
                        help_text="Repeat for several: agreements all of them are party to.")
    kind = filters.ChoiceFilter(field_name="kind", lookup_expr="exact",
                                choices=AgreementKind.choices)
    status = filters.ChoiceFilter(field_name="status", lookup_expr="exact",
                                  choices=AgreementStatus.choices,
                                  help_text="The agreement's own status (in_force, …).")
    in_force_on = filters.DateFilter(method="filter_in_force_on",
                                     help_text="Agreements in force on this day; an unknown "
                                               "start or end counts as open.")
    exchange = CommaListFilter(method="filter_exchanges", allowed=list(ExchangeCategory.values),
                               help_text="What flows (energy, arms…); a comma list = any of.")
    exchange_from = CountryCodesFilter(method="filter_exchanges",
                                       help_text="ISO alpha-3: a flow from that country.")
    exchange_to = CountryCodesFilter(method="filter_exchanges",
                                     help_text="ISO alpha-3: a flow to that country.")
    q = SearchFilter(method="filter_q", max_length=200,
                     help_text='Words in the title, short title (BTC), aliases and summary; '
                               '"phrases", OR, -word.')

    class Meta:
        model = Agreement
        fields: list[str] = []

    def filter_exchanges(self, queryset, name, value):
        # category, from and to describe one flow together: applied in filter_queryset.
        return queryset

    def filter_party(self, queryset, name, parties):
        return selectors.agreements_with_parties(queryset, parties=parties)

    def filter_in_force_on(self, queryset, name, day):
        return selectors.agreements_in_force_on(queryset, day=day)

    def filter_q(self, queryset, name, text):
        return search_text(queryset, text, ["title", "short_title", "aliases", "summary"])

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        if data.get("exchange") or data.get("exchange_from") or data.get("exchange_to"):
            queryset = selectors.agreements_with_exchange(
                queryset, categories=data.get("exchange"), sources=data.get("exchange_from"),
                recipients=data.get("exchange_to"))
        return queryset.order_by("uid")


