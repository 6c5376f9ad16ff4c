"""Content negotiation where an explicit ``?format=`` wins over the Accept header.

A script that always sends ``Accept: application/json`` and asks for
``?format=csv`` wants the CSV (DRF's default answers 406). An unknown format is a
400 naming the parameter, not a 404.
"""

from __future__ import annotations

from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation


class FormatFirstNegotiation(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        wanted = format_suffix or request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
        if wanted:
            for renderer in renderers:
                if renderer.format == wanted:
                    return renderer, renderer.media_type
            offered = sorted({renderer.format for renderer in renderers
                              if renderer.format != "api"})
            raise ValidationError({self.settings.URL_FORMAT_OVERRIDE: [
                f"Unknown format. This route gives: {', '.join(offered)}."]})
        return super().select_renderer(request, renderers, format_suffix)
