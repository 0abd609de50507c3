"""The site's sitemaps: one index of the public pages, and the Google News sitemap."""

from articles.sitemaps import ArticleSitemap, NewsSitemap, SectionSitemap, TagSitemap
from entities import sitemaps as entity_sitemaps

SITEMAPS = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "tags": TagSitemap,
    "people": entity_sitemaps.people,
    "organisations": entity_sitemaps.organisations,
    "events": entity_sitemaps.events,
    "series": entity_sitemaps.series,
    "reports": entity_sitemaps.documents,
}

NEWS_SITEMAPS = {"news": NewsSitemap}
