import django_filters
from django import forms
from django.db.models import Count, Q

from entities.models import Event, EventSupport, Organisation, Person, Position
from newsdesk.filters import SlugFilter


def organisations(request=None):
    return Organisation.objects.only("name", "slug").order_by("name")


def organisation_filter():
    return SlugFilter(
        queryset=organisations,
        method="filter_organisation",
        label="Organisation",
        # Reached from the organisation's page: a list of thousands of names
        # would cost more to render than the rest of the page together.
        widget=forms.HiddenInput,
    )


class PersonFilter(django_filters.FilterSet):
    sort = django_filters.ChoiceFilter(
        choices=[("appearances", "Most appearances at events")],
        method="sort_people",
        label="Order",
        empty_label="By name",
    )
    organisation = organisation_filter()

    class Meta:
        model = Person
        fields = []

    def filter_organisation(self, queryset, name, organisation):
        return queryset.filter(
            pk__in=Position.objects.filter(organisation=organisation).values("person")
        )

    def sort_people(self, queryset, name, value):
        """The forums' regulars first: people who appeared at events, most events first."""
        from entities.models.people import list_sort_name

        return (
            queryset.annotate(appearance_count=Count("appearances__event", distinct=True))
            .filter(appearance_count__gt=0)
            .order_by("-appearance_count", list_sort_name(), "pk")
        )


class OrganisationFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Organisation.Kind.choices, empty_label="All kinds")

    class Meta:
        model = Organisation
        fields = []


def event_years():
    # Distinct days come straight off the start-date index; truncating every
    # event's date to its year in the query is a function call per row on SQLite.
    days = Event.objects.order_by().filter(start_date__isnull=False).values_list("start_date")
    years = sorted({day.year for (day,) in days.distinct()}, reverse=True)
    return [(str(year), str(year)) for year in years]


class EventFilter(django_filters.FilterSet):
    when = django_filters.ChoiceFilter(
        choices=[("upcoming", "Upcoming"), ("past", "Past")],
        method="filter_when",
        label="When",
        empty_label="Any time",
    )
    kind = django_filters.ChoiceFilter(choices=Event.Kind.choices, empty_label="All kinds")
    year = django_filters.ChoiceFilter(
        choices=event_years, field_name="start_date", lookup_expr="year", empty_label="Any year"
    )
    organisation = organisation_filter()

    class Meta:
        model = Event
        fields = []

    def filter_when(self, queryset, name, value):
        return queryset.upcoming() if value == "upcoming" else queryset.past()

    def filter_organisation(self, queryset, name, organisation):
        return queryset.filter(
            Q(pk__in=Event.hosts.through.objects.filter(organisation=organisation).values("event"))
            | Q(pk__in=EventSupport.objects.filter(organisation=organisation).values("event"))
        )
