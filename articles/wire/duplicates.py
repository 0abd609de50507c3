"""Stories on file that an imported one may tell again.

The same copy imported twice is refused outright (the importer's source hash).
This is the softer case: another outlet's story about an event, a partnership
or a report already on file, or about the same people on the same day. The
desk is warned, naming the story and the event, in the --json output, the
import preview and the draft's copy-desk items; nothing is refused.
"""

import datetime

from django.db.models import Count, Q

from articles import copydesk_duplicates
from articles.models import Article, Mention
from entities.models import Document, Event

from .story import ParsedStory

KIND = "duplicate"
# A partnership signed again within this many days is taken for the same one.
SIGNING_WINDOW = datetime.timedelta(days=30)
# Articles a warning names at most, per reason.
MAX_ARTICLES = 3


def _articles_about(event: Event) -> list[Article]:
    """Articles that mention or quote someone at the event, newest first."""
    return list(
        Article.objects.filter(
            Q(mentions__event=event) & ~Q(mentions__status=Mention.Status.REJECTED)
            | Q(quotes__event=event)
        )
        .distinct()
        .order_by("-pk")[:MAX_ARTICLES]
    )


def _entry(reason: str, message: str, article: Article | None, event: Event | None) -> dict:
    return {
        "kind": KIND,
        "reason": reason,
        "message": message,
        "article_id": article.pk if article else None,
        "headline": article.headline if article else None,
        "event_id": event.pk if event else None,
        "event": event.name if event else None,
    }


def _about_event(reason: str, what: str, event: Event) -> list[dict]:
    when = f" ({event.start_date:%d %b %Y})" if event.start_date else ""
    articles = _articles_about(event)
    if not articles:
        return [_entry(reason, f"{what} “{event.name}”{when} is already on file.", None, event)]
    return [
        _entry(
            reason,
            f"{what} “{event.name}”{when} is already covered by "
            f"“{article.headline}” (article {article.pk}).",
            article,
            event,
        )
        for article in articles
    ]


def _signing_on_file(event, organisations) -> Event | None:
    parties = [organisations[h] for h in event.hosts if h in organisations]
    if len(parties) < 2:
        return None
    found = Event.objects.filter(kind=Event.Kind.SIGNING)
    for party in parties:
        found = found.filter(hosts=party)
    if event.date:
        found = found.filter(
            start_date__range=(event.date - SIGNING_WINDOW, event.date + SIGNING_WINDOW)
        )
    return found.order_by("-start_date").first()


def _same_people_same_day(story: ParsedStory, people) -> list[dict]:
    days = {e.date for e in story.events if e.date}
    if story.article.published_at:
        days.add(story.article.published_at.date())
    on_file = {person.pk for person in people.values()}
    if not days or not on_file:
        return []
    needed = min(2, len(on_file))
    same_day = Q()
    for day in days:
        same_day |= Q(wire_published_at__date=day) | Q(published_at__date=day)
    articles = (
        Article.objects.filter(same_day)
        .annotate(
            shared=Count(
                "mentions__person",
                filter=Q(mentions__person__in=on_file)
                & ~Q(mentions__status=Mention.Status.REJECTED),
                distinct=True,
            )
        )
        .filter(shared__gte=needed)
        .order_by("-shared", "-pk")[:MAX_ARTICLES]
    )
    return [
        _entry(
            "people",
            f"“{article.headline}” (article {article.pk}) names {article.shared} of the same "
            "people on the same day.",
            article,
            None,
        )
        for article in articles
    ]


def look_for(story: ParsedStory, people, organisations, events) -> None:
    """Fills in `story.possible_duplicates` and a warning for each."""
    found: list[dict] = []
    for parsed in story.events:
        if (event := events.get(parsed.name)) is not None:
            what = "The partnership" if event.kind == Event.Kind.SIGNING else "The event"
            found += _about_event("event", what, event)
        elif parsed.kind == "signing" and (signing := _signing_on_file(parsed, organisations)):
            found += _about_event("partnership", "The partnership", signing)
    for parsed in story.documents:
        for document in Document.objects.filter(title__iexact=parsed.title).select_related("event")[
            :MAX_ARTICLES
        ]:
            if document.event is not None:
                found += _about_event(
                    "report", f"The report “{document.title}”, launched at", document.event
                )
            else:
                found.append(
                    _entry(
                        "report", f"The report “{document.title}” is already on file.", None, None
                    )
                )
    found += _same_people_same_day(story, people)
    seen = set()
    for entry in found:
        key = (entry["reason"], entry["article_id"], entry["event_id"])
        if key in seen:
            continue
        seen.add(key)
        story.possible_duplicates.append(entry)
        story.warnings.append(f"Possible duplicate: {entry['message']}")


def entries(story: ParsedStory) -> list[dict]:
    """What the draft keeps of the warnings, for the copy desk."""
    return list(story.possible_duplicates)


def copydesk_items(story: ParsedStory) -> list[tuple[str, str]]:
    """(key, warning) for each story or event on file this one may duplicate.

    Every reason about the same story or event makes one warning.
    """
    items: dict[str, list[str]] = {}
    for entry in story.possible_duplicates:
        if entry["article_id"]:
            key = copydesk_duplicates.article_key(entry["article_id"])
        elif entry["event_id"]:
            key = copydesk_duplicates.event_key(entry["event_id"])
        else:
            continue
        items.setdefault(key, []).append(f"Possible duplicate: {entry['message']}")
    return [(key, " ".join(messages)) for key, messages in items.items()]
