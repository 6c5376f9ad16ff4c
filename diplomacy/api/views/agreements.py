"""Agreements: curated like events, written with their parties and exchanges."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action

from diplomacy import selectors
from diplomacy.services import agreements, curation

from .. import columns, filters
from .. import serializers as s
from ..history import HistoryMixin
from ..versions import IF_MATCH_PARAMETER, expected_version
from ..write_serializers import AgreementInput
from .base import CSV_PARAMETER, CuratedViewSet, RetractionInput, WritableMixin, _write_schema


@extend_schema_view(list=extend_schema(parameters=[CSV_PARAMETER]),
                    **_write_schema(AgreementInput, s.AgreementSerializer))
class AgreementViewSet(HistoryMixin, WritableMixin, CuratedViewSet):
    serializer_class = s.AgreementSerializer
    filterset_class = filters.AgreementFilter
    csv_columns = columns.AGREEMENT
    input_class = AgreementInput
    children = ("parties", "exchanges", "citations")

    def get_queryset(self):
        return selectors.agreement_list(statuses=self.statuses())

    def create_record(self, **kwargs):
        return agreements.agreement_create(**kwargs)

    def update_record(self, record, **kwargs):
        return agreements.agreement_update(agreement=record, **kwargs)

    @extend_schema(request=None, responses={200: s.AgreementSerializer},
                   parameters=[IF_MATCH_PARAMETER])
    @action(detail=True, methods=["post"])
    def publish(self, request, *args, **kwargs):
        record = self.get_object()
        expected = expected_version(request)
        agreement = curation.agreement_publish(agreement=record, actor=request.user,
                                               expected_version=expected)
        return self._show(agreement, status.HTTP_200_OK)

    @extend_schema(request=RetractionInput, responses={200: s.AgreementSerializer},
                   parameters=[IF_MATCH_PARAMETER])
    @action(detail=True, methods=["post"])
    def retract(self, request, *args, **kwargs):
        record = self.get_object()
        expected = expected_version(request)
        serializer = RetractionInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        agreement = curation.agreement_retract(agreement=record, actor=request.user,
                                               reason=serializer.validated_data["reason"],
                                               expected_version=expected)
        return self._show(agreement, status.HTTP_200_OK)


