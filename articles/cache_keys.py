"""Which cached pages a change to a story, a photo, a section, a tag or a pin retires.

A story's key ("articles.article:12") stands for its page and every fragment
showing it, its parts included (bylines, quotes, blocks, photos, links). A
public story also appears on lists, each with a key of its own: the home page,
its section, its tags, its archive month, the latest feeds, the sitemaps, the
other lists of stories (LIST_ARTICLES), and the pages of the people,
organisations, events and photos it links. Any change to a public story, or to
a story becoming or ceasing to be public, retires its key and all those lists,
as it was and as it is; a story not public retires only its own key. The
searches for its words and the most quoted people follow only what they read of
it (`article_state`): an edit that leaves its words and its place as they were
keeps them.
"""

import datetime
from dataclasses import dataclass
from types import SimpleNamespace

from django.utils import timezone

from articles.search import ARTICLES
from entities.cache_keys import EVENTS, ORGANISATIONS, PEOPLE
from newsdesk.pagecache.dependencies import (
    EVERYTHING,
    key_of,
    keys_in,
    list_key,
    page_shows,
    register_change,
    register_model,
)
from newsdesk.pagecache.invalidation import SCHEDULE
from newsdesk.search import dependencies as search_dependencies

# The front page's newest stories (and each section's newest few beside them),
# and the newest stories of the latest feeds: a story is on those lists only
# while it is among the newest `NEWEST_SHOWN` (or its section's newest
# `SECTION_TEASERS`), so only then does its change retire them.
HOME = "list:home"
FEEDS = "list:feeds"
NEWEST_SHOWN = 20
SECTION_TEASERS = 3
# The people quoted most in the stories of the last `QUOTED_WITHIN` (the front
# page), kept at most `QUOTED_KEPT_SECONDS` as quotes age out of the window.
QUOTED = "list:quoted"
QUOTED_WITHIN = datetime.timedelta(days=30)
QUOTED_KEPT_SECONDS = 300
SITEMAPS = "list:sitemaps"
# The other lists of all public stories: the story list and its filters, the
# archive's index and years, the quotes and corrections pages. (A search for
# stories depends on the keys of the words it asks for instead: a story retires
# those of the words it holds, see newsdesk/search/dependencies.py.)
LIST_ARTICLES = "list:articles"
# What the front page pins, and the sections the masthead lists.
FRONT_PAGE = "list:frontpage"
SECTIONS = "list:sections"
# The tags in use, and what the story filters offer to choose from.
TAGS = "list:tags"
FILTER_CHOICES = (LIST_ARTICLES, SECTIONS, TAGS, PEOPLE, ORGANISATIONS, EVENTS)


# The key of the list of public stories about one object: "list:entities.person:7".
list_of = list_key


def archive_month(moment):
    return f"list:archive:{timezone.localtime(moment):%Y-%m}"


def is_public(article, now=None):
    return (
        article.status in article.LIVE_STATUSES
        and article.published_at is not None
        and article.trashed_at is None
        and article.published_at <= (now or timezone.now())
    )


def is_scheduled(article, now=None):
    return (
        article.status in article.LIVE_STATUSES
        and article.published_at is not None
        and article.trashed_at is None
        and article.published_at > (now or timezone.now())
    )


def article_keys(article, *, quotes=False):
    """What a change to `article` (as it is now) retires.

    The most quoted people (QUOTED) only with `quotes` (a change to its quotes):
    a change to the story itself reaches them only if it comes into view or
    leaves it (`article_changes`), as do the searches for its words.
    """
    from articles.models import RelatedLink

    keys = {key_of(article)}
    # Stories whose related links show its headline.
    keys |= {
        linked_key(pk)
        for pk in RelatedLink.objects.filter(target_article=article.pk).values_list(
            "article_id", flat=True
        )
    }
    if is_scheduled(article):
        # The pages it goes live on were kept until the schedule's old moments:
        # scheduling or rescheduling it retires them, so they follow the new one.
        keys.add(SCHEDULE)
    if is_scheduled(article) or is_public(article):
        keys |= lists_showing([article])[article.pk]
        if not quotes:
            keys.discard(QUOTED)
    return keys


@dataclass(frozen=True)
class ArticleState:
    """What the searches and the most quoted people read of a story, as the database
    holds it: where it can be found (None if nowhere: a draft, unpublished...), the
    words it holds there, and whether it counts among the quoted stories."""

    placing: tuple | None
    words: dict | None
    quoted: bool


