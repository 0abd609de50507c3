"""Stories and events on file that a story may tell again, for the copy desk.

Every story, typed or imported, is compared with what is on file:
- another story covering one of the same events (linked as covered, mentioned,
  or where a quote was said);
- an event on file that looks like one this story covers or names: a signing
  by at least two of the same organisations, or an event of the same name,
  within EVENT_WINDOW;
- another story naming largely the same people (quoted or mentioned) within
  PEOPLE_WINDOW of it;
- another story with a much alike headline within HEADLINE_WINDOW.

Each story (or uncovered event) it may duplicate is ONE item, keyed by it:
the wire import's own finding about the same story lands on the same item, and
a decision on it sticks when the reasons are reworded.

Cost: at most two queries (one when the story covers no event and names fewer
than two organisations), whatever the size of the tables; every part is
bounded by an id or a window of days.
"""

import datetime
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from django.db.models import CharField, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Mention, Quote
from entities.models import Event

# Stories naming largely the same people this many days apart may tell the same news.
PEOPLE_WINDOW = datetime.timedelta(days=3)
# At least this many people in common, and at least half of this story's people.
PEOPLE_SHARED_MIN = 2
# Much alike headlines this many days apart. Each story in the window is read
# and compared: a week is some 300 stories at 45 a day.
HEADLINE_WINDOW = datetime.timedelta(days=7)
# Headlines are alike when they share at least this many words (after
# normalising) and this share of the words of both together (Jaccard).
HEADLINE_SHARED_MIN = 3
HEADLINE_OVERLAP = 0.6
# An event on file this many days from the story's date may be the one it covers.
EVENT_WINDOW = datetime.timedelta(days=30)
# Stories (or events) one check names at most.
MAX_FOUND = 5

ARTICLE_KEY = "duplicate:article:"
EVENT_KEY = "duplicate:event:"

# Small words that make two headlines look alike without saying the same.
_STOPWORDS = frozenset(
    "a an and are as at be by for from has have in into is it its of on or over "  # noqa: SIM905
    "the to under was were will with after before amid says say new".split()
)
_SUFFIXES = ("ing", "ed", "es", "s")


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    perm: str


def article_key(pk):
    return f"{ARTICLE_KEY}{pk}"


def event_key(pk):
    return f"{EVENT_KEY}{pk}"


def links_for(key):
    """Where an item about a possible duplicate points: the story or event, in the admin."""
    for prefix, label, url_name, perm in (
        (ARTICLE_KEY, "Open story #{}", "admin:articles_article_change", "articles.view_article"),
        (EVENT_KEY, "Open event #{}", "admin:entities_event_change", "entities.view_event"),
    ):
        if key.startswith(prefix) and key[len(prefix) :].isdigit():
            pk = int(key[len(prefix) :])
            return [Link(label.format(pk), reverse(url_name, args=[pk]), perm)]
    return []


