"""Thin views: parse the request, ask a selector or a service, render."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response

from diplomacy import selectors
from diplomacy.models import Country, EventKind
from diplomacy.services import agreements, curation, events, sources

from . import columns, filters
from . import serializers as s
from .csv import CSVRenderer, stream_csv
from .interop import IcewsRenderer, PloverRenderer, stream_icews, stream_plover
from .parameters import check_query_parameters
from .permissions import ReadOrCurate
from .write_serializers import AgreementInput, EventInput, SourceInput, StrictInput

CSV_PARAMETER = OpenApiParameter(
    "format", str, enum=["json", "csv"],
    description="csv streams every matching row (no pagination) with flat columns.",
)
EVENT_FORMAT_PARAMETER = OpenApiParameter(
    "format", str, enum=["json", "csv", "plover", "icews"],
    description="csv streams every matching row with flat columns; plover streams "
                "PLOVER-style JSON lines; icews streams a dyadic tab-separated table in "
                "the ICEWS manner (one row per source → target pair). None is paginated.",
)


# The browsable API is a development aid: in production the API speaks JSON and CSV.
BROWSABLE = [BrowsableAPIRenderer] if settings.DEBUG else []


class ReadViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Lists and details by public id, JSON or streamed CSV."""

    lookup_field = "pk"
    lookup_url_kwarg = "id"
    lookup_value_regex = "[^/]+"
    renderer_classes = [JSONRenderer, *BROWSABLE, CSVRenderer]
    csv_columns: list = []

    # Parameters every list takes besides its filters.
    list_parameters = frozenset({"page", "page_size", "format"})

    def list(self, request, *args, **kwargs):
        self.check_list_parameters(request)
        if request.accepted_renderer.format == "csv":
            queryset = self.filter_queryset(self.get_queryset())
            return stream_csv(queryset, self.csv_columns, self.basename)
        return super().list(request, *args, **kwargs)

    def get_renderers(self):
        # CSV, PLOVER and ICEWS stream lists; a record, a write and a workflow step
        # answer in JSON.
        # (No action: a method the route does not take, answered 405 after negotiation.)
        if self.action not in ("list", None):
            return [renderer() for renderer in (JSONRenderer, *BROWSABLE)]
        return super().get_renderers()

    def retrieve(self, request, *args, **kwargs):
        check_query_parameters(request.query_params, known={"format"})
        return super().retrieve(request, *args, **kwargs)

    def check_list_parameters(self, request) -> None:
        """A misspelt, blank or repeated parameter is a 400 naming it, never a silently
        unfiltered table (see parameters.py)."""
        check_query_parameters(
            request.query_params,
            known=self.list_parameters | set(self.filterset_class.base_filters),
            repeatable=getattr(self.filterset_class, "repeatable", ()),
        )

    def get_object(self):
        # No id holds a NUL byte, and PostgreSQL refuses one in a query: say so, naming it.
        if "\x00" in self.kwargs.get(self.lookup_url_kwarg, ""):
            raise ValidationError({self.lookup_url_kwarg: ["Null characters are not allowed."]})
        return super().get_object()

    def handle_exception(self, exc):
        # Errors are always JSON, even when CSV was asked for.
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)


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


class CuratedViewSet(ReadViewSet):
    """Curated claims: what a user sees depends on who they are."""

    lookup_field = "uid"
    permission_classes = [ReadOrCurate]

    def statuses(self) -> list[str]:
        return selectors.visible_statuses(user=self.request.user)


class RetractionInput(StrictInput):
    reason = serializers.CharField(max_length=2000,
                                   help_text="Why the record is withdrawn; shown publicly.")


WRITE_ACTIONS = ("create", "update", "partial_update")


