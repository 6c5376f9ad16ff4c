from django.urls import include, path
from rest_framework.routers import DefaultRouter

from . import views
from .changes import ChangesView

app_name = "api"

router = DefaultRouter()
router.register("countries", views.CountryViewSet, basename="country")
router.register("organizations", views.OrganisationViewSet, basename="organization")
router.register("people", views.PersonViewSet, basename="person")
router.register("events", views.EventViewSet, basename="event")
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("statements", views.StatementViewSet, basename="statement")
router.register("incidents", views.IncidentViewSet, basename="incident")
router.register("agreements", views.AgreementViewSet, basename="agreement")
router.register("sources", views.SourceViewSet, basename="source")

urlpatterns = [
    path("changes/", ChangesView.as_view(), name="changes"),
    path("", include(router.urls)),
]
