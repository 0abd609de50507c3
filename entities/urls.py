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
    path("people/", views.PersonListView.as_view(), name="person_list"),
    path("organisations/", views.OrganisationListView.as_view(), name="organisation_list"),
    path("events/", views.EventListView.as_view(), name="event_list"),
]
