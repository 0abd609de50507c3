from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles and photos"

    def ready(self):
        from articles import coverage, entity_merging, entity_pages, revisions, signals  # noqa: F401
        from articles.search import ARTICLE, QUOTES
        from articles.webhooks import signals as webhook_signals  # noqa: F401
        from newsdesk import search
        from newsdesk.pagecache.invalidation import register_content
        from newsdesk.search import schema as search_schema

        register_content(
            "articles",
            private={
                # The workflow's own records, for staff in the admin. A change
                # of status also writes the article itself.
                "articles.Transition",
                "articles.StaffNote",
                "articles.EditSession",
                "articles.HistoricalArticle",
                # Shared previews are never cached, and a link's row is shown nowhere else.
                "articles.ShareLink",
                # Wire captions waiting for an image; only the Photo made from one is shown.
                "articles.WirePhoto",
                # The content API's keys and rate counts, and the webhooks'
                # outbox (articles/api, articles/webhooks): readers see none of them.
                "articles.PartnerKey",
                "articles.RateLimitCounter",
                "articles.WebhookEndpoint",
                "articles.WebhookEvent",
                "articles.WebhookDelivery",
                "articles.WebhookAttempt",
            },
            next_scheduled=next_scheduled_article,
        )
        # Articles are what is tagged: a tag's pages are article lists.
        register_content("taggit")
        search.register(ARTICLE)
        search_schema.register(QUOTES)
        entity_pages.register()
        entity_merging.register()
        coverage.register()


def next_scheduled_article():
    """When the next scheduled story goes live or a front-page pin runs out, in one query."""
    from django.utils import timezone

    from articles.models import Article, FrontPagePin

    going_live = Article.objects.scheduled().order_by().values_list("published_at", flat=True)
    pins_ending = (
        FrontPagePin.objects.filter(expires_at__gt=timezone.now())
        .order_by()
        .values_list("expires_at", flat=True)
    )
    first = going_live.union(pins_ending).order_by("published_at")[:1]
    return next(iter(first), None)
