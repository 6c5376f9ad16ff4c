from django.urls import path, re_path

from . import views

app_name = "pages"

urlpatterns = [
    path("", views.explorer, name="explorer"),
    re_path(r"^countries/(?P<code>[A-Za-z]{3})/$", views.country, name="country"),
    re_path(r"^dyads/(?P<first>[A-Za-z]{3})-(?P<second>[A-Za-z]{3})/$", views.dyad,
            name="dyad"),
    path("network/", views.network, name="network"),
    path("events/<str:uid>/", views.event, name="event"),
    path("people/<str:slug>/", views.person, name="person"),
    path("organizations/<str:slug>/", views.organisation, name="organisation"),
    path("agreements/<str:uid>/", views.agreement, name="agreement"),
]
