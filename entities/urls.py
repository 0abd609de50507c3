from django.urls import path

from entities import views

app_name = "entities"
urlpatterns = [
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person_detail"),
    path(
        "organisations/<slug:slug>/",
        views.OrganisationDetailView.as_view(),
        name="organisation_detail",
    ),
    path("events/<slug:slug>/", views.EventDetailView.as_view(), name="event_detail"),
]