class WritableMixin(mixins.CreateModelMixin, mixins.UpdateModelMixin):
    """Curators' writes: validate the input, hand it to a service, show the result.

    ``input_class`` lists only client-owned fields; ``children`` are the nested
    lists (participants, exchanges…) the service replaces as a whole.
    """

    input_class: type[serializers.Serializer]
    children: tuple[str, ...] = ()

    def get_serializer_class(self):
        return self.input_class if self.action in WRITE_ACTIONS else self.serializer_class

    def create(self, request, *args, **kwargs):
        record = self.create_record(actor=request.user, **self._input(partial=False))
        return self._show(record, status.HTTP_201_CREATED)

    def update(self, request, *args, partial=False, **kwargs):
        record = self.get_object()
        record = self.update_record(record, actor=request.user, **self._input(partial=partial))
        return self._show(record, status.HTTP_200_OK)

    def _input(self, *, partial: bool) -> dict:
        serializer = self.input_class(data=self.request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        return {"fields": data, **{name: data.pop(name, None) for name in self.children}}

    def _show(self, record, code: int) -> Response:
        fresh = get_object_or_404(self.get_queryset(), pk=record.pk)
        return Response(self.serializer_class(fresh, context=self.get_serializer_context()).data,
                        status=code)


def _write_schema(input_class, output_class) -> dict:
    return {action: extend_schema(request=input_class,
                                  responses={201 if action == "create" else 200: output_class})
            for action in WRITE_ACTIONS}


@extend_schema_view(list=extend_schema(parameters=[EVENT_FORMAT_PARAMETER]),
                    **_write_schema(EventInput, s.EventSerializer))
class EventViewSet(WritableMixin, CuratedViewSet):
    """The whole timeline; curators also create and edit drafts here."""

    renderer_classes = [*ReadViewSet.renderer_classes, PloverRenderer, IcewsRenderer]
    serializer_class = s.EventSerializer
    filterset_class = filters.EventFilter
    csv_columns = columns.EVENT
    input_class = EventInput
    children = ("participants", "citations")

    def get_queryset(self):
        return selectors.event_list(statuses=self.statuses())

    def list(self, request, *args, **kwargs):
        stream = {"plover": stream_plover, "icews": stream_icews}.get(
            request.accepted_renderer.format)
        if stream is not None:
            self.check_list_parameters(request)
            return stream(self.filter_queryset(self.get_queryset()))
        return super().list(request, *args, **kwargs)

    def create_record(self, **kwargs):
        return events.event_create(**kwargs)

    def update_record(self, record, **kwargs):
        return events.event_update(event=record, **kwargs)

    @extend_schema(request=None, responses={200: s.EventSerializer})
    @action(detail=True, methods=["post"])
    def publish(self, request, *args, **kwargs):
        event = curation.event_publish(event=self.get_object(), actor=request.user)
        return self._show(event, status.HTTP_200_OK)

    @extend_schema(request=RetractionInput, responses={200: s.EventSerializer})
    @action(detail=True, methods=["post"])
    def retract(self, request, *args, **kwargs):
        serializer = RetractionInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        event = curation.event_retract(event=self.get_object(), actor=request.user,
                                       reason=serializer.validated_data["reason"])
        return self._show(event, status.HTTP_200_OK)


@extend_schema_view(list=extend_schema(parameters=[CSV_PARAMETER]))
class MeetingViewSet(CuratedViewSet):
    serializer_class = s.MeetingSerializer
    filterset_class = filters.MeetingFilter
    csv_columns = columns.EVENT

    def get_queryset(self):
        return selectors.event_list(statuses=self.statuses(), kind=EventKind.MEETING)


@extend_schema_view(list=extend_schema(parameters=[CSV_PARAMETER]))
class IncidentViewSet(CuratedViewSet):
    serializer_class = s.IncidentSerializer
    filterset_class = filters.IncidentFilter
    csv_columns = columns.EVENT

    def get_queryset(self):
        return selectors.event_list(statuses=self.statuses(), kind=EventKind.INCIDENT)


@extend_schema_view(list=extend_schema(parameters=[CSV_PARAMETER]))
class StatementViewSet(CuratedViewSet):
    serializer_class = s.StatementSerializer
    filterset_class = filters.StatementFilter
    csv_columns = columns.STATEMENT

    def get_queryset(self):
        return selectors.event_list(statuses=self.statuses(), kind=EventKind.STATEMENT)


@extend_schema_view(list=extend_schema(parameters=[CSV_PARAMETER]),
                    **_write_schema(AgreementInput, s.AgreementSerializer))
class AgreementViewSet(WritableMixin, CuratedViewSet):
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

    @extend_schema(request=None, responses={200: s.AgreementSerializer})
    @action(detail=True, methods=["post"])
    def publish(self, request, *args, **kwargs):
        agreement = curation.agreement_publish(agreement=self.get_object(), actor=request.user)
        return self._show(agreement, status.HTTP_200_OK)

    @extend_schema(request=RetractionInput, responses={200: s.AgreementSerializer})
    @action(detail=True, methods=["post"])
    def retract(self, request, *args, **kwargs):
        serializer = RetractionInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        agreement = curation.agreement_retract(agreement=self.get_object(), actor=request.user,
                                               reason=serializer.validated_data["reason"])
        return self._show(agreement, status.HTTP_200_OK)


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

    def get_queryset(self):
        return selectors.source_list().order_by("uid")

    def create_record(self, **kwargs):
        return sources.source_create(**kwargs)

    def update_record(self, record, **kwargs):
        return sources.source_update(source=record, **kwargs)
