from django.conf import settings
from django.db.models import prefetch_related_objects
from django.utils.functional import SimpleLazyObject

from articles.cache_keys import SECTIONS
from articles.models import Section
from newsdesk.pagecache.dependencies import EVERYTHING
from newsdesk.pagecache.invalidation import content_version, fragment_version, remember


def navigation(request):
    """Site name and the section navigation, for the masthead on every page."""
    return {
        "site_name": settings.NEWSDESK["SITE_NAME"],
        "site_tagline": settings.NEWSDESK["TAGLINE"],
        # Every page shows it: kept until the content changes, and read only by
        # a page that renders it.
        "nav_sections": SimpleLazyObject(navigation_sections),
        # Keys for fragments kept until anything changes ({% cache ... content_token %}),
        # or, for what is "published by now", also until a scheduled story goes live.
        # A fragment of a few things is better kept by their versions alone:
        # {% fragment_version article as version %} (newsdesk/templatetags/pagecache.py).
        "content_token": SimpleLazyObject(lambda: fragment_version(EVERYTHING)),
        "content_version": SimpleLazyObject(content_version),
    }


def navigation_sections():
    """The sections in navigation order, kept until a section changes."""
    return remember("sections", lambda: list(Section.objects.only("name", "slug")), keys=[SECTIONS])


def attach_sections(articles):
    """Give `articles` read without their section (raw SQL) the sections the masthead
    keeps: no query, or one for a section it does not know."""
    missing = [article for article in articles if "section" not in article._state.fields_cache]
    if not missing:
        return
    kept = {section.pk: section for section in navigation_sections()}
    for article in missing:
        if article.section_id is None or article.section_id in kept:
            article._state.fields_cache["section"] = kept.get(article.section_id)
    prefetch_related_objects(
        [article for article in missing if "section" not in article._state.fields_cache],
        "section",
    )
