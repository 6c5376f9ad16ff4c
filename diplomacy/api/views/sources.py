"""Sources: the documents claims rest on."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view

from diplomacy import selectors
from diplomacy.services import sources

from .. import columns, filters
from .. import serializers as s
from ..permissions import ReadOrCurate
from ..write_serializers import SourceInput
from .base import CSV_PARAMETER, ReadViewSet, WritableMixin, _write_schema


@extend_schema_view(list=extend_schema(parameters=[CSV_PARAMETER]),
                    **_write_schema(SourceInput, s.SourceSerializer))
class SourceViewSet(WritableMixin, ReadViewSet):
    """Documents claims rest on; curators add and correct them."""

    serializer_class = s.SourceSerializer
    filterset_class = filters.SourceFilter
    lookup_field = "uid"
    permission_classes = [ReadOrCurate]
    csv_columns = columns.SOURCE
    input_class = SourceInput
    api_names = {"url": "link"}

    def get_queryset(self):
        return selectors.source_list().order_by("uid")

    def create_record(self, **kwargs):
        return sources.source_create(**kwargs)

    def update_record(self, record, **kwargs):
        return sources.source_update(source=record, **kwargs)
