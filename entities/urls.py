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
    path("events/<slug:slug>/calendar.ics", views.event_calendar, name="event_ical"),
    path("events/calendar.ics", views.events_calendar, name="events_ical"),
    path("series/<slug:slug>/", views.EventSeriesDetailView.as_view(), name="series_detail"),
    path("series/<slug:slug>/calendar.ics", views.series_calendar, name="series_ical"),
    path(
        "organisations/<slug:slug>/calendar.ics",
        views.organisation_calendar,
        name="organisation_ical",
    ),
    path("people/<slug:slug>/calendar.ics", views.person_calendar, name="person_ical"),
    path("reports/<slug:slug>/", views.DocumentDetailView.as_view(), name="document_detail"),
    path("people/", views.PersonListView.as_view(), name="person_list"),
    path("organisations/", views.OrganisationListView.as_view(), name="organisation_list"),
    path("events/", views.EventListView.as_view(), name="event_list"),
]
