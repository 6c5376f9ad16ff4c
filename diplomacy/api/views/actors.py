"""Countries, organisations and people: reference records anyone reads and curators
write (people and organisations, with their aliases; countries come from ISO)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view

from diplomacy import selectors
from diplomacy.models import Country
from diplomacy.services import actors

from .. import columns, filters
from .. import serializers as s
from ..permissions import ReadOrCurate
from ..write_serializers import OrganisationInput, PersonInput
from .base import CSV_PARAMETER, ReadViewSet, WritableMixin, _write_schema


@extend_schema_view(list=extend_schema(parameters=[CSV_PARAMETER]))
class CountryViewSet(ReadViewSet):
    queryset = Country.objects.order_by("iso3")
    serializer_class = s.CountrySerializer
    filterset_class = filters.CountryFilter
    lookup_field = "iso3"
    csv_columns = columns.COUNTRY


@extend_schema_view(list=extend_schema(parameters=[CSV_PARAMETER]),
                    **_write_schema(OrganisationInput, s.OrganisationSerializer))
class OrganisationViewSet(WritableMixin, ReadViewSet):
    """Organisations; curators add and correct them (a reviewer, once a published record
    shows one)."""

    serializer_class = s.OrganisationSerializer
    filterset_class = filters.OrganisationFilter
    lookup_field = "slug"
    permission_classes = [ReadOrCurate]
    csv_columns = columns.ORGANISATION
    input_class = OrganisationInput
    children = ("aliases",)
    api_names = {"slug": "id"}

    def get_queryset(self):
        return selectors.organisation_list().order_by("name", "slug")

    def create_record(self, **kwargs):
        return actors.organisation_create(**kwargs)

    def update_record(self, record, **kwargs):
        return actors.organisation_update(organisation=record, **kwargs)


@extend_schema_view(list=extend_schema(parameters=[CSV_PARAMETER]),
                    **_write_schema(PersonInput, s.PersonSerializer))
class PersonViewSet(WritableMixin, ReadViewSet):
    """People; curators add and correct them (a reviewer, once a published record shows
    one). Their tenures are written at tenures/."""

    serializer_class = s.PersonSerializer
    filterset_class = filters.PersonFilter
    lookup_field = "slug"
    permission_classes = [ReadOrCurate]
    csv_columns = columns.PERSON
    input_class = PersonInput
    children = ("aliases",)
    api_names = {"slug": "id"}

    def get_queryset(self):
        return selectors.person_list().order_by("name", "slug")

    def create_record(self, **kwargs):
        return actors.person_create(**kwargs)

    def update_record(self, record, **kwargs):
        return actors.person_update(person=record, **kwargs)
