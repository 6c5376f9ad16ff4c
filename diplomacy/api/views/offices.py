"""Posts and tenures (who held which office when), and the coding vocabularies
(topics, CAMEO codes) a client needs to discover the values filters take."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view

from diplomacy import selectors
from diplomacy.models import CameoCode, Topic

from .. import columns, filters
from .. import serializers as s
from .base import CSV_PARAMETER, ReadViewSet


@extend_schema_view(list=extend_schema(parameters=[CSV_PARAMETER]))
class PostViewSet(ReadViewSet):
    serializer_class = s.PostSerializer
    filterset_class = filters.PostFilter
    lookup_field = "slug"
    csv_columns = columns.POST

    def get_queryset(self):
        return selectors.post_list().order_by("country_id", "label", "slug")


@extend_schema_view(list=extend_schema(parameters=[CSV_PARAMETER]))
class TenureViewSet(ReadViewSet):
    serializer_class = s.TenureDetailSerializer
    filterset_class = filters.TenureFilter
    lookup_field = "uid"
    csv_columns = columns.TENURE

    def get_queryset(self):
        return selectors.tenure_list().order_by("post__slug", "start_date", "uid")


@extend_schema_view(list=extend_schema(parameters=[CSV_PARAMETER]))
class TopicViewSet(ReadViewSet):
    queryset = Topic.objects.order_by("slug")
    serializer_class = s.TopicSerializer
    filterset_class = filters.TopicFilter
    lookup_field = "slug"
    csv_columns = columns.TOPIC


@extend_schema_view(list=extend_schema(parameters=[CSV_PARAMETER]))
class CameoCodeViewSet(ReadViewSet):
    queryset = CameoCode.objects.order_by("code")
    serializer_class = s.CameoCodeSerializer
    filterset_class = filters.CameoCodeFilter
    lookup_field = "code"
    csv_columns = columns.CAMEO_CODE
