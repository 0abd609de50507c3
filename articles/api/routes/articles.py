from ninja import Query, Router

from articles.api import queries, schemas, serializers
from articles.api.paging import Newest, paginate
from articles.api.routes.common import Paging, absolute, filtered, one
from articles.filters import ArticleFilter
from articles.models import Section
from articles.story_blocks import story_blocks

router = Router(tags=["articles"])

ArticlePage = schemas.page_of(schemas.ArticleSummary, "ArticlePage")
CorrectionPage = schemas.page_of(schemas.CorrectionWithArticle, "CorrectionPage")


@router.get("/articles/", response={200: ArticlePage, 400: schemas.Error}, url_name="article_list")
def article_list(
    request,
    paging: Query[Paging],
    section: str | None = Query(None, description="A section's slug."),
    tag: str | None = Query(None, description="A tag's slug."),
    person: str | None = Query(None, description="By, quoting or mentioning this person (slug)."),
    organisation: str | None = Query(
        None, description="Mentioning this organisation or covering an event it hosted (slug)."
    ),
    event: str | None = Query(None, description="Covering this event (slug)."),
    published_after: str | None = Query(None, description="From this day on (YYYY-MM-DD)."),
    published_before: str | None = Query(None, description="Up to this day (YYYY-MM-DD)."),
):
    """Published stories, newest first, with the filters of the site's article list."""
    articles = filtered(ArticleFilter, request, queries.article_list())
    to_dict = absolute(request)
    return paginate(
        request,
        articles,
        Newest("published_at"),
        limit=paging.limit,
        cursor=paging.cursor,
        serialize=lambda article: serializers.article_summary(article, to_dict),
    )


@router.get(
    "/articles/{slug:slug}/",
    response={200: schemas.Article, 404: schemas.Error},
    url_name="article_detail",
)
def article_detail(request, slug: str):
    """One published story, whole: body, photos, quotes, blocks, links and corrections."""
    article = one(queries.article_detail(), slug=slug)
    queries.load_photos(article)
    return serializers.article_detail(article, absolute(request), story_blocks(article))


@router.get(
    "/sections/", response=list[schemas.SectionRef], url_name="section_list", tags=["articles"]
)
def section_list(request):
    """Every section, for the `section` filter of the article list."""
    to_dict = absolute(request)
    return [serializers.section_ref(section, to_dict) for section in Section.objects.all()]


@router.get(
    "/corrections/",
    response={200: CorrectionPage, 400: schemas.Error},
    url_name="correction_list",
    tags=["corrections"],
)
def correction_list(request, paging: Query[Paging]):
    """Corrections and clarifications to published stories, newest first."""
    to_dict = absolute(request)
    return paginate(
        request,
        queries.corrections(),
        Newest("made_at"),
        limit=paging.limit,
        cursor=paging.cursor,
        serialize=lambda item: serializers.correction(item, to_dict, with_article=True),
    )
