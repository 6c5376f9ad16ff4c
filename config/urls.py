from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

admin.site.site_header = "Diplomatic relations event log"
admin.site.site_title = "Event log curation"
admin.site.index_title = "Curate events, statements, agreements and sources"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("diplomacy.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
]
