"""Conditional requests: the ETag a record is read with, the If-Match it is written with.

Every detail response carries the record's version as a strong ETag (``"7"``).
``PUT``, ``PATCH`` and the workflow actions (publish, retract) require If-Match with
the ETag the client read: without it the answer is 428 Precondition Required, and
when the record changed since, 412 Precondition Failed with the current ETag, so a
client never silently overwrites someone else's change. ``If-Match: *`` says "any
version" on purpose.
"""

from __future__ import annotations

import re

from drf_spectacular.utils import OpenApiParameter
from rest_framework import status
from rest_framework.exceptions import APIException

_ETAG = re.compile(r'^"(\d{1,9})"$')

IF_MATCH_PARAMETER = OpenApiParameter(
    "If-Match", str, OpenApiParameter.HEADER, required=True,
    description='The ETag of the version you edited, e.g. "7" (from GET). "*" for any.')


class PreconditionRequired(APIException):
    status_code = 428
    default_detail = ("Send If-Match with the ETag of the version you edited (GET the record "
                      "first), so a change made meanwhile is not overwritten.")
    default_code = "precondition_required"


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "precondition_failed"

    def __init__(self, *, current: int, expected: int | None = None) -> None:
        sent = f' (If-Match "{expected}")' if expected is not None else ""
        super().__init__(f"The record changed since the version you sent{sent}: it is now "
                         f'"{current}". GET it again and reapply your change.')
        self.current = current


def etag(version: int) -> str:
    return f'"{version}"'


def expected_version(request) -> int | None:
    """The version the client says it edited; None for ``*`` (any)."""
    raw = request.headers.get("If-Match")
    if raw is None or not raw.strip():
        raise PreconditionRequired()
    raw = raw.strip()
    if raw == "*":
        return None
    match = _ETAG.match(raw)
    if match is None:  # a weak or malformed tag never matches (RFC 9110: strong comparison)
        raise MalformedIfMatch()
    return int(match.group(1))


class MalformedIfMatch(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = ('If-Match must be the strong ETag a GET gave, e.g. "7"; weak or '
                      "malformed tags never match.")
    default_code = "precondition_failed"
