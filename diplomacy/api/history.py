"""``events/{id}/history/`` and ``agreements/{id}/history/`` (and the kind routes'): the
versions of one record a reader may see, newest first (selectors.record_history).

Who made a change is shown to curators by username. Everyone else reads
"curation team" for a person, so public pages never list the accounts that can sign
in to the admin; "import" and "system" name changes no person made. Emails never show.
"""

from __future__ import annotations

import base64
import binascii
import json

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from diplomacy import selectors
from diplomacy.selectors.history import ChangeKind

from .pagination import Pagination
from .parameters import check_query_parameters

# How a person's change is shown to readers who are not curators.
PUBLIC_PERSON = "curation team"


class HistoryEntrySerializer(serializers.Serializer):
    version = serializers.IntegerField(help_text="The record's version after this change "
                                                 "(its ETag then).")
    at = serializers.DateTimeField(help_text="When the change was made.")
    by = serializers.CharField(help_text='Who made it: for curators a username; for '
                                         f'everyone else "{PUBLIC_PERSON}". "import" for a '
                                         'release import, "system" for other automated '
                                         "changes.")
    change = serializers.ChoiceField(
        choices=ChangeKind.values,
        help_text="created: the first version (a draft; curators only); published: first "
                  "published or published again; changed: edited; retracted: withdrawn, "
                  "see reason.")
    status = serializers.ChoiceField(choices=["draft", "published", "retracted"],
                                     help_text="The record's curation status after it.")
    fields = serializers.ListField(
        child=serializers.CharField(),
        help_text="What changed since the previous version shown: field names as the write "
                  "bodies name them, and each list (participants, citations, relations, "
                  "parties, exchanges, topics…) once when its content changed.")
    reason = serializers.CharField(allow_blank=True,
                                   help_text="For a retraction, the reviewer's reason.")


class HistoryPageSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="Versions shown in all.")
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = HistoryEntrySerializer(many=True)


CURSOR_PARAMETER = OpenApiParameter("cursor", str, description="Where a page starts: take it "
                                                               "from next or previous.")
PAGE_SIZE_PARAMETER = OpenApiParameter(
    "page_size", int, description=f"Versions per page (at most {Pagination.max_page_size}).")


class HistoryMixin:
    """Adds ``{id}/history/`` to a curated record's viewset: the same visibility as
    its detail (404 for a record the reader cannot see)."""

    @extend_schema(parameters=[CURSOR_PARAMETER, PAGE_SIZE_PARAMETER],
                   responses={200: HistoryPageSerializer}, filters=False)
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def history(self, request, *args, **kwargs):
        """The versions of this record you may see, newest first: when, who, the kind of
        change and what changed. Readers see the published versions only."""
        check_query_parameters(request.query_params, known={"cursor", "page_size"})
        size = Pagination().get_page_size(request)
        cursor = _cursor(request)
        record = self.get_object()
        drafts = selectors.is_curator(user=request.user)
        entries = selectors.record_history(record, drafts=drafts)
        page, has_next, has_previous = _page(entries, cursor, size)
        return Response({
            "count": len(entries),
            "next": _link(request, "n", page[-1].key) if has_next else None,
            "previous": _link(request, "p", page[0].key) if has_previous else None,
            "results": [_shown(entry, drafts=drafts) for entry in page],
        })


def _shown(entry: selectors.HistoryEntry, *, drafts: bool) -> dict:
    return {"version": entry.version,
            "at": serializers.DateTimeField().to_representation(entry.at),
            "by": _by(entry, drafts=drafts), "change": entry.change, "status": entry.status,
            "fields": entry.fields, "reason": entry.reason}


def _by(entry: selectors.HistoryEntry, *, drafts: bool) -> str:
    if entry.username is None:
        return entry.process
    return entry.username if drafts else PUBLIC_PERSON


def _page(entries: list, cursor: tuple[str, int] | None, size: int) -> tuple[list, bool, bool]:
    """The page after (``n``) or before (``p``) the entry keyed by the cursor; entries are
    newest first, so their keys decrease."""
    if cursor is None:
        return entries[:size], len(entries) > size, False
    direction, key = cursor
    if direction == "n":
        rest = [entry for entry in entries if entry.key < key]
        return rest[:size], len(rest) > size, True
    before = [entry for entry in entries if entry.key > key]
    return before[-size:], True, len(before) > size


def _link(request, direction: str, key: int) -> str:
    token = json.dumps({"d": direction, "k": key}, separators=(",", ":")).encode()
    return replace_query_param(request.build_absolute_uri(), "cursor",
                               base64.urlsafe_b64encode(token).decode().rstrip("="))


def _cursor(request) -> tuple[str, int] | None:
    raw = request.query_params.get("cursor")
    if raw is None:
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
        direction, key = data["d"], data["k"]
        if direction not in ("n", "p") or type(key) is not int:
            raise ValueError(data)
    except (ValueError, TypeError, KeyError, binascii.Error, UnicodeDecodeError) as exc:
        raise ValidationError({"cursor": ["Not a cursor this API gave; follow next or "
                                          "previous."]}) from exc
    return direction, key
