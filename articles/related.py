"""Related coverage at the foot of a story: other published stories that share its
people, organisations, event or event series, and the reason each is shown.

One query, however many stories share something: the newest few hundred that do
are scored in the database (a shared person or event counts most, a shared
organisation less, another edition of the same series least), and the best four
come back with the name of what they share.
"""

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

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


def _count(queryset):
    counted = queryset.order_by().values("article").annotate(n=Count("*")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _first_name(queryset, field):
    return Subquery(queryset.order_by("pk").values(field)[:1])


def related_coverage(article, people=(), organisations=(), events=(), series=()):
    """Up to four published stories sharing something with `article`, best first.

    `people`, `organisations`, `events` and `series` are the ids of what the
    story names (its confirmed mentions, quotes and events, and their series).
    """
    people, organisations, event_ids, series = (
        set(people),
        set(organisations),
        set(events),
        set(series),
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
    candidates = (
        Article.objects.published()
        .filter(pk__in=ways_in)
        .exclude(pk=article.pk)
        .order_by("-published_at", "-pk")
        .values("pk")[:MAX_CANDIDATES]
    )
    here = OuterRef("pk")
    shares = {
        "person": confirmed.filter(article=here, person__in=people),
        "organisation": confirmed.filter(article=here, organisation__in=organisations),
        "event": covering.filter(article=here, event__in=event_ids),
        # Another edition of the series: this story's own events count above.
        "series": covering.filter(article=here, event__series__in=series).exclude(
            event__in=event_ids
        ),
    }
    names = {
        "person": "person__display_name",
        "organisation": "organisation__name",
        "event": "event__name",
        "series": "event__series__name",
    }
    counts = {f"shared_{kind}": _count(queryset) for kind, queryset in shares.items()}
    score = sum((WEIGHTS[kind] * _count(queryset) for kind, queryset in shares.items()), Value(0))
    found = (
        Article.objects.filter(pk__in=candidates)
        .select_related("section")
        .annotate(
            relatedness=score,
            **counts,
            **{f"{kind}_name": _first_name(shares[kind], names[kind]) for kind in shares},
        )
        .order_by("-relatedness", "-published_at", "-pk")[:SHOWN]
    )
    related = []
    for story in found:
        # The reason is the heaviest thing shared.
        kind = max(
            (kind for kind in shares if getattr(story, f"shared_{kind}")),
            key=lambda kind: WEIGHTS[kind],
        )
        related.append(Related(story, REASONS[kind].format(getattr(story, f"{kind}_name"))))
    return related


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
