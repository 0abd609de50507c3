from collections import Counter

from django.conf import settings
from django.db.models import (
    Count,
    Exists,
    F,
    FilteredRelation,
    OuterRef,
    Prefetch,
    Q,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Lower
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import DetailView
from django_filters.views import FilterView

from entities import calendar, coverage, related
from entities.cache_keys import EVENTS, ORGANISATIONS, PEOPLE
from entities.filters import EventFilter, OrganisationFilter, PersonFilter
from entities.models import (
    Appearance,
    Document,
    DocumentPublisher,
    Event,
    EventSeries,
    EventSupport,
    Organisation,
    Person,
    Position,
)
from entities.models.people import list_sort_name
from entities.positions import position_held, with_position_held
from entities.redirects import MergedRedirectMixin
from newsdesk.pagecache.dependencies import depends_on, key_of, keys_in, list_key, page_shows
from newsdesk.pagecache.kept import rendered_parts, shows


class PageOfParts:
    """The page of one person, organisation or event, made of parts kept until what
    each shows changes (`newsdesk.pagecache.kept`): `parts` is {name: template}, and
    `load(obj, name)` loads what part `name` shows besides the object's own row,
    only for the parts made. The page shows its object, the list of stories about
    it and what its parts named."""

    parts = {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.object
        context["parts"] = rendered_parts(
            self.request,
            f"{obj._meta.model_name}:{obj.pk}",
            self.parts,
            context,
            lambda name: shows_loaded(obj, self.load(obj, name)),
        )
        page_shows(list_key(obj._meta.label_lower, obj.pk), *keys_in(context))
        return context


class ListShowsWhatItLoaded:
    """A list of people, organisations or events: any change to one of them retires it."""

    list_keys = ()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(filter_keys=self.list_keys, **kwargs)
        page_shows(*self.list_keys, *keys_in(context))
        return context


def positions_with_organisations():
    return Position.objects.select_related("organisation")


def split_current(positions):
    current = [position for position in positions if position.is_current]
    return current, [position for position in positions if not position.is_current]


class PersonDetailView(PageOfParts, MergedRedirectMixin, DetailView):
    """A person's page, made of parts kept until what each shows changes
    (`newsdesk.pagecache.kept`): who they are and where they spoke, and the
    coverage (quotes, stories, mentions, photos), which a new story changes
    without touching the first. Only the parts made load what they show."""

    context_object_name = "person"
    queryset = Person.objects.all()
    parts = {
        "description": "entities/parts/person_description.html",
        "meta": "entities/parts/person_meta.html",
        "ld": "entities/parts/person_ld.html",
        "profile": "entities/parts/person_profile.html",
        "coverage": "entities/parts/person_coverage.html",
    }

    def load(self, person, name):
        """What part `name` shows, loaded and named (each load at most once a request).

        Named through the person too: the templates read their quotes and
        positions from the person's own prefetched relations."""
        # Also what `Appearance.title_at_the_time` and `position_on` read.
        prefetch_related_objects(
            [person], Prefetch("positions", queryset=positions_with_organisations())
        )
        current, past = split_current(person.positions.all())
        extra = {"current_positions": current, "past_positions": past}
        if name == "profile":
            prefetch_related_objects(
                [person],
                Prefetch(
                    "appearances",
                    queryset=Appearance.objects.select_related(
                        "event", "position__organisation"
                    ).order_by("-event__start_date", "order", "pk"),
                ),
            )
            extra["roles"] = appearance_roles(person.appearances.all())
            extra["alongside"] = appeared_alongside(person)
        if name == "coverage":
            prefetch_related_objects([person], *related.prefetches("person"))
            extra.update(related.context("person", person))
            depends_on(list_key(person._meta.label_lower, person.pk))
        shows(person, extra)
        return extra


def appearance_roles(appearances):
    """How many events and in which roles (most frequent first), from the fetched appearances."""
    roles = Counter(appearance.get_role_display() for appearance in appearances)
    events = {appearance.event_id for appearance in appearances}
    return {"events": len(events), "by_role": roles.most_common()}


def appeared_alongside(person, limit=12):
    """The people on the same programmes as `person`, most shared events first."""
    events = Appearance.objects.filter(person=person).values("event")
    return list(
        Person.objects.filter(appearances__event__in=events)
        .exclude(pk=person.pk)
        .annotate(shared_events=Count("appearances__event", distinct=True))
        .order_by("-shared_events", list_sort_name(), "pk")[:limit]
    )


class OrganisationDetailView(PageOfParts, MergedRedirectMixin, DetailView):
    """An organisation's page, made of parts kept until what each shows changes
    (`newsdesk.pagecache.kept`, as PersonDetailView): what it is, with its
    people, events and network; the stories mentioning it, which a new story
    changes without touching the rest; and its publications. Only the parts
    made load what they show."""

    context_object_name = "organisation"
    # The profile and the JSON-LD show its parent: with the row, not a query of its own.
    queryset = Organisation.objects.select_related("parent")
    parts = {
        "meta": "entities/parts/organisation_meta.html",
        "ld": "entities/parts/organisation_ld.html",
        "profile": "entities/parts/organisation_profile.html",
        "coverage": "entities/parts/organisation_coverage.html",
        "publications": "entities/parts/organisation_publications.html",
    }

    def load(self, organisation, name):
        """What part `name` shows besides the organisation's own row."""
        if name == "ld":
            return {"parent": organisation.parent}
        if name == "profile":
            return {"parent": organisation.parent, **profile_of(organisation)}
        if name == "coverage":
            depends_on(list_key(organisation._meta.label_lower, organisation.pk))
            return related.context("organisation", organisation)
        if name == "publications":
            documents = Document.objects.filter(publishers=organisation).select_related("event")
            return {"documents": list(documents)}
        return {}


def shows_loaded(obj, extra):
    """`extra`, the context a part of `obj`'s page loaded, named with `obj` itself.

    Named as loaded rather than through `obj`, whose related caches also hold
    what the page's other parts loaded: a part made with others would then be
    retired by their changes too.
    """
    depends_on(key_of(obj))
    shows(extra)
    return extra


def profile_of(organisation):
    """Its parts, people, events and network, in five queries."""
    # Every position of everyone who ever held one here: those here for the
    # people lists, the others for who came from where and went where.
    people_here = Position.objects.filter(organisation=organisation).values("person")
    positions = list(
        Position.objects.filter(person__in=people_here).select_related("person", "organisation")
    )
    here = [position for position in positions if position.organisation_id == organisation.pk]
    current, past = split_current(here)
    came_from, moved_to = movements(organisation, positions)
    return {
        "children": list(Organisation.objects.filter(parent=organisation)),
        "hosted_events": list(Event.objects.filter(hosts=organisation)),
        "supports": list(
            EventSupport.objects.filter(organisation=organisation).select_related("event")
        ),
        "current_positions": current,
        "past_positions": past,
        "came_from": came_from,
        "moved_to": moved_to,
        "network": network(organisation),
    }


def movements(organisation, positions):
    """People who came here from elsewhere, and who left here for elsewhere, by dates held.

    `positions` are all the positions of the people who held one here; one without
    the dates that order it against the position here tells nothing.
    """
    came_from, moved_to = [], []
    for here in (p for p in positions if p.organisation_id == organisation.pk):
        elsewhere = [
            p
            for p in positions
            if p.person_id == here.person_id and p.organisation_id != organisation.pk
        ]
        before = [
            p for p in elsewhere if p.end_date and here.start_date and p.end_date <= here.start_date
        ]
        after = [
            p for p in elsewhere if p.start_date and here.end_date and p.start_date >= here.end_date
        ]
        if before:
            came_from.append((here, max(before, key=lambda p: p.end_date)))
        if after:
            moved_to.append((here, min(after, key=lambda p: p.start_date)))
    return came_from, moved_to


def network(organisation, limit=12):
    """{"cohosts": [...], "copublishers": [...]}: organisations that hosted the same events
    or published the same reports, most shared first, in one query."""
    hosting = Event.hosts.through.objects
    hosted = hosting.filter(organisation=organisation).values("event")
    published = DocumentPublisher.objects.filter(organisation=organisation).values("document")
    fields = ("kind", "organisation", "organisation__name", "organisation__slug", "shared")
    cohosts = (
        hosting.filter(event__in=hosted)
        .exclude(organisation=organisation)
        .order_by()
        .values("organisation", "organisation__name", "organisation__slug")
        .annotate(kind=Value("cohost"), shared=Count("event"))
        .values_list(*fields)
    )
    copublishers = (
        DocumentPublisher.objects.filter(document__in=published)
        .exclude(organisation=organisation)
        .order_by()
        .values("organisation", "organisation__name", "organisation__slug")
        .annotate(kind=Value("copublisher"), shared=Count("document"))
        .values_list(*fields)
    )
    found = {"cohost": [], "copublisher": []}
    for kind, pk, name, slug, shared in cohosts.union(copublishers, all=True):
        found[kind].append((Organisation(pk=pk, name=name, slug=slug), shared))
    for rows in found.values():
        rows.sort(key=lambda row: (-row[1], row[0].name.lower()))
        del rows[limit:]
    return {"cohosts": found["cohost"], "copublishers": found["copublisher"]}


class EventDetailView(PageOfParts, MergedRedirectMixin, DetailView):
    """An event's page, made of parts kept until what each shows changes (as
    OrganisationDetailView): what, when and who hosts it; its programme and
    what was released there; and what readers may read of it (quotes, stories,
    photos), which a new story changes without touching the rest."""

    context_object_name = "event"
    queryset = Event.objects.select_related("series")
    parts = {
        "meta": "entities/parts/event_meta.html",
        "ld": "entities/parts/event_ld.html",
        "profile": "entities/parts/event_profile.html",
        "programme": "entities/parts/event_programme.html",
        "coverage": "entities/parts/event_coverage.html",
    }

    def load(self, event, name):
        """What part `name` shows besides the event's own row (and its series)."""
        if name == "ld":
            return {"hosts": self.organisers["hosts"], "appearances": self.appearances}
        if name == "profile":
            return self.organisers
        if name == "programme":
            # Sessions in the order the programme first reaches them.
            sessions = {}
            for appearance in self.appearances:
                sessions.setdefault(appearance.session, []).append(appearance)
            return {
                "programme": list(sessions.items()),
                # Each report's publishers are on its own page.
                "documents": list(Document.objects.filter(event=event)),
            }
        if name == "coverage":
            depends_on(list_key(event._meta.label_lower, event.pk))
            # Who said what here, with the title each speaker held that day.
            said_here = list(coverage.get("quotes_with_title_held").filter(event=event))
            for quote in said_here:
                quote.title_held = position_held(quote)
            return {"said_here": said_here, **related.context("event", event)}
        return {}

    @cached_property
    def organisers(self):
        return hosts_and_supports(self.object)

    @cached_property
    def appearances(self):
        """The programme, on the event as its JSON-LD reads it; each speaker's title on
        the day comes in the same query."""
        event = self.object
        appearances = Appearance.objects.select_related("person", "position__organisation")
        prefetch_related_objects(
            [event],
            Prefetch("appearances", queryset=with_position_held(appearances, event.start_date)),
        )
        return list(event.appearances.all())


def hosts_and_supports(event):
    """{"hosts": [...], "supports": [...]}: the organisations hosting `event`, by name,
    and its supports in their order, each with its organisation, in one query
    (a cold event page stays within ten queries with the schedule read)."""
    hosting = Event.hosts.through.objects.filter(event=event)
    supporting = EventSupport.objects.filter(event=event)
    organisations = (
        Organisation.objects.filter(
            Q(pk__in=hosting.values("organisation")) | Q(pk__in=supporting.values("organisation"))
        )
        # An organisation supports an event once (eventsupport_unique_organisation).
        .alias(support=FilteredRelation("event_supports", condition=Q(event_supports__event=event)))
        .annotate(
            hosts_event=Exists(hosting.filter(organisation=OuterRef("pk"))),
            support_pk=F("support__pk"),
            support_nature=F("support__nature"),
            support_order=F("support__order"),
        )
        .order_by("name", "pk")
    )
    hosts, supports = [], []
    for organisation in organisations:
        if organisation.hosts_event:
            hosts.append(organisation)
        if organisation.support_pk is not None:
            supports.append(
                EventSupport(
                    pk=organisation.support_pk,
                    event_id=event.pk,
                    organisation=organisation,
                    nature=organisation.support_nature,
                    order=organisation.support_order,
                )
            )
    supports.sort(key=lambda support: (support.order, support.pk))
    return {"hosts": hosts, "supports": supports}


class PersonListView(ListShowsWhatItLoaded, FilterView):
    list_keys = (PEOPLE, ORGANISATIONS)
    filterset_class = PersonFilter
    template_name = "entities/person_list.html"
    context_object_name = "people"
    paginate_by = 50

    def get_queryset(self):
        # The same order as person_list_order_idx, which serves it.
        return Person.objects.prefetch_related(
            Prefetch("positions", queryset=positions_with_organisations())
        ).order_by(list_sort_name(), Lower("given_names"), "display_name", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        for person in context["people"]:
            person.current_position = person.position_on(today)
        return context


class OrganisationListView(ListShowsWhatItLoaded, FilterView):
    list_keys = (ORGANISATIONS,)
    filterset_class = OrganisationFilter
    template_name = "entities/organisation_list.html"
    context_object_name = "organisations"
    paginate_by = 50

    def get_queryset(self):
        return Organisation.objects.select_related("parent").order_by(Lower("name"), "pk")


class EventListView(ListShowsWhatItLoaded, FilterView):
    """Upcoming and past events; `?when=` narrows the page to one of them, paginated."""

    list_keys = (EVENTS, ORGANISATIONS)
    filterset_class = EventFilter
    template_name = "entities/event_list.html"
    context_object_name = "events"
    paginate_by = 20
    # How many of each the combined page shows before pointing to the full list.
    preview_size = 10

    def get_queryset(self):
        return Event.objects.prefetch_related("hosts")

    @property
    def when(self):
        form = self.filterset.form
        return form.cleaned_data.get("when") if self.filterset.is_valid() else None

    def get_paginate_by(self, queryset):
        return self.paginate_by if self.when else None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(when=self.when, **kwargs)
        if not self.when:
            events = self.object_list
            context["upcoming"] = list(events.upcoming()[: self.preview_size + 1])
            context["past"] = list(events.past()[: self.preview_size + 1])
            for name in ("upcoming", "past"):
                context[f"more_{name}"] = len(context[name]) > self.preview_size
                context[name] = context[name][: self.preview_size]
        return context


class DocumentDetailView(DetailView):
    """A report (or index, white paper...) released at an event, and the stories citing it."""

    context_object_name = "document"
    template_name = "entities/document_detail.html"

    def get_queryset(self):
        return Document.objects.select_related("event").prefetch_related(
            Prefetch(
                "publications", queryset=DocumentPublisher.objects.select_related("organisation")
            ),
            Prefetch(
                "articles",
                queryset=coverage.get("published_articles").select_related("section"),
                to_attr="citing_articles",
            ),
        )


class EventSeriesDetailView(DetailView):
    """A recurring event: its editions, who hosts and supports it, who keeps coming back."""

    context_object_name = "series"
    template_name = "entities/series_detail.html"
    quotes_shown = 6

    def get_queryset(self):
        return EventSeries.objects.prefetch_related(
            Prefetch(
                "editions",
                queryset=Event.objects.order_by("-start_date", "pk").prefetch_related(
                    "hosts",
                    Prefetch(
                        "supports", queryset=EventSupport.objects.select_related("organisation")
                    ),
                ),
            )
        )

    def get_context_data(self, **kwargs):
        series = self.object
        editions = list(series.editions.all())
        today = timezone.localdate()
        hosts, supporters = Counter(), Counter()
        organisations = {}
        for edition in editions:
            for host in edition.hosts.all():
                hosts[host.pk] += 1
                organisations[host.pk] = host
            for support in edition.supports.all():
                supporters[support.organisation_id] += 1
                organisations[support.organisation_id] = support.organisation

        def ranked(counter):
            return [
                (organisations[pk], count)
                for pk, count in sorted(
                    counter.items(), key=lambda item: (-item[1], organisations[item[0]].name)
                )
            ]

        # People on the programme of more than one edition, most editions first.
        regulars = (
            Person.objects.filter(appearances__event__series=series)
            .annotate(editions_count=Count("appearances__event", distinct=True))
            .filter(editions_count__gt=1)
            .order_by("-editions_count", list_sort_name(), "pk")
        )
        coverage_list = (
            coverage.get("published_articles")
            .filter(
                pk__in=Event.articles.through.objects.filter(event__series=series).values("article")
            )
            .select_related("section")[:10]
        )
        said = coverage.get("quotes_with_title_held").filter(event__series=series)
        quotes = list(said[: self.quotes_shown + 1])
        for quote in quotes:
            quote.title_held = position_held(quote)
        return super().get_context_data(
            quotes=quotes[: self.quotes_shown],
            more_quotes=len(quotes) > self.quotes_shown,
            editions=editions,
            upcoming_editions=[e for e in editions if e.last_date >= today],
            past_editions=[e for e in editions if e.last_date < today],
            recurring_hosts=ranked(hosts),
            recurring_supporters=ranked(supporters),
            regulars=list(regulars),
            articles=list(coverage_list),
            **kwargs,
        )


def _calendar_of(queryset, name, request, filename):
    return calendar.response(calendar.calendar_events(queryset), name, request, filename)


def events_calendar(request):
    return _calendar_of(
        Event.objects.all(), f"{settings.NEWSDESK['SITE_NAME']}: events", request, "events"
    )


def event_calendar(request, slug):
    event = get_object_or_404(Event, slug=slug)
    # One event whatever its date, for "add to my calendar".
    events = Event.objects.filter(pk=event.pk).select_related("series")
    return calendar.response(events, event.name, request, event.slug)


def series_calendar(request, slug):
    series = get_object_or_404(EventSeries, slug=slug)
    return _calendar_of(series.editions.all(), series.name, request, series.slug)


def organisation_calendar(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    events = Event.objects.filter(
        Q(pk__in=Event.hosts.through.objects.filter(organisation=organisation).values("event"))
        | Q(pk__in=EventSupport.objects.filter(organisation=organisation).values("event"))
    )
    return _calendar_of(events, f"Events of {organisation.name}", request, organisation.slug)


def person_calendar(request, slug):
    person = get_object_or_404(Person, slug=slug)
    events = Event.objects.filter(pk__in=Appearance.objects.filter(person=person).values("event"))
    return _calendar_of(events, f"{person.display_name}: appearances", request, person.slug)
