"""Request budgets: anonymous callers by address, signed-in users by account, and a
tighter one for full exports (a whole list as CSV, PLOVER or ICEWS), which stream
every matching row and cost far more than a page.

Rates come from ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` (settings read them
from THROTTLE_ANON, THROTTLE_USER and THROTTLE_EXPORT), read at each request so
they can be changed without reloading the classes.
"""

from __future__ import annotations

from rest_framework import throttling
from rest_framework.settings import api_settings

# Formats that stream a whole list rather than one page.
EXPORT_FORMATS = frozenset({"csv", "plover", "icews"})


class _LiveRate:
    scope: str

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonThrottle(_LiveRate, throttling.AnonRateThrottle):
    pass


class UserThrottle(_LiveRate, throttling.UserRateThrottle):
    pass


class ExportThrottle(_LiveRate, throttling.SimpleRateThrottle):
    """Counts only full exports, per user when signed in, else per address."""

    scope = "export"

    def allow_request(self, request, view) -> bool:
        renderer = getattr(request, "accepted_renderer", None)
        if getattr(view, "action", None) != "list" or getattr(renderer, "format", None) \
                not in EXPORT_FORMATS:
            return True
        return super().allow_request(request, view)

    def get_cache_key(self, request, view) -> str:
        ident = request.user.pk if request.user and request.user.is_authenticated \
            else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}
