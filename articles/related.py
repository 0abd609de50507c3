"""Related coverage at the foot of a story: other published stories that share its
people, organisations, event or event series, and the reason each is shown.

One query, however many stories share something: the newest few hundred that do
are scored in the database (a shared person or event counts most, a shared
organisation less, another edition of the same series least), and the best four
come back with the name of what they share.
"""

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.db import connection
from django.db.models import Q

from articles.context_processors import attach_sections
from articles.models import Article, Mention

SHOWN = 4
# Only the newest stories sharing anything are scored: an organisation named in
# ten thousand stories must not make every page score ten thousand rows.
MAX_CANDIDATES = 200
WEIGHTS = {"person": 3, "event": 3, "organisation": 2, "series": 1}
REASONS = {
    "person": "Also about {}",
    "organisation": "Also about {}",
    "event": "Also from {}",
    "series": "Also from {}",
}


@dataclass
class Related:
    article: Article
    reason: str


def related_coverage(article, people=(), organisations=(), events=(), series=()):
    """Up to four published stories sharing something with `article`, best first.

    `people`, `organisations`, `events` and `series` are the ids of what the
    story names (its confirmed mentions, quotes and events, and their series).
    """
    people, organisations, event_ids, series = (
        sorted(set(people)),
        sorted(set(organisations)),
        sorted(set(events)),
        sorted(set(series)),
    )
    if not (people or organisations or event_ids or series):
        return []

    confirmed = Mention.objects.confirmed()
    covering = Article.events.through.objects
    ways_in = (
        confirmed.filter(
            Q(person__in=people) | Q(organisation__in=organisations) | Q(event__in=event_ids)
        )
        .order_by()
        .values("article")
    )
    ways_in = ways_in.union(
        covering.filter(Q(event__in=event_ids) | Q(event__series__in=series))
        .order_by()
        .values("article")
    )
    # Which stories a reader may see is the ORM's published(), compiled here;
    # the scoring around it is written out. Built through the ORM, its twelve
    # correlated subqueries took ~21 ms to build and compile against ~3 ms to
    # run (100,000 stories, SQLite), the most a story's first view cost.
    candidates = (
        Article.objects.published()
        .filter(pk__in=ways_in)
        .exclude(pk=article.pk)
        .order_by("-published_at", "-pk")
        .values_list("pk", "published_at")[:MAX_CANDIDATES]
    )
    sql, params = scored(candidates, people, organisations, event_ids, series)
    found = list(Article.objects.raw(sql, params))
    attach_sections(found)
    related = []
    for story in found:
        # The reason is the heaviest thing shared.
        kind = max(
            (kind for kind in WEIGHTS if getattr(story, f"shared_{kind}")),
            key=lambda kind: WEIGHTS[kind],
        )
        related.append(Related(story, REASONS[kind].format(getattr(story, f"{kind}_name"))))
    return related


def _in(column, ids):
    """`column IN (...)` and its parameters; never true for no ids."""
    if not ids:
        return "1 = 0", []
    return f"{column} IN ({', '.join(['%s'] * len(ids))})", list(ids)


