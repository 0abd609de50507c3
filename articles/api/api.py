"""The read-only content API for partners, under /api/.

django-ninja: the schemas are type hints that both check what the views return
and make the OpenAPI document, and it ships Swagger UI's files, so /api/docs/
is served from our own static files under the site's Content-Security-Policy.
"""

from django.conf import settings
from ninja import NinjaAPI, Swagger

from articles.api.routes import articles, entities, media
from articles.api.routes.common import FilterError

DESCRIPTION = """
Read-only access to everything published on the site: articles with their
bylines, photos, quotes, blocks, links and corrections; the people,
organisations and events they cover; photos and quotes.

**Lists** are paged by cursor: follow each page's `next` address (null on the
last page); `limit` sets the page size (1 to 100, 20 by default). Lists take the
same filters as the site's own lists. An unknown filter value is a 400 with the
reasons.

**Caching**: responses carry `ETag` and `Last-Modified`; send them back as
`If-None-Match` / `If-Modified-Since` and an unchanged resource answers 304.

**Rate limits**: anonymous clients get a modest number of requests per minute
per address; a partner key (header `X-API-Key`, or `Authorization: Bearer <key>`)
raises it. Every response says `X-RateLimit-Limit` and `X-RateLimit-Remaining`;
over the limit the answer is 429 with `Retry-After` (seconds).

**Webhooks**: partners may also be told when a story is published, updated,
corrected or unpublished; see the README's "API and webhooks" section for the
signature check.
"""


class ContentAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        components = schema.setdefault("components", {})
        components.setdefault("securitySchemes", {})["PartnerKey"] = {
            "type": "apiKey",
            "in": "header",
            "name": "X-API-Key",
            "description": "Optional: a partner key raises the rate limit.",
        }
        # Either no key at all or a partner key.
        schema["security"] = [{}, {"PartnerKey": []}]
        return schema


api = ContentAPI(
    title=f"{settings.NEWSDESK['SITE_NAME']} content API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs/",
    # validatorUrl off: Swagger UI would otherwise load a badge from a third-party site.
    docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": False}),
)
api.add_router("", articles.router)
api.add_router("", entities.router)
api.add_router("", media.router)


@api.exception_handler(FilterError)
def filter_error(request, error):
    return api.create_response(request, {"detail": str(error), "errors": error.errors}, status=400)
