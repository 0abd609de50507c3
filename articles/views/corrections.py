from django.db.models import Exists, OuterRef, Prefetch, prefetch_related_objects
from django.views.generic import ListView

from articles.models import Article, Correction
from newsdesk.pagination import NewestFirstPaginator, UncountedPaginationMixin


def in_published_article():
    return Exists(Article.objects.published().filter(pk=OuterRef("article")))


def oldest_first():
    """An article's corrections as its foot lists them."""
    return Prefetch("corrections", queryset=Correction.objects.order_by("made_at", "pk"))


def with_correction_flag(articles):
    """Whether each article has corrections, asked in the article's own query."""
    return articles.annotate(
        has_corrections=Exists(Correction.objects.filter(article=OuterRef("pk")))
    )


def load_corrections(article):
    """The article's corrections, with no query at all for the many that have none."""
    if getattr(article, "has_corrections", True):
        prefetch_related_objects([article], oldest_first())
    else:
        # Already evaluated, as a prefetch leaves it: an unevaluated empty queryset
        # is compiled again each time the page asks whether there are any.
        none = Correction.objects.none()
        none._result_cache = []
        none._prefetch_done = True
        article._prefetched_objects_cache = getattr(article, "_prefetched_objects_cache", {})
        article._prefetched_objects_cache["corrections"] = none


def public_corrections():
    """Corrections to published stories, newest first: the one rule, through the article."""
    return (
        Correction.objects.filter(in_published_article())
        .select_related("article")
        .order_by("-made_at", "-pk")
    )


class CorrectionListView(UncountedPaginationMixin, ListView):
    template_name = "articles/correction_list.html"
    context_object_name = "corrections"
    paginate_by = 20
    # Newest first straight down the made_at index.
    paginator_class = NewestFirstPaginator

    def get_queryset(self):
        return public_corrections()
