"""Every feed in RSS and in Atom, named `articles:feed_<subject>_<format>`."""

from django.urls import path

from articles import feeds
from articles.correction_feeds import CorrectionAtomFeed, CorrectionFeed

FEEDS = [
    ("latest", "latest/", feeds.LatestFeed, feeds.LatestAtomFeed),
    ("section", "sections/<slug:slug>/", feeds.SectionFeed, feeds.SectionAtomFeed),
    ("tag", "tags/<slug:slug>/", feeds.TagFeed, feeds.TagAtomFeed),
    ("person", "people/<slug:slug>/", feeds.PersonFeed, feeds.PersonAtomFeed),
    (
        "organisation",
        "organisations/<slug:slug>/",
        feeds.OrganisationFeed,
        feeds.OrganisationAtomFeed,
    ),
    ("event", "events/<slug:slug>/", feeds.EventFeed, feeds.EventAtomFeed),
    ("corrections", "corrections/", CorrectionFeed, CorrectionAtomFeed),
]

urlpatterns = [
    pattern
    for subject, prefix, rss, atom in FEEDS
    for pattern in (
        path(f"{prefix}rss/", rss(), name=f"feed_{subject}_rss"),
        path(f"{prefix}atom/", atom(), name=f"feed_{subject}_atom"),
    )
]
