import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles import structured_data as article_data
from articles.models import Article, Photo
from entities import structured_data as entity_data
from entities.models import Document, Event, EventSeries, Organisation, Person

register = template.Library()

BUILDERS = {
    Article: article_data.news_article,
    Photo: article_data.image_object,
    Person: entity_data.person_profile,
    Organisation: entity_data.organisation_profile,
    Event: entity_data.event,
    EventSeries: entity_data.series,
    Document: entity_data.report,
}

# As django.utils.html.json_script: inside <script> the HTML parser ends the
# element at the first "</", whatever JSON thinks of it.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _request(context):
    # Error pages render without a request.
    return context.get("request")


@register.simple_tag(takes_context=True)
def absolute_uri(context, path):
    request = _request(context)
    return request.build_absolute_uri(path) if request else path


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page's address without its query string, except a page number past the first."""
    request = _request(context)
    if request is None:
        return ""
    page = context.get("page_obj")
    query = f"?page={page.number}" if page is not None and page.number > 1 else ""
    return request.build_absolute_uri(request.path + query)


@register.simple_tag(takes_context=True)
def json_ld(context, obj, **loaded):
    """`obj` as JSON-LD; `loaded` gives the builder what the page loaded apart from
    `obj` (an event's `hosts`)."""
    request = _request(context)
    if request is None:
        return ""
    data = BUILDERS[type(obj)](obj, request.build_absolute_uri, **loaded)
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(JSON_SCRIPT_ESCAPES)),
    )
