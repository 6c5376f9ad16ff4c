"""Posts and tenures (who held which office when; curators write them), and the coding
vocabularies (topics, CAMEO codes) a client needs to discover the values filters take."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view

from diplomacy import selectors
from diplomacy.models import CameoCode, Topic
from diplomacy.services import offices

from .. import columns, filters
from .. import serializers as s
from ..permissions import ReadOrCurate
from ..write_serializers import PostInput, TenureInput
from .base import CSV_PARAMETER, ReadViewSet, WritableMixin, _write_schema


@extend_schema_view(list=extend_schema(parameters=[CSV_PARAMETER]),
                    **_write_schema(PostInput, s.PostSerializer))
class PostViewSet(WritableMixin, ReadViewSet):
    serializer_class = s.PostSerializer
    filterset_class = filters.PostFilter
    lookup_field = "slug"
    permission_classes = [ReadOrCurate]
    csv_columns = columns.POST
    input_class = PostInput
    api_names = {"slug": "id"}

    def get_queryset(self):
        return selectors.post_list().order_by("country_id", "label", "slug")

    def create_record(self, **kwargs):
        return offices.post_create(**kwargs)

    def update_record(self, record, **kwargs):
        return offices.post_update(post=record, **kwargs)


@extend_schema_view(list=extend_schema(parameters=[CSV_PARAMETER]),
                    **_write_schema(TenureInput, s.TenureDetailSerializer))
class TenureViewSet(WritableMixin, ReadViewSet):
    serializer_class = s.TenureDetailSerializer
    filterset_class = filters.TenureFilter
    lookup_field = "uid"
    permission_classes = [ReadOrCurate]
    csv_columns = columns.TENURE
    input_class = TenureInput

    def get_queryset(self):
        return selectors.tenure_list().order_by("post__slug", "start_date", "uid")

    def create_record(self, **kwargs):
        return offices.tenure_create(**kwargs)

    def update_record(self, record, **kwargs):
        return offices.tenure_update(tenure=record, **kwargs)


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
