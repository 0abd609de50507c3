"""schema.org descriptions of articles and photos, as dicts ready for JSON-LD.

Each builder takes `absolute`, which turns a site path into a full address
(`request.build_absolute_uri`), and reads only what the page has already fetched.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from articles.renditions import share_rendition
from entities.structured_data import SCHEMA, organisation_ref, person_ref


def publisher(absolute):
    return {
        "@type": "Organization",
        "name": settings.NEWSDESK["SITE_NAME"],
        "url": absolute(reverse("articles:home")),
    }


def news_article(article, absolute):
    url = absolute(article.get_absolute_url())
    data = {
        "@context": SCHEMA,
        "@type": "NewsArticle",
        "headline": article.headline,
        "description": article.standfirst,
        "datePublished": timezone.localtime(article.published_at).isoformat(),
        "dateModified": timezone.localtime(article.updated_at).isoformat(),
        "author": [person_ref(byline.person, absolute) for byline in article.bylines.all()],
        "publisher": publisher(absolute),
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
    }
    if shared := share_rendition(article.lead_photo):
        data["image"] = [absolute(shared.file.url)]
    if article.section:
        data["articleSection"] = article.section.name
    if keywords := [tag.name for tag in article.tags.all()]:
        data["keywords"] = keywords
    if corrections := [
        {
            "@type": "CorrectionComment",
            "text": f"{correction.get_kind_display()}: {correction.text}",
            "datePublished": timezone.localtime(correction.made_at).isoformat(),
        }
        for correction in article.corrections.all()
    ]:
        data["correction"] = corrections
    return data


def image_object(photo, absolute):
    data = {
        "@context": SCHEMA,
        "@type": "ImageObject",
        "url": absolute(photo.get_absolute_url()),
        "caption": photo.caption,
        "creditText": photo.credit,
    }
    # A rendition, never the original upload, which keeps its EXIF (GPS included).
    if shared := share_rendition(photo):
        data["contentUrl"] = absolute(shared.file.url)
        data["width"], data["height"] = shared.width, shared.height
    if photo.photographer:
        data["creator"] = person_ref(photo.photographer, absolute)
    elif photo.source:
        data["creator"] = organisation_ref(photo.source, absolute)
    elif photo.credit:
        data["creator"] = {"@type": "Organization", "name": photo.credit}
    return data
