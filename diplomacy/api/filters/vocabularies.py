"""The topics/ and cameo-codes/ filters: the vocabularies events are coded with."""

from __future__ import annotations

import django_filters as filters

from diplomacy.models import CameoCode, PloverType, Topic

from .fields import CameoPrefixFilter


class TopicFilter(filters.FilterSet):
    class Meta:
        model = Topic
        fields: list[str] = []


class CameoCodeFilter(filters.FilterSet):
    code = CameoPrefixFilter(field_name="code", lookup_expr="startswith",
                             help_text="A code or prefix (04: the root and all beneath it).")
    plover_type = filters.ChoiceFilter(field_name="plover_type", lookup_expr="exact",
                                       choices=PloverType.choices)

    class Meta:
        model = CameoCode
        fields: list[str] = []
