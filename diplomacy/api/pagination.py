from __future__ import annotations

from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """Pages with ``results``, ``next`` and ``previous``; ``page_size`` capped at 500.

    An unusable page size is refused with a 400 naming it rather than silently
    replaced: a researcher asking for a million rows should learn of the cap. So is
    a page that is not a whole number or lies past the last page (``page`` names
    it), rather than DRF's 404, which reads as "no such endpoint".
    """

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        # isascii: str.isdigit() also accepts '²' and other digits int() refuses.
        if not (raw.isascii() and raw.isdigit()) or int(raw) < 1:
            raise ValidationError({"page_size": ["Must be a whole number from 1 to "
                                                 f"{self.max_page_size}."]})
        if int(raw) > self.max_page_size:
            raise ValidationError({"page_size": [f"At most {self.max_page_size} per page; "
                                                 "use next to page through, or format=csv "
                                                 "for everything."]})
        return int(raw)

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound as exc:
            raise ValidationError({self.page_query_param: [
                "Must be a whole number from 1 to the last page (see count and next)."]},
            ) from exc
