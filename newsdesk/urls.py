import os
import re

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.views.generic import TemplateView

from newsdesk import bench_views, media
from newsdesk.sitemaps import NEWS_SITEMAPS, SITEMAPS

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("articles.api.urls")),
    path("", include("entities.urls")),
    path("", include("articles.urls")),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap_index",
    ),
    # Before the sections' pattern, which would also match it.
    path(
        "sitemap-news.xml",
        sitemap_views.sitemap,
        {"sitemaps": NEWS_SITEMAPS, "template_name": "sitemaps/news.xml"},
        name="sitemap_news",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain; charset=utf-8"),
        name="robots_txt",
    ),
]

# The benchmarks' yardstick; never routed unless a benchmark asks for it.
if os.environ.get("NEWSDESK_BENCH_VIEWS") == "1":
    urlpatterns += [path("bench/bare/", bench_views.bare, name="bench_bare")]

if media.serves_media():
    # Media under MEDIA_ROOT, with or without DEBUG (a proxy in front may serve
    # them itself); object storage has addresses of its own.
    urlpatterns += [
        re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.+)$", media.serve)
    ]
