"""What the home page shows besides the latest stories, each in a fixed number of queries."""

import datetime
from itertools import groupby

from django.db.models import Count, F, Prefetch, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from articles.models import Article
from entities.models import Event, Person, Position

STORIES_PER_SECTION = 3
EVENTS_SHOWN = 5
QUOTED_PEOPLE_SHOWN = 5
QUOTED_WITHIN = datetime.timedelta(days=30)


def latest_by_section(per_section=STORIES_PER_SECTION):
    """[(section, its latest published stories)] in navigation order, in one query.

    Sections with nothing published are left out.
    """
    articles = (
        Article.objects.published()
        .filter(section__isnull=False)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("section_id"),
                order_by=[F("published_at").desc(), F("pk").desc()],
            )
        )
        .filter(rank__lte=per_section)
        .select_related("section", "lead_photo")
    )
    articles = sorted(articles, key=lambda a: (a.section.order, a.section.name, a.rank))
    return [
        (section, list(stories))
        for section, stories in groupby(articles, key=lambda article: article.section)
    ]


def upcoming_events(limit=EVENTS_SHOWN):
    return list(Event.objects.upcoming()[:limit])


def recent_events(limit=EVENTS_SHOWN):
    return list(Event.objects.past()[:limit])


def most_quoted_people(limit=QUOTED_PEOPLE_SHOWN, within=QUOTED_WITHIN):
    """The people quoted most in stories published lately, each with `quote_count` and
    `current_position` (the title they hold today, or None)."""
    recent = Article.objects.published().filter(published_at__gte=timezone.now() - within)
    people = list(
        # Filtering before annotating makes the count cover only the matching quotes.
        Person.objects.filter(quotes__article__in=recent)
        .annotate(quote_count=Count("quotes"))
        .order_by("-quote_count", "display_name", "pk")
        .prefetch_related(
            Prefetch(
                "positions", queryset=Position.objects.current().select_related("organisation")
            )
        )[:limit]
    )
    today = timezone.localdate()
    for person in people:
        person.current_position = person.position_on(today)
    return people
