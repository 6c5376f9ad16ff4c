"""Form fields that parse and check one query parameter, and the filters wrapping them.

Each refuses a bad value with a message naming what is wrong (and the parameter,
through the FilterSet's form), never by dropping it.
"""

from __future__ import annotations

import django_filters as filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from diplomacy import selectors
from diplomacy.models import Country


class CommaListField(forms.CharField):
    """``a,b,c`` → ['a', 'b', 'c'], each checked against ``allowed`` when given."""

    def __init__(self, *args, allowed: list[str] | None = None, **kwargs) -> None:
        self.allowed = allowed
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return []
        items = [item.strip() for item in value.split(",") if item.strip()]
        if self.allowed is not None:
            unknown = [item for item in items if item not in self.allowed]
            if unknown:
                raise ValidationError(
                    f"Unknown value(s): {', '.join(unknown)}. "
                    f"Allowed: {', '.join(self.allowed)}.")
        return items


class CountryCodesField(CommaListField):
    """ISO 3166-1 alpha-3 codes, any case; unknown codes are refused, not ignored."""

    def clean(self, value):
        codes = [code.upper() for code in super().clean(value)]
        if codes:
            unknown = selectors.unknown_ids(Country, "iso3", codes)
            if unknown:
                raise ValidationError(
                    f"Unknown country code(s): {', '.join(unknown)}. "
                    "Use ISO 3166-1 alpha-3 codes such as AZE.")
        return codes


class DyadField(CountryCodesField):
    def clean(self, value):
        codes = super().clean(value)
        if codes and len(set(codes)) != 2:
            raise ValidationError("A dyad is two different ISO alpha-3 codes, e.g. AZE,ISR.")
        return codes


class SlugsField(CommaListField):
    """Public ids of some model, checked to exist."""

    def __init__(self, *args, model=None, id_field: str = "slug", **kwargs) -> None:
        self.model = model
        self.id_field = id_field
        super().__init__(*args, **kwargs)

    def clean(self, value):
        ids = super().clean(value)
        if ids:
            unknown = selectors.unknown_ids(self.model, self.id_field, ids)
            if unknown:
                raise ValidationError(f"Unknown id(s): {', '.join(unknown)}.")
        return ids


class ActorIdField(forms.CharField):
    """A person or organisation slug (or, where allowed, a country code) → ActorRef."""

    def __init__(self, *args, countries: bool = False, **kwargs) -> None:
        self.types = ("country", "person", "organisation") if countries else (
            "person", "organisation")
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        actor = selectors.actor_by_id(value, types=self.types)
        if actor is None:
            kinds = ("country, organisation or person" if "country" in self.types
                     else "person or organisation")
            raise ValidationError(f"No {kinds} has the id {value!r}.")
        return actor


class SearchTextField(forms.CharField):
    """A full-text query (selectors.search): it must hold at least one word."""

    def clean(self, value):
        value = super().clean(value)
        if value and not selectors.has_words(value):
            raise ValidationError("Give at least one word (letters or digits) to search for.")
        return value


@extend_schema_field(OpenApiTypes.STR)
class SearchFilter(filters.CharFilter):
    field_class = SearchTextField


# The schema shows each of these as one string parameter (a comma list where noted).
@extend_schema_field(OpenApiTypes.STR)
class CommaListFilter(filters.Filter):
    field_class = CommaListField


@extend_schema_field(OpenApiTypes.STR)
class CountryCodesFilter(filters.Filter):
    field_class = CountryCodesField


@extend_schema_field(OpenApiTypes.STR)
class DyadFilter(filters.Filter):
    field_class = DyadField


@extend_schema_field(OpenApiTypes.STR)
class SlugsFilter(filters.Filter):
    field_class = SlugsField


@extend_schema_field(OpenApiTypes.STR)
class ActorFilter(filters.Filter):
    field_class = ActorIdField


def search_text(queryset: QuerySet, text: str, fields: list[str]) -> QuerySet:
    return selectors.texts_matching(queryset, text=text, fields=fields) if text else queryset




class StrictBooleanField(forms.CharField):
    """``true`` or ``false``, nothing else (``1``, ``yes`` and ``on`` are not guessed)."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        if value not in ("true", "false"):
            raise ValidationError("Give true or false.")
        return value == "true"


class CameoPrefixField(forms.CharField):
    """A CAMEO code or its prefix: two to four digits (``04`` is the whole root)."""

    def clean(self, value):
        value = super().clean(value)
        if value and not (value.isascii() and value.isdigit() and 2 <= len(value) <= 4):
            raise ValidationError("Give a CAMEO code or prefix of 2 to 4 digits, e.g. 04 or 042.")
        return value or None


class IntensityField(forms.DecimalField):
    """A Goldstein intensity, -10 (most hostile) to +10 (most cooperative)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, min_value=-10, max_value=10, max_digits=4, decimal_places=1,
                         **kwargs)


@extend_schema_field(OpenApiTypes.STR)
class StrictBooleanFilter(filters.Filter):
    field_class = StrictBooleanField


@extend_schema_field(OpenApiTypes.STR)
class CameoPrefixFilter(filters.Filter):
    field_class = CameoPrefixField


@extend_schema_field(OpenApiTypes.NUMBER)
class IntensityFilter(filters.Filter):
    field_class = IntensityField