def scored(candidates, people, organisations, event_ids, series):
    """(sql, params): the best SHOWN of `candidates` (a queryset of (pk, published_at))
    as whole stories, with `shared_<kind>` counts and the first `<kind>_name` of each."""
    from entities.models import Event, EventSeries, Organisation, Person

    q = connection.ops.quote_name
    mention, covers = q(Mention._meta.db_table), q(Article.events.through._meta.db_table)
    event, series_table = q(Event._meta.db_table), q(EventSeries._meta.db_table)
    person, organisation = q(Person._meta.db_table), q(Organisation._meta.db_table)
    confirmed = Mention.Status.CONFIRMED

    def sharing(kind, story):
        """FROM ... WHERE for the rows of `story` that share `kind`, and their params."""
        if kind in ("person", "organisation"):
            ids = people if kind == "person" else organisations
            where, where_params = _in(f"m.{kind}_id", ids)
            return (
                f"FROM {mention} m WHERE m.article_id = {story} AND m.status = %s AND {where}",
                [confirmed, *where_params],
            )
        events, events_params = _in("ae.event_id", event_ids)
        if kind == "event":
            return f"FROM {covers} ae WHERE ae.article_id = {story} AND {events}", events_params
        # Another edition of the series: this story's own events count above.
        in_series, series_params = _in("se.series_id", series)
        return (
            f"FROM {covers} ae INNER JOIN {event} se ON se.id = ae.event_id "
            f"WHERE ae.article_id = {story} AND {in_series} AND NOT ({events})",
            [*series_params, *events_params],
        )

    names = {
        "person": (f"INNER JOIN {person} n ON n.id = m.person_id", "n.display_name", "m.id"),
        "organisation": (
            f"INNER JOIN {organisation} n ON n.id = m.organisation_id",
            "n.name",
            "m.id",
        ),
        "event": (f"INNER JOIN {event} n ON n.id = ae.event_id", "n.name", "ae.id"),
        "series": (f"INNER JOIN {series_table} n ON n.id = se.series_id", "n.name", "ae.id"),
    }
    counts, count_params = [], []
    for kind in WEIGHTS:
        where, where_params = sharing(kind, "c.pk")
        counts.append(f"(SELECT COUNT(*) {where}) AS shared_{kind}")
        count_params += where_params
    first_names, name_params = [], []
    for kind, (join, column, order) in names.items():
        where, where_params = sharing(kind, "a.id")
        source, _, condition = where.partition(" WHERE ")
        first_names.append(
            f"(SELECT {column} {source} {join} WHERE {condition} ORDER BY {order} LIMIT 1) "
            f"AS {kind}_name"
        )
        name_params += where_params
    score = " + ".join(f"{weight} * {{t}}.shared_{kind}" for kind, weight in WEIGHTS.items())
    candidates_sql, candidates_params = candidates.query.sql_with_params()
    shared = ", ".join(f"s.shared_{kind}" for kind in WEIGHTS)
    article = q(Article._meta.db_table)
    # The model's columns, not a.*: on PostgreSQL that would bring each story's search vector.
    columns = ", ".join(f"a.{q(field.column)}" for field in Article._meta.concrete_fields)
    sql = (
        f"SELECT {columns}, {shared}, {', '.join(first_names)} FROM ("
        f"SELECT t.* FROM (SELECT c.pk AS id, c.published_at, {', '.join(counts)} "
        f"FROM ({candidates_sql}) c) t "
        f"ORDER BY {score.format(t='t')} DESC, t.published_at DESC, t.id DESC LIMIT {SHOWN}"
        f") s INNER JOIN {article} a ON a.id = s.id "
        f"ORDER BY {score.format(t='s')} DESC, s.published_at DESC, s.id DESC"
    )
    return sql, [*name_params, *count_params, *candidates_params]


SHARE_TARGETS = [
    ("Email", "mailto:?{}", lambda url, title: {"subject": title, "body": f"{title}\n{url}"}),
    ("X", "https://x.com/intent/post?{}", lambda url, title: {"url": url, "text": title}),
    ("Facebook", "https://www.facebook.com/sharer/sharer.php?{}", lambda url, title: {"u": url}),
    (
        "LinkedIn",
        "https://www.linkedin.com/sharing/share-offsite/?{}",
        lambda url, title: {"url": url},
    ),
    ("WhatsApp", "https://wa.me/?{}", lambda url, title: {"text": f"{title} {url}"}),
    ("Telegram", "https://t.me/share/url?{}", lambda url, title: {"url": url, "text": title}),
]


def share_links(url, title):
    """Plain links to share a story: no scripts, nothing sent until the reader follows one."""
    return [
        (name, template.format(urlencode(params(url, title), quote_via=quote)))
        for name, template, params in SHARE_TARGETS
    ]