# A review compares the story with every headline of the week around it (some
# 3,500 at 100,000 stories, ~0.4 s to normalise each time); a headline's words
# never change, so a process normalises each headline once.
@lru_cache(maxsize=50_000)
def headline_words(headline):
    """The words that carry a headline: lower case, accents off, no small words, light stems."""
    text = unicodedata.normalize("NFKD", headline.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    words = set()
    for word in re.findall(r"\w+", text):
        if word in _STOPWORDS or len(word) < 2:
            continue
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and not word.endswith("ss") and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                break
        words.add(word)
    return frozenset(words)


def headlines_alike(one, other):
    return _words_alike(headline_words(one), headline_words(other))


def _words_alike(a, b):
    shared = len(a & b)
    return shared >= HEADLINE_SHARED_MIN and shared / len(a | b) >= HEADLINE_OVERLAP


def story_day(article):
    when = article.published_at or article.wire_published_at or article.created_at
    return timezone.localtime(when or timezone.now()).date()


def _day_range(day, window):
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(day - window, datetime.time.min, tzinfo=tz)
    end = datetime.datetime.combine(day + window, datetime.time.max, tzinfo=tz)
    return start, end


def _in_window(prefix, window_range):
    return Q(**{f"{prefix}published_at__range": window_range}) | Q(
        **{f"{prefix}published_at__isnull": True, f"{prefix}created_at__range": window_range}
    )


_LIVE = ~Q(status=Mention.Status.REJECTED)
# Trashed stories are left out in Python: "trashed_at IS NULL" in the query
# led SQLite to read every story through that index (500 ms at 100,000).
_COLUMNS = ("c_article", "c_headline", "c_trashed", "c_kind", "c_entity", "c_name")


def _rows(model, article_field, entity_field, kind, condition):
    """(article, headline, kind, entity id, entity name) for one way of covering something."""
    name_field = {"e": "name", "p": "display_name", "o": "name"}[kind]
    return (
        model.objects.filter(condition, **{f"{entity_field}__isnull": False})
        .annotate(
            c_article=F(f"{article_field}_id"),
            c_headline=F(f"{article_field}__headline"),
            c_trashed=F(f"{article_field}__trashed_at"),
            c_kind=Value(kind, output_field=CharField()),
            c_entity=F(f"{entity_field}_id"),
            c_name=F(f"{entity_field}__{name_field}"),
        )
        .values_list(*_COLUMNS)
        .order_by()
    )


def _ids(parts):
    """One id column from several tables, as one subquery (each part read by its index)."""
    parts = [part.order_by() for part in parts]
    return parts[0].union(*parts[1:], all=True)


def _coverage(article):
    """This story's events, people and organisations, and the other stories sharing them.

    One query: a union of every way a story covers an event or names a person,
    each part led by an indexed column (the story's id, or an event's or a
    person's among this story's); an OR across them would read whole tables.
    """
    me = Q(article=article)
    my_events = _ids(
        [
            Article.events.through.objects.filter(me).values("event"),
            Mention.objects.filter(me, _LIVE, event__isnull=False).values("event"),
            Quote.objects.filter(me, event__isnull=False).values("event"),
        ]
    )
    my_people = _ids(
        [
            Mention.objects.filter(me, _LIVE, person__isnull=False).values("person"),
            Quote.objects.filter(me).values("person"),
        ]
    )
    day = story_day(article)
    near = _in_window("article__", _day_range(day, PEOPLE_WINDOW))
    others = ~me
    window = _day_range(day, HEADLINE_WINDOW)
    recent = Article.objects.exclude(pk=article.pk)
    headlines = [
        recent.filter(published_at__range=window),
        recent.filter(published_at__isnull=True, created_at__range=window),
    ]
    parts = [
        # This story's own.
        _rows(Article.events.through, "article", "event", "e", me),
        _rows(Mention, "article", "event", "e", me & _LIVE),
        _rows(Quote, "article", "event", "e", me),
        _rows(Mention, "article", "person", "p", me & _LIVE),
        _rows(Quote, "article", "person", "p", me),
        _rows(Mention, "article", "organisation", "o", me & _LIVE),
        # Other stories covering its events, or naming its people near its day.
        _rows(Article.events.through, "article", "event", "e", others & Q(event__in=my_events)),
        _rows(Mention, "article", "event", "e", others & _LIVE & Q(event__in=my_events)),
        _rows(Quote, "article", "event", "e", others & Q(event__in=my_events)),
        _rows(Mention, "article", "person", "p", others & _LIVE & near & Q(person__in=my_people)),
        _rows(Quote, "article", "person", "p", others & near & Q(person__in=my_people)),
        # Other stories' headlines near its day.
        *(
            query.annotate(
                c_article=F("pk"),
                c_headline=F("headline"),
                c_trashed=F("trashed_at"),
                c_kind=Value("h", output_field=CharField()),
                c_entity=Value(None, output_field=IntegerField()),
                c_name=Value("", output_field=CharField()),
            )
            .values_list(*_COLUMNS)
            .order_by()
            for query in headlines
        ),
    ]
    return parts[0].union(*parts[1:], all=True)


@dataclass
class _Other:
    headline: str
    events: dict
    people: dict
    alike: bool = False


def findings(article):
    """(key, message) for each story or event on file this one may duplicate."""
    if not article.pk:
        return []
    mine = {"e": {}, "p": {}, "o": {}}
    others = {}
    my_words = headline_words(article.headline)
    for pk, headline, trashed, kind, entity, name in _coverage(article):
        if trashed is not None:
            continue
        if pk == article.pk:
            if kind != "h":
                mine[kind][entity] = name
            continue
        other = others.setdefault(pk, _Other(headline, {}, {}))
        if kind == "e":
            other.events[entity] = name
        elif kind == "p":
            other.people[entity] = name
        elif kind == "h":
            other.alike = _words_alike(my_words, headline_words(headline))
    reasons = defaultdict(list)
    for pk, other in others.items():
        shared_events = [name for key, name in other.events.items() if key in mine["e"]]
        if shared_events:
            reasons[pk].append(f"it also covers {_names(shared_events)}")
        people = [name for key, name in other.people.items() if key in mine["p"]]
        if len(people) >= PEOPLE_SHARED_MIN and 2 * len(people) >= len(mine["p"]):
            reasons[pk].append(
                f"it names {len(people)} of the same people ({_names(sorted(people))}) "
                f"within {PEOPLE_WINDOW.days} days"
            )
        if other.alike:
            reasons[pk].append("its headline is much alike")
    found = []
    headline_of = {pk: other.headline for pk, other in others.items()}
    event_found = _events_on_file(article, mine)
    for pk, why in event_found.get("articles", {}).items():
        headline_of.setdefault(pk, why[0])
        reasons[pk].append(why[1])
    # The most reasons first, then the newest.
    for pk in sorted(reasons, key=lambda pk: (-len(reasons[pk]), -pk))[:MAX_FOUND]:
        found.append(
            (
                article_key(pk),
                f"Possible duplicate of “{headline_of[pk]}” (story #{pk}): "
                + "; ".join(reasons[pk])
                + ".",
            )
        )
    for pk, message in event_found.get("events", {}).items():
        found.append((event_key(pk), message))
    return found


def _names(names):
    names = list(names)
    shown = ", ".join(f"“{name}”" for name in names[:4])
    return shown + (f" and {len(names) - 4} more" if len(names) > 4 else "")


def _covered_by(field, article):
    """The newest other story covering the event in the outer query, by `field`."""
    through = (
        Article.events.through.objects.filter(
            event=OuterRef("pk"), article__trashed_at__isnull=True
        )
        .exclude(article=article.pk)
        .order_by("-article_id")
        .values(f"article__{field}")[:1]
    )
    mentions = (
        Mention.objects.filter(_LIVE, event=OuterRef("pk"), article__trashed_at__isnull=True)
        .exclude(article=article.pk)
        .order_by("-article_id")
        .values(f"article__{field}")[:1]
    )
    return Coalesce(Subquery(through), Subquery(mentions))


def _events_on_file(article, mine):
    """Events on file that look like one this story covers or names (one query, if any)."""
    if not mine["e"] and len(mine["o"]) < 2:
        return {}
    day = story_day(article)
    window = (day - EVENT_WINDOW, day + EVENT_WINDOW)
    my_ids = list(mine["e"])
    my_hosts = Event.hosts.through.objects.filter(event__in=my_ids).values("organisation")
    names = Event.objects.filter(pk__in=my_ids).annotate(lname=Lower("name")).values("lname")
    rows = (
        Event.objects.alias(lname=Lower("name"))
        .filter(
            Q(pk__in=my_ids)
            | Q(start_date__range=window)
            & (
                Q(kind=Event.Kind.SIGNING, hosts__in=my_hosts)
                | Q(kind=Event.Kind.SIGNING, hosts__in=list(mine["o"]))
                | Q(lname__in=names)
            )
        )
        .annotate(
            covered_pk=_covered_by("pk", article),
            covered_headline=_covered_by("headline", article),
        )
        .values_list("pk", "name", "kind", "start_date", "hosts", "covered_pk", "covered_headline")
        .order_by()
        .distinct()
    )
    events = {}
    for pk, name, kind, start, host, covered_pk, covered_headline in rows:
        event = events.setdefault(
            pk,
            {"name": name, "kind": kind, "start": start, "hosts": set(), "covered": None},
        )
        if host:
            event["hosts"].add(host)
        if covered_pk:
            event["covered"] = (covered_pk, covered_headline)
    own = {pk: events[pk] for pk in my_ids if pk in events}
    named_hosts = set(mine["o"])
    result = {"articles": {}, "events": {}}
    for pk, event in sorted(events.items(), key=lambda item: -item[0]):
        if pk in own:
            continue
        reason = _same_as(event, own, named_hosts)
        if reason is None:
            continue
        what = f"“{event['name']}” ({event['start'].day} {event['start']:%b %Y}), {reason}"
        if event["covered"]:
            covered_pk, covered_headline = event["covered"]
            result["articles"][covered_pk] = (covered_headline, f"it covers {what}")
        elif len(result["events"]) < MAX_FOUND:
            result["events"][pk] = (
                f"Possible duplicate: the event {what}, is already on file; no story covers it yet."
            )
    return result


def _same_as(event, own, named_hosts):
    """Why `event` may be the same happening as one of this story's, or None."""
    for mine in own.values():
        if event["name"].lower() == mine["name"].lower():
            return "an event on file with the same name as one this story covers"
        if (
            event["kind"] == mine["kind"] == Event.Kind.SIGNING
            and len(event["hosts"] & mine["hosts"]) >= 2
        ):
            return f"a signing by the same organisations as “{mine['name']}”"
    if event["kind"] == Event.Kind.SIGNING and len(event["hosts"] & named_hosts) >= 2:
        return "a signing between organisations this story names"
    return None