def article_state(article):
    public = is_public(article)
    if not (public or is_scheduled(article)):
        return ArticleState(None, None, False)
    from articles.models import Quote

    quoted_since = timezone.now() - QUOTED_WITHIN - datetime.timedelta(seconds=QUOTED_KEPT_SECONDS)
    return ArticleState(
        # The searches' filters read the section and the date.
        placing=(public, article.published_at, article.section_id),
        words=search_dependencies.row_entries(ARTICLES, article.pk),
        quoted=public
        and article.published_at >= quoted_since
        and Quote.objects.filter(article=article.pk).exists(),
    )


def article_changes(before, after):
    """The searches for the words whose entries changed, and the most quoted people if
    the story came into the window's count or left it."""
    before = before or ArticleState(None, None, False)
    after = after or ArticleState(None, None, False)
    if before.placing != after.placing:
        keys = search_dependencies.changed_keys(ARTICLES, before.words, None)
        keys |= search_dependencies.changed_keys(ARTICLES, None, after.words)
        if before.quoted or after.quoted:
            keys.add(QUOTED)
        return keys
    return search_dependencies.changed_keys(ARTICLES, before.words, after.words)


def lists_showing(articles):
    """{article pk: the keys of the lists it is on once public}, in a few queries for all."""
    from articles.models import Article, ArticleAuthor, ArticlePhoto, Mention, Quote

    found = {}
    # Stories still to come (a schedule) will be the newest: no need to ask.
    now = timezone.now()
    past = [article for article in articles if article.published_at <= now]
    newest = newest_published_at(NEWEST_SHOWN) if past else None
    teasers = {
        section: newest_published_at(SECTION_TEASERS, section=section)
        for section in {article.section_id for article in past if article.section_id}
    }
    for article in articles:
        keys = found[article.pk] = {SITEMAPS, LIST_ARTICLES}
        if among(article.published_at, newest):
            keys |= {HOME, FEEDS}
        elif article.section_id and among(article.published_at, teasers.get(article.section_id)):
            keys.add(HOME)
        keys.add(archive_month(article.published_at))
        if article.section_id:
            keys.add(list_of("articles.section", article.section_id))
        if article.lead_photo_id:
            keys.add(list_of("articles.photo", article.lead_photo_id))
    ids = list(found)
    if not ids:
        return found
    links = [
        (ArticleAuthor.objects.filter(article__in=ids), {"person": "entities.person"}),
        (
            Quote.objects.filter(article__in=ids),
            {"person": "entities.person", "event": "entities.event"},
        ),
        (
            # Only confirmed mentions show on the pages of what they name.
            Mention.objects.filter(article__in=ids, status=Mention.Status.CONFIRMED),
            {
                "person": "entities.person",
                "organisation": "entities.organisation",
                "event": "entities.event",
            },
        ),
        (ArticlePhoto.objects.filter(article__in=ids), {"photo": "articles.photo"}),
        # Other stories about an event of the same series show it as related.
        (
            Article.events.through.objects.filter(article__in=ids),
            {"event": "entities.event", "event__series": "entities.eventseries"},
        ),
        (
            Article.tags.through.objects.filter(
                object_id__in=ids, content_type__app_label="articles", content_type__model="article"
            ),
            {"tag": "taggit.tag"},
        ),
    ]
    photos = {}
    quoted_since = now - QUOTED_WITHIN - datetime.timedelta(seconds=QUOTED_KEPT_SECONDS)
    published = {article.pk: article.published_at for article in articles}
    for queryset, fields in links:
        owner = "object_id" if "tag" in fields else "article_id"
        columns = [f"{name}_id" for name in fields]
        for row in queryset.values_list(owner, *columns):
            if queryset.model is Quote and published[row[0]] >= quoted_since:
                found[row[0]].add(QUOTED)
            for label, pk in zip(fields.values(), row[1:], strict=True):
                if pk is not None:
                    found[row[0]].add(list_of(label, pk))
                    if label == "articles.photo":
                        photos.setdefault(pk, set()).add(row[0])
    for article in articles:
        if article.lead_photo_id:
            photos.setdefault(article.lead_photo_id, set()).add(article.pk)
    # A story's photos are public with it: they show on the pages of their
    # event, their photographer and the people confirmed in them.
    for photo, keys in photo_lists(photos).items():
        for pk in photos[photo]:
            found[pk] |= keys
    return found


