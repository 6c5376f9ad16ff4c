from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from diplomacy.models.common import rule_broken
from diplomacy.services.errors import StaleVersion

from .middleware import database_unavailable, is_unavailable
from .versions import PreconditionFailed, etag


def exception_handler(exc, context) -> Response | None:
    """DRF's handler, plus the errors a service or the database raises on bad input.

    Services validate before writing, so these are a safety net: a constraint the
    database catches still becomes a 4xx with a JSON body, never a 500.
    """
    if isinstance(exc, StaleVersion):
        response = drf_exception_handler(
            PreconditionFailed(current=exc.current, expected=exc.expected), context)
        response["ETag"] = etag(exc.current)
        return response
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors":
                                                                          exc.messages}
        exc = ValidationError(detail)
    elif isinstance(exc, IntegrityError):
        # The failed statement spoils the request's transaction: roll it back, as DRF does.
        set_rollback()
        return integrity_error_response(exc)
    elif is_unavailable(exc):
        return database_unavailable(context["request"])
    elif isinstance(exc, DataError):
        set_rollback()
        return Response({"non_field_errors": ["A value is not acceptable to the database."]},
                        status=status.HTTP_400_BAD_REQUEST)
    return drf_exception_handler(exc, context)


# Model fields the write inputs name differently.
API_NAMES = {"url": "link", "from_country": "from", "to_country": "to"}


def integrity_error_response(exc: IntegrityError) -> Response:
    """A rule the database enforced after validation passed (a concurrent write got there
    first): the field and the rule in plain words, as validation would have said it.
    A duplicate is a 409 (the other write exists), any other rule a 400."""
    broken = rule_broken(str(exc))
    if broken is None:
        return Response({"non_field_errors": ["The change conflicts with an existing record "
                                              "or breaks a rule of the data model."]},
                        status=status.HTTP_409_CONFLICT)
    field, message, duplicate = broken
    name = API_NAMES.get(field, field) if field != "__all__" else "non_field_errors"
    return Response({name: [message]}, status=status.HTTP_409_CONFLICT if duplicate
                    else status.HTTP_400_BAD_REQUEST)
