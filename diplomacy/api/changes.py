"""``/api/v1/changes/``: what was created, changed or retracted since a moment or release."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.reverse import reverse

from diplomacy.models import Change, Release
from diplomacy.selectors import changes_since
from diplomacy.services.changelog import FEED_TYPES

from .pagination import ChangesPagination
from .parameters import check_query_parameters


class ChangesQuery(serializers.Serializer):
    since = serializers.CharField(max_length=64)

    def validate_since(self, value: str) -> datetime.datetime:
        moment = parse_datetime(value) if "T" in value or " " in value else None
        if moment is None and (day := _date(value)) is not None:
            moment = datetime.datetime.combine(day, datetime.time.min)
        if moment is not None:
            return moment if timezone.is_aware(moment) else timezone.make_aware(
                moment, datetime.UTC)
        release = Release.objects.filter(version=value).first()
        if release is None:
            raise serializers.ValidationError(
                "Give an ISO 8601 timestamp (2026-01-27T12:00:00Z), a date (2026-01-27) "
                "or the version of a published release.")
        return release.released_at


def _date(value: str) -> datetime.date | None:
    try:
        return parse_date(value)
    except ValueError:  # well-formed but impossible, such as 2026-02-30
        return None


class ChangeSerializer(serializers.Serializer):
    id = serializers.CharField(source="record_id")
    url = serializers.SerializerMethodField()
    type = serializers.ChoiceField(
        source="record_type", choices=FEED_TYPES,
        help_text="event or agreement; or a source, person, organization, post or tenure "
                  "that a published record shows (these only change).")
    kind = serializers.CharField(source="record_kind",
                                 help_text="The event, agreement, source or organisation kind; "
                                           "blank for people, posts and tenures.")
    change = serializers.ChoiceField(choices=["created", "changed", "retracted"],
                                     help_text="created: first published; changed: edited "
                                               "while published; retracted: withdrawn.")
    reason = serializers.CharField(allow_blank=True,
                                   help_text="For a retraction, the reviewer's reason; for "
                                             "an import, the release it came from.")
    at = serializers.DateTimeField()

    def get_url(self, change: Change) -> str:
        return reverse(f"api:{change.record_type}-detail", kwargs={"id": change.record_id},
                       request=self.context.get("request"))


class ChangesViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Public changes since a moment, oldest first, for incremental syncing.

    Built on the curation history: drafts never appear. Page through with ``next``;
    remember the last ``at`` you saw and pass it as ``since`` next time.
    """

    serializer_class = ChangeSerializer
    pagination_class = ChangesPagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no query
            return Release.objects.none()
        check_query_parameters(self.request.query_params,
                               known={"since", "cursor", "page_size", "format"})
        query = ChangesQuery(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return changes_since(since=query.validated_data["since"])

    @extend_schema(parameters=[OpenApiParameter(
        "since", str, required=True,
        description="An ISO 8601 timestamp, a date, or a release version.")])
    def list(self, request, *args, **kwargs):
        ids = self.paginator.paginate_queryset(self.get_queryset(), request, view=self)
        entries = Change.objects.in_bulk(ids)
        rows = self.get_serializer([entries[pk] for pk in ids], many=True).data
        return self.paginator.get_paginated_response(rows)
