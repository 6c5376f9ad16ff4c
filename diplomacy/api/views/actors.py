"""Countries, organisations and people: reference records anyone reads."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view

from diplomacy import selectors
from diplomacy.models import Country

from .. import columns, filters
from .. import serializers as s
from .base import CSV_PARAMETER, ReadViewSet


@extend_schema_view(list=extend_schema(parameters=[CSV_PARAMETER]))
class CountryViewSet(ReadViewSet):
    queryset = Country.objects.order_by("iso3")
    serializer_class = s.CountrySerializer
    filterset_class = filters.CountryFilter
    lookup_field = "iso3"
    csv_columns = columns.COUNTRY


@extend_schema_view(list=extend_schema(parameters=[CSV_PARAMETER]))
class OrganisationViewSet(ReadViewSet):
    serializer_class = s.OrganisationSerializer
    filterset_class = filters.OrganisationFilter
    lookup_field = "slug"
    csv_columns = columns.ORGANISATION

    def get_queryset(self):
        return selectors.organisation_list().order_by("name", "slug")


@extend_schema_view(list=extend_schema(parameters=[CSV_PARAMETER]))
class PersonViewSet(ReadViewSet):
    serializer_class = s.PersonSerializer
    filterset_class = filters.PersonFilter
    lookup_field = "slug"
    csv_columns = columns.PERSON

    def get_queryset(self):
        return selectors.person_list().order_by("name", "slug")