def newest_published_at(count, section=None):
    """When the `count`-th newest public story (of `section`) was published, or None
    if there are fewer: a story published at or after it is among the newest."""
    from articles.models import Article

    stories = Article.objects.published()
    if section is not None:
        stories = stories.filter(section=section)
    found = stories.order_by("-published_at", "-pk").values_list("published_at", flat=True)
    return next(iter(found[count - 1 : count]), None)


def among(moment, cutoff):
    # At the cutoff itself as well: a story published at the same moment may
    # come before it.
    return cutoff is None or moment >= cutoff


def photo_lists(photo_ids):
    """{photo pk: the keys of the pages of its event, photographer and people shown}."""
    from articles.models import Photo, PhotoPerson

    if not photo_ids:
        return {}
    found = {pk: set() for pk in photo_ids}
    rows = Photo.objects.filter(pk__in=photo_ids).values_list("pk", "event_id", "photographer_id")
    for pk, event, photographer in rows:
        if event is not None:
            found[pk].add(list_of("entities.event", event))
        if photographer is not None:
            found[pk].add(list_of("entities.person", photographer))
    shown = PhotoPerson.objects.filter(
        photo__in=photo_ids, status=PhotoPerson.Status.CONFIRMED
    ).values_list("photo_id", "person_id")
    for pk, person in shown:
        found[pk].add(list_of("entities.person", person))
    return found


def card_keys(article):
    """What a card of the story shows, from what the list already loaded: no query."""
    keys = [key_of(article)]
    if article.section_id:
        keys.append(plain_key("articles.section", article.section_id))
    if article.lead_photo_id:
        keys.append(plain_key("articles.photo", article.lead_photo_id))
    # Whether or not the list loaded its bylines (lists fetch them only when a
    # card renders), so that the key is the same on every request: the key its
    # bylined people's changes retire.
    keys.append(bylines_key(article.pk))
    return keys


def plain_key(label, pk):
    return f"{label}:{pk}"


def lists_about(entities):
    """The keys of the lists of stories about `entities` (and about their events' series)."""
    keys = {list_of(entity._meta.label_lower, entity.pk) for entity in entities}
    keys |= {
        list_of("entities.eventseries", entity.series_id)
        for entity in entities
        if getattr(entity, "series_id", None)
    }
    return keys


def lists_named(named):
    """The keys of the lists of stories about what `named` holds: {"people": [ids],
    "organisations": [...], "events": [...], "series": [...]}, as the article page keeps it."""
    labels = {
        "people": "entities.person",
        "organisations": "entities.organisation",
        "events": "entities.event",
        "series": "entities.eventseries",
    }
    return {list_of(labels[kind], pk) for kind, ids in named.items() for pk in ids}


def page_shows_loaded(context, *lists):
    """A view's page shows the lists named and every object its context loaded."""
    page_shows(*lists, *keys_in(context))


def part_keys(part):
    """A part of a story (a quote, a byline, a block...) retires its story's keys."""
    from articles.models import Article

    keys = set()
    article = Article.objects.filter(pk=part.article_id).first()
    if article is not None:
        keys |= article_keys(article, quotes=part._meta.label_lower == "articles.quote")
        keys |= linked_lists(part) if is_public(article) else set()
    return keys


def linked_lists(part):
    """The lists of the objects a part links: moved from one person to another, both."""
    keys = set()
    for label, field in [
        ("entities.person", "person_id"),
        ("entities.organisation", "organisation_id"),
        ("entities.event", "event_id"),
        ("articles.photo", "photo_id"),
    ]:
        pk = getattr(part, field, None)
        if pk is not None:
            keys.add(list_of(label, pk))
    return keys


def linked_key(pk):
    """Retired when something a story links (a person, an organisation, an event, a
    photo, the story of a related link) changes: with the story's own key,
    everything its page shows of it."""
    return f"articles.article:{pk}:linked"


def bylines_key(pk):
    """Retired when a person with a byline on the story changes: for its cards."""
    return f"articles.article:{pk}:bylines"


def story_keys(article):
    """The keys of what a story's page shows of the story, its parts and what they link
    (people, organisations, events, photos, the stories of its related links) and
    its section: for fragments of one story, with no query."""
    keys = [plain_key("articles.article", article.pk), linked_key(article.pk)]
    if article.section_id:
        keys.append(plain_key("articles.section", article.section_id))
    return keys


