from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles and photos"

    def ready(self):
        from articles import (  # noqa: F401
            cache_keys,
            coverage,
            entity_merging,
            entity_pages,
            revisions,
            signals,
        )
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
                # The copy desk's items on a story: for the desk, in the admin.
                "articles.CopyDeskItem",
                # The content API's keys and rate counts, and the webhooks'
                # outbox (articles/api, articles/webhooks): readers see none of them.
                "articles.PartnerKey",
                "articles.RateLimitCounter",
                "articles.WebhookEndpoint",
                "articles.WebhookEvent",
                "articles.WebhookDelivery",
                "articles.WebhookAttempt",
            },
            scheduled=cache_keys.scheduled_changes,
        )
        # Articles are what is tagged: a tag's pages are article lists.
        register_content("taggit")
        search.register(ARTICLE)
        search_schema.register(QUOTES)
        entity_pages.register()
        entity_merging.register()
        coverage.register()
        cache_keys.register()
