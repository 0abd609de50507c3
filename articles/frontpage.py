"""What the home page shows besides the latest stories, each in a fixed number of queries."""

from django.db import connection
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from articles.cache_keys import (
    HOME,
    QUOTED,
    QUOTED_KEPT_SECONDS,
    QUOTED_WITHIN,
    SECTION_TEASERS,
    SECTIONS,
)
from articles.context_processors import navigation_sections
from articles.models import Article, FrontPagePin
from entities.cache_keys import EVENTS, PEOPLE
from entities.models import Event, Person, Position
from newsdesk.pagecache.invalidation import remember

STORIES_PER_SECTION = SECTION_TEASERS
EVENTS_SHOWN = 5
QUOTED_PEOPLE_SHOWN = 5


# What the sections' latest stories show: any public story, and the sections.
SECTIONS_KEYS = (HOME, SECTIONS)


def latest_by_section(per_section=STORIES_PER_SECTION):
    """[(section, its latest published stories)] in navigation order.

    Sections with nothing published are left out. Remembered until a public
    story or a section changes, or a scheduled story goes live: building and
    running one short scan per section is the home page's largest cost.
    """
    return remember(
        f"latest_by_section:{per_section}",
        lambda: _latest_by_section(per_section),
        keys=SECTIONS_KEYS,
        follows_schedule=True,
    )


def _latest_by_section(per_section):
    """In one query: each section's stories are its own short index scan, since
    ranking every published story per section reads them all."""
    # The navigation's list: cold, the masthead then costs no query of its own.
    sections = navigation_sections()
    if not sections:
        return []
    published = Article.objects.published()
    latest = [
        published.filter(section=section)
        .order_by("-published_at", "-pk")
        .values("pk")[:per_section]
        for section in sections
    ]
    if connection.features.supports_slicing_ordering_in_compound:
        # PostgreSQL turns an OR of IN-lists into a scan of every article.
        chosen = Q(pk__in=latest[0].union(*latest[1:], all=True))
    else:
        # SQLite refuses LIMIT inside UNION, and looks up each IN-list by itself.
        chosen = Q()
        for ids in latest:
            chosen |= Q(pk__in=ids)
    stories = {}
    for article in (
        Article.objects.filter(chosen).select_related("lead_photo").order_by("-published_at", "-pk")
    ):
        stories.setdefault(article.section_id, []).append(article)
    found = []
    for section in sections:
        if section.pk in stories:
            for article in stories[section.pk]:
                article.section = section
            found.append((section, stories[section.pk]))
    return found


# How many stories the editors may pin: the lead and the top stories under it.
MAX_PINS = 5


def pinned_stories():
    """The editors' lead and top stories, in their order: published, pin not expired.

    Derived at read time, like `published()`: a pin's expiry (see
    `cache_keys.scheduled_changes`) retires the home page as a scheduled story does.
    """
    now = timezone.now()
    active = FrontPagePin.objects.filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
    return list(
        # The few pins first, each story looked up by its key: joined, SQLite
        # walked every published story's index entry to find the pinned ones
        # (~400 ms at 100,000 articles with no pin at all).
        Article.objects.published()
        .filter(pk__in=active.values("article"))
        .select_related("section", "lead_photo")
        .with_bylines()
        .order_by("front_page_pin__position", "-front_page_pin__pinned_at")[:MAX_PINS]
    )


# Both change with the events and with the date, which is in their names.
def upcoming_events(limit=EVENTS_SHOWN):
    return remember(
        f"upcoming_events:{limit}:{timezone.localdate()}",
        lambda: list(Event.objects.upcoming()[:limit]),
        keys=[EVENTS],
    )


def recent_events(limit=EVENTS_SHOWN):
    return remember(
        f"recent_events:{limit}:{timezone.localdate()}",
        lambda: list(Event.objects.past()[:limit]),
        keys=[EVENTS],
    )


def most_quoted_people(limit=QUOTED_PEOPLE_SHOWN, within=QUOTED_WITHIN):
    """The people quoted most in stories published lately, each with `quote_count` and
    `current_position` (the title they hold today, or None)."""

    def most_quoted():
        recent = Article.objects.published().filter(published_at__gte=timezone.now() - within)
        return list(
            # Filtering before annotating makes the count cover only the matching quotes.
            Person.objects.filter(quotes__article__in=recent)
            .annotate(quote_count=Count("quotes"))
            .order_by("-quote_count", "display_name", "pk")
            .prefetch_related(
                Prefetch(
                    "positions",
                    queryset=Position.objects.current().select_related("organisation"),
                )
            )[:limit]
        )

    # Counting a month of quotes is the home page's slowest read; the ranking
    # only changes with the public stories and the people, or as quotes age out
    # of the window.
    people = remember(
        f"most_quoted:{limit}:{within.total_seconds()}",
        most_quoted,
        keys=[QUOTED, PEOPLE],
        follows_schedule=True,
        seconds=QUOTED_KEPT_SECONDS,
    )
    today = timezone.localdate()
    for person in people:
        person.current_position = person.position_on(today)
    return people