def stories_linking(instance):
    """The `linked_key` of every story that links `instance`, public or not (and, for a
    person, the `bylines_key` of the stories they wrote)."""
    from articles.models import Article, ArticleAuthor, ArticlePhoto, Mention, Quote

    label = instance._meta.label_lower
    links = {
        "entities.person": [ArticleAuthor, Quote, Mention],
        "entities.organisation": [Mention],
        "entities.event": [Quote, Mention, Article.events.through],
        "articles.photo": [ArticlePhoto],
    }[label]
    field = label.partition(".")[2]
    stories = set()
    for model in links:
        stories.update(
            model.objects.filter(**{field: instance.pk}).values_list("article_id", flat=True)
        )
    if label == "articles.photo":
        stories.update(Article.objects.filter(lead_photo=instance.pk).values_list("pk", flat=True))
    keys = {linked_key(pk) for pk in stories}
    if label == "entities.person":
        bylines = ArticleAuthor.objects.filter(person=instance.pk)
        keys |= {bylines_key(pk) for pk in bylines.values_list("article_id", flat=True)}
    return keys


def photo_keys(photo):
    # Moved to another event or photographer: the pages of both, as it was and is.
    return {key_of(photo), list_of("articles.photo", photo.pk), *photo_lists([photo.pk])[photo.pk]}


def section_keys(section):
    return {key_of(section), list_of("articles.section", section.pk), SECTIONS}


def tag_keys(tag):
    return {key_of(tag), list_of("taggit.tag", tag.pk), TAGS}


def pin_keys(pin):
    # Its expiry is scheduled: a new pin or a new expiry changes the schedule.
    return {FRONT_PAGE, HOME, SCHEDULE}


def scheduled_changes():
    """[(when, keys)]: stories going live retire what their publish would; pins running out.

    One query when nothing is scheduled (the common case), a few more when something is.
    """
    from django.db.models import CharField, Value

    from articles.models import Article, FrontPagePin

    fields = ("pk", "published_at", "section_id", "lead_photo_id", "kind")
    stories = (
        Article.objects.scheduled()
        .order_by()
        .annotate(kind=Value("story", output_field=CharField()))
        .values_list(*fields)
    )
    pins = (
        FrontPagePin.objects.filter(expires_at__gt=timezone.now())
        .order_by()
        .annotate(
            kind=Value("pin", output_field=CharField()),
            none=Value(None, output_field=Article._meta.get_field("section").target_field),
        )
        .values_list("article_id", "expires_at", "none", "none", "kind")
    )
    rows = list(stories.union(pins, all=True).order_by("published_at")[: SCHEDULED_AHEAD + 1])
    coming = [
        SimpleNamespace(pk=pk, published_at=when, section_id=section, lead_photo_id=photo)
        for pk, when, section, photo, kind in rows[:SCHEDULED_AHEAD]
        if kind == "story"
    ]
    lists = lists_showing(coming)
    # Searches for stories are kept until the next story goes live.
    searches = search_dependencies.schedule_key(ARTICLES)
    changes = [
        (
            article.published_at,
            {plain_key("articles.article", article.pk), searches, *lists[article.pk]},
        )
        for article in coming
    ]
    changes += [
        (when, {FRONT_PAGE, HOME})
        for _, when, _, _, kind in rows[:SCHEDULED_AHEAD]
        if kind == "pin"
    ]
    # Beyond the changes looked at, the next one bounds every page.
    if len(rows) > SCHEDULED_AHEAD:
        changes.append((rows[SCHEDULED_AHEAD][1], {EVERYTHING}))
    return changes


# The schedule is read again whenever it changes; more than this many stories
# scheduled at once is unusual, and the rest are caught by the last entry.
SCHEDULED_AHEAD = 200


def register():
    from taggit.models import Tag

    from articles.models import (
        Article,
        ArticleAuthor,
        ArticlePhoto,
        FrontPagePin,
        Mention,
        Photo,
        Quote,
        RelatedLink,
        Section,
    )
    from articles.models.blocks import KeyIssue, ProsConsPoint, QAPair
    from entities.models import Event, Organisation, Person

    register_model(Article, article_keys, shown_by=card_keys)
    register_change(Article, article_state, article_changes)
    for part in (
        ArticleAuthor,
        ArticlePhoto,
        Mention,
        Quote,
        RelatedLink,
        KeyIssue,
        ProsConsPoint,
        QAPair,
    ):
        register_model(part, part_keys)
    register_model(Photo, photo_keys)
    register_model(Section, section_keys)
    register_model(Tag, tag_keys)
    register_model(FrontPagePin, pin_keys)
    # What a story's page shows of the things it links (see `linked_key`).
    for model in (Person, Organisation, Event, Photo):
        register_model(model, stories_linking)
