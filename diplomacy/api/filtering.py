"""django-filter's DRF backend, with errors that echo input safely.

django-filter formats each error message with ``message % params``; a message
that already holds the user's value (``Unknown id(s): a%d``) then fails with a
TypeError — a 500 from one anonymous request. Django's own ValidationError
formats messages only when they carry params, so the errors are read through it.

The backend also hands the view the timeline when nothing else narrows the list
(``plain_timeline``: see EventFilter), from which counts may read cheaper rows.
"""

from __future__ import annotations

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError


class FilterBackend(DjangoFilterBackend):
    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        if not filterset.is_valid():
            raise ValidationError({
                name: [message for error in errors.as_data() for message in error.messages]
                for name, errors in filterset.errors.items()
            })
        filtered = filterset.qs
        view.plain_timeline = getattr(filterset, "plain_timeline", None)
        return filtered
