from django.contrib import admin
from django.urls import path

admin.site.site_header = "Diplomatic relations event log"
admin.site.site_title = "Event log curation"
admin.site.index_title = "Curate events, statements, agreements and sources"

urlpatterns = [
    path("admin/", admin.site.urls),
]
