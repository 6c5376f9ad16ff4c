"""What every API view shares: lists and details by public id, JSON or streamed CSV,
strict parameters, JSON errors, curated visibility, and curators' writes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import ValidationError as ModelValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response

from diplomacy import selectors

from ..csv import CSVRenderer, stream_csv
from ..parameters import check_query_parameters
from ..permissions import ReadOrCurate
from ..versions import IF_MATCH_PARAMETER, etag, expected_version
from ..write_serializers import StrictInput

CSV_PARAMETER = OpenApiParameter(
    "format", str, enum=["json", "csv"],
    description="csv streams every matching row (no pagination) with flat columns.",
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
        if self.action not in ("list", "counts", None):
            return [renderer() for renderer in (JSONRenderer, *BROWSABLE)]
        return super().get_renderers()

    def retrieve(self, request, *args, **kwargs):
        check_query_parameters(request.query_params, known={"format"})
        record = self.get_object()
        return with_etag(Response(self.get_serializer(record).data), record)

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
    # Model fields the input names otherwise (slug → id): errors a service raises on
    # them are shown under the name the client sent.
    api_names: dict[str, str] = {}

    def get_serializer_class(self):
        return self.input_class if self.action in WRITE_ACTIONS else self.serializer_class

    def create(self, request, *args, **kwargs):
        data = self._input(partial=False)
        with self._named_as_sent():
            record = self.create_record(actor=request.user, **data)
        return self._show(record, status.HTTP_201_CREATED)

    def update(self, request, *args, partial=False, **kwargs):
        """PUT replaces the record's client-owned fields, PATCH only those sent; both need
        If-Match (versions.py), and the service writes under a row lock."""
        record = self.get_object()
        expected = expected_version(request)
        data = self._input(partial=partial)
        with self._named_as_sent():
            record = self.update_record(record, actor=request.user, expected_version=expected,
                                        **data)
        return self._show(record, status.HTTP_200_OK)

    @contextmanager
    def _named_as_sent(self) -> Iterator[None]:
        try:
            yield
        except ModelValidationError as exc:
            if not (self.api_names and hasattr(exc, "error_dict")):
                raise
            raise ModelValidationError({self.api_names.get(name, name): errors
                                        for name, errors in exc.error_dict.items()}) from exc

    def _input(self, *, partial: bool) -> dict:
        serializer = self.input_class(data=self.request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        return {"fields": data, **{name: data.pop(name, None) for name in self.children}}

    def _show(self, record, code: int) -> Response:
        fresh = get_object_or_404(self.get_queryset(), pk=record.pk)
        body = self.serializer_class(fresh, context=self.get_serializer_context()).data
        return with_etag(Response(body, status=code), fresh)


def with_etag(response: Response, record) -> Response:
    """The record's version as the response's ETag (records without one have none)."""
    if hasattr(record, "version"):
        response["ETag"] = etag(record.version)
    return response


def _write_schema(input_class, output_class) -> dict:
    schemas = {"create": extend_schema(request=input_class, responses={201: output_class})}
    for action in ("update", "partial_update"):
        schemas[action] = extend_schema(request=input_class, responses={200: output_class},
                                        parameters=[IF_MATCH_PARAMETER])
    return schemas


