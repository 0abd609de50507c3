from django.conf import settings

from articles.models import Section


def navigation(request):
    """Site name and the section navigation, for the masthead on every page."""
    return {
        "site_name": settings.NEWSDESK["SITE_NAME"],
        "site_tagline": settings.NEWSDESK["TAGLINE"],
        "nav_sections": Section.objects.only("name", "slug"),
    }
