from django.urls import include, path
from rest_framework.routers import DefaultRouter

from . import views
from .changes import ChangesViewSet

app_name = "api"

router = DefaultRouter()
# No /events.csv or /events.api: formats are chosen with ?format=, and only there.
router.include_format_suffixes = False
router.register("countries", views.CountryViewSet, basename="country")
router.register("organizations", views.OrganisationViewSet, basename="organization")
router.register("people", views.PersonViewSet, basename="person")
router.register("posts", views.PostViewSet, basename="post")
router.register("tenures", views.TenureViewSet, basename="tenure")
router.register("events", views.EventViewSet, basename="event")
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("statements", views.StatementViewSet, basename="statement")
router.register("incidents", views.IncidentViewSet, basename="incident")
router.register("agreements", views.AgreementViewSet, basename="agreement")
router.register("sources", views.SourceViewSet, basename="source")
router.register("topics", views.TopicViewSet, basename="topic")
router.register("cameo-codes", views.CameoCodeViewSet, basename="cameo-code")
router.register("changes", ChangesViewSet, basename="changes")

urlpatterns = [
    path("", include(router.urls)),
]
