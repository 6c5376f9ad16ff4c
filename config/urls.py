from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

admin.site.site_header = "Diplomatic relations event log"
admin.site.site_title = "Event log curation"
admin.site.index_title = "Curate events, statements, agreements and sources"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("diplomacy.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="docs"),
    # Pages for people, over the same selectors as the API (diplomacy/pages/).
    path("", include("diplomacy.pages.urls")),
]

# Outside DRF's views, errors under /api/ are JSON too (diplomacy/api/errors.py).
handler400 = "diplomacy.api.errors.bad_request"
handler403 = "diplomacy.api.errors.permission_denied"
handler404 = "diplomacy.api.errors.page_not_found"
handler500 = "diplomacy.api.errors.server_error"
