import datetime

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from articles.filters import published_tags
from articles.models import Article, Section

# Google News reads only stories from the last two days, and at most 1,000 of them.
NEWS_WINDOW = datetime.timedelta(days=2)
NEWS_LIMIT = 1000


class ArticleSitemap(Sitemap):
    def items(self):
        # Built per request: `published()` reads the clock.
        return Article.objects.published().only("slug", "updated_at")

    def lastmod(self, article):
        return article.updated_at

    def get_latest_lastmod(self):
        # The default would load every article to find the newest change.
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


class SectionSitemap(Sitemap):
    def items(self):
        return Section.objects.all()


class TagSitemap(Sitemap):
    def items(self):
        return published_tags()

    def location(self, tag):
        return reverse("articles:tag_detail", kwargs={"slug": tag.slug})


class NewsSitemap(Sitemap):
    """The Google News sitemap; rendered with its own template for the `news:` fields."""

    limit = NEWS_LIMIT

    def items(self):
        published = Article.objects.published()
        return published.filter(published_at__gte=timezone.now() - NEWS_WINDOW).only(
            "slug", "headline", "published_at", "updated_at"
        )

    def lastmod(self, article):
        return article.updated_at

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        publication = {"name": settings.NEWSDESK["SITE_NAME"], "language": "en"}
        for url in urls:
            url["news"] = {
                "publication": publication,
                "publication_date": url["item"].published_at,
                "title": url["item"].headline,
            }
        return urls
