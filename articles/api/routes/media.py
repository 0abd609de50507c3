from django.core.validators import slug_unicode_re
from ninja import Query, Router
from ninja.errors import HttpError

from articles.api import queries, schemas, serializers
from articles.api.paging import ById, paginate
from articles.api.routes.common import Paging, absolute, one

router = Router()

PhotoPage = schemas.page_of(schemas.Photo, "PhotoPage")
QuotePage = schemas.page_of(schemas.Quote, "QuotePage")


@router.get(
    "/photos/",
    response={200: PhotoPage, 400: schemas.Error},
    url_name="photo_list",
    tags=["photos"],
)
def photo_list(request, paging: Query[Paging]):
    """Photos of published stories, in order of id, with their renditions."""
    to_dict = absolute(request)
    return paginate(
        request,
        queries.photos(),
        ById(),
        limit=paging.limit,
        cursor=paging.cursor,
        serialize=lambda photo: serializers.photo(photo, to_dict),
    )


@router.get(
    "/photos/{int:pk}/",
    response={200: schemas.Photo, 404: schemas.Error},
    url_name="photo_detail",
    tags=["photos"],
)
def photo_detail(request, pk: int):
    return serializers.photo(one(queries.photos(), pk=pk), absolute(request))


@router.get(
    "/quotes/",
    response={200: QuotePage, 400: schemas.Error},
    url_name="quote_list",
    tags=["quotes"],
)
def quote_list(
    request,
    paging: Query[Paging],
    person: str | None = Query(None, description="Only this person's quotes (slug)."),
):
    """Quotes from published stories, in order of id."""
    quotes = queries.quotes()
    if person:
        if not slug_unicode_re.match(person):
            raise HttpError(400, "`person` must be a person's slug.")
        quotes = quotes.filter(person__slug=person)
    to_dict = absolute(request)
    return paginate(
        request,
        quotes,
        ById(),
        limit=paging.limit,
        cursor=paging.cursor,
        serialize=lambda quote: serializers.quote(quote, to_dict),
    )


@router.get(
    "/quotes/{int:pk}/",
    response={200: schemas.Quote, 404: schemas.Error},
    url_name="quote_detail",
    tags=["quotes"],
)
def quote_detail(request, pk: int):
    return serializers.quote(one(queries.quotes(), pk=pk), absolute(request))
