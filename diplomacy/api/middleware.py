"""A database that is down or never answers is a JSON 503, not an HTML 500."""

from __future__ import annotations

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse

RETRY_AFTER_SECONDS = 30


def is_unavailable(exc: Exception) -> bool:
    """A lost, refused or busy database — not a query this code got wrong (SQLite also
    reports "no such table" as an OperationalError: that stays a 500)."""
    if not isinstance(exc, OperationalError | InterfaceError):
        return False
    return "no such " not in str(exc) and "syntax error" not in str(exc)


def database_unavailable(request: HttpRequest) -> HttpResponse:
    body = {"detail": "The database is unavailable or did not answer in time; "
                      "try again shortly."}
    if request.path.startswith("/api/"):
        response = JsonResponse(body, status=503)
    else:
        response = HttpResponse(body["detail"], status=503, content_type="text/plain")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseUnavailableMiddleware:
    """Turns a lost or refused database connection into 503 with Retry-After.

    DRF's exception handler answers errors raised inside its views the same way; this
    catches the rest (the admin, the schema, a middleware reading the session).
    PostgreSQL's connect_timeout (settings) bounds how long finding out takes.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception
                          ) -> HttpResponse | None:
        if is_unavailable(exception):
            return database_unavailable(request)
        return None
