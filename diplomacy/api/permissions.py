from __future__ import annotations

from rest_framework.permissions import SAFE_METHODS, BasePermission

from diplomacy import selectors


class ReadOrCurate(BasePermission):
    """Anyone reads (what they may see is decided by the queryset); curators write."""

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return selectors.is_curator(user=request.user)
