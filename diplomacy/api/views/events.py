"""The timeline: events/ (and its meetings/, statements/, incidents/ views of one kind).

Lists are keyset pages over ``selectors.events_timeline`` (an index range scan on a
derived table when a country or dyad is asked for), and every representation is
built from plain rows (``event_rows``): a constant number of queries per page or per
exported chunk, whatever its size.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from diplomacy import selectors
from diplomacy.models import EventKind
from diplomacy.selectors.counts import TooManyGroups
from diplomacy.services import curation, events, interop

from .. import columns, counts, filters
from .. import serializers as s
from ..csv import stream_csv_rows
from ..event_rows import event_facts, representations
from ..history import HistoryMixin
from ..interop import IcewsRenderer, PloverRenderer, stream_icews, stream_plover
from ..pagination import KeysetPagination, keyset_chunks
from ..parameters import check_query_parameters
from ..versions import IF_MATCH_PARAMETER, expected_version
from ..write_serializers import EventInput
from .base import (
    CuratedViewSet,
    ReadViewSet,
    RetractionInput,
    WritableMixin,
    _write_schema,
    with_etag,
)

EVENT_FORMAT_PARAMETER = OpenApiParameter(
    "format", str, enum=["json", "csv", "plover", "icews"],
    description="csv streams every matching row with flat columns; plover streams "
                "PLOVER-style JSON lines; icews streams a dyadic tab-separated table in "
                "the ICEWS manner (one row per source → target pair). None is paginated; "
                "X-Row-Count says how many rows the body holds.",
)
KIND_FORMAT_PARAMETER = OpenApiParameter(
    "format", str, enum=["json", "csv"],
    description="csv streams every matching row (no pagination) with flat columns; "
                "X-Row-Count says how many rows the body holds.",
)
EXPORT_CHUNK = 2000


class TimelineViewSet(HistoryMixin, CuratedViewSet):
    """Events of every kind (``kind`` = "") or of one kind, each with its history."""

    kind = ""
    route = "event"  # the detail route rows link to
    filterset_class = filters.EventFilter
    pagination_class = KeysetPagination
    csv_columns = columns.EVENT
    list_parameters = frozenset({"cursor", "page_size", "format"})

    def get_queryset(self):
        return selectors.visible_events(statuses=self.statuses(), kind=self.kind or None)

    def list(self, request, *args, **kwargs):
        self.check_list_parameters(request)
        queryset = self.filter_queryset(self.get_queryset())
        if request.accepted_renderer.format == "csv":
            return stream_csv_rows(self._fact_chunks(queryset), self.csv_columns,
                                   self.basename, row_count=self._row_count(queryset))
        ids = self.paginator.paginate_queryset(queryset, request, view=self)
        return self.paginator.get_paginated_response(self._shown(ids))

    def retrieve(self, request, *args, **kwargs):
        check_query_parameters(request.query_params, known={"format"})
        event = self.get_object()
        return with_etag(Response(self._shown([event.pk])[0]), event)

    @property
    def count_rows(self):
        """The derived rows a count may read instead of the events (what KeysetPagination
        counts): when nothing but a dyad's or a country's timeline narrows the list."""
        return selectors.timeline_rows(getattr(self, "plain_timeline", None))

    def _row_count(self, queryset) -> int:
        """How many rows an export holds, counted as a page counts them."""
        rows = self.count_rows
        return (rows if rows is not None else queryset).count()

    def _shown(self, ids: list[int]) -> list[dict]:
        return representations(ids, statuses=self.statuses(), route=self.route,
                               request=self.request)

    def _fact_chunks(self, queryset):
        statuses = self.statuses()
        for ids in keyset_chunks(queryset, size=EXPORT_CHUNK):
            yield event_facts(ids, statuses=statuses)


@extend_schema_view(list=extend_schema(parameters=[EVENT_FORMAT_PARAMETER]),
                    **_write_schema(EventInput, s.EventSerializer))
class EventViewSet(WritableMixin, TimelineViewSet):
    """The whole timeline; curators also create and edit drafts here."""

    renderer_classes = [*ReadViewSet.renderer_classes, PloverRenderer, IcewsRenderer]
    serializer_class = s.EventSerializer
    input_class = EventInput
    children = ("participants", "citations", "relations")

    def list(self, request, *args, **kwargs):
        stream = {"plover": stream_plover, "icews": stream_icews}.get(
            request.accepted_renderer.format)
        if stream is None:
            return super().list(request, *args, **kwargs)
        self.check_list_parameters(request)
        queryset = self.filter_queryset(self.get_queryset())
        return stream(self._event_chunks(queryset), event_count=self._row_count(queryset))

    def _event_chunks(self, queryset):
        """What the interop shapes read of the events, a chunk at a time, in order."""
        for ids in keyset_chunks(queryset, size=EXPORT_CHUNK):
            yield interop.interop_facts(ids)

    def create_record(self, **kwargs):
        return events.event_create(**kwargs)

    def update_record(self, record, **kwargs):
        return events.event_update(event=record, **kwargs)

    def _show(self, record, code: int) -> Response:
        return with_etag(Response(self._shown([record.pk])[0], status=code), record)

    @extend_schema(parameters=[counts.BY_PARAMETER, counts.FORMAT_PARAMETER],
                   responses={200: counts.CountsSerializer})
    @action(detail=False, methods=["get"], url_path="counts", filterset_class=filters.EventFilter,
            pagination_class=None)
    def counts(self, request, *args, **kwargs):
        """Events per period and pair: counts and Goldstein intensity (sum, mean), with
        every events/ filter (see selectors/counts.py for honest precision)."""
        check_query_parameters(
            request.query_params, known={"by", "format", *self.filterset_class.base_filters},
            repeatable=())
        by = counts.parse_by(request.query_params.get("by", ""))
        events = self.filter_queryset(self.get_queryset())
        try:
            rows = selectors.event_counts(events, period=by.period, dimensions=by.dimensions,
                                          timeline=getattr(self, "plain_timeline", None),
                                          max_groups=counts.MAX_GROUPS)
        except TooManyGroups as exc:
            raise ValidationError({"by": [
                f"This breakdown has more than {counts.MAX_GROUPS:,} groups: narrow it (a "
                "date range, a country or a dyad) or choose a coarser period."]}) from exc
        return counts.respond(request, by=by, rows=rows)

    @extend_schema(request=None, responses={200: s.EventSerializer},
                   parameters=[IF_MATCH_PARAMETER])
    @action(detail=True, methods=["post"])
    def publish(self, request, *args, **kwargs):
        record = self.get_object()
        event = curation.event_publish(event=record, actor=request.user,
                                       expected_version=expected_version(request))
        return self._show(event, status.HTTP_200_OK)

    @extend_schema(request=RetractionInput, responses={200: s.EventSerializer},
                   parameters=[IF_MATCH_PARAMETER])
    @action(detail=True, methods=["post"])
    def retract(self, request, *args, **kwargs):
        record = self.get_object()
        expected = expected_version(request)
        serializer = RetractionInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        event = curation.event_retract(event=record, actor=request.user,
                                       reason=serializer.validated_data["reason"],
                                       expected_version=expected)
        return self._show(event, status.HTTP_200_OK)


@extend_schema_view(list=extend_schema(parameters=[KIND_FORMAT_PARAMETER]))
class MeetingViewSet(TimelineViewSet):
    kind = route = EventKind.MEETING
    serializer_class = s.MeetingSerializer
    filterset_class = filters.MeetingFilter


@extend_schema_view(list=extend_schema(parameters=[KIND_FORMAT_PARAMETER]))
class IncidentViewSet(TimelineViewSet):
    kind = route = EventKind.INCIDENT
    serializer_class = s.IncidentSerializer
    filterset_class = filters.IncidentFilter


@extend_schema_view(list=extend_schema(parameters=[KIND_FORMAT_PARAMETER]))
class StatementViewSet(TimelineViewSet):
    kind = route = EventKind.STATEMENT
    serializer_class = s.StatementSerializer
    filterset_class = filters.StatementFilter
    csv_columns = columns.STATEMENT
