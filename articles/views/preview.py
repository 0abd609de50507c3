"""Unpublished articles as readers will see them, for staff and for share links.

Previews must never be cached by a shared cache or indexed by a search engine:
a cached draft would outlive its revocation, an indexed one would break an embargo.
"""

from functools import wraps

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView

from articles import sharing
from articles.models import Article
from articles.views.public import ArticlePageMixin, article_parts


def noindex(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.headers["X-Robots-Tag"] = "noindex"
        return response

    return wrapped


class PreviewMixin(ArticlePageMixin):
    template_name = "articles/article_preview.html"
    http_method_names = ["get", "head"]
    shared = False

    def get_context_data(self, **kwargs):
        return super().get_context_data(shared=self.shared, **kwargs)


@method_decorator([never_cache, noindex, staff_member_required], name="dispatch")
class StaffPreviewMixin(PermissionRequiredMixin, PreviewMixin):
    permission_required = "articles.view_article"
    # Only staff get this far, so refusing says "not for your role", not "log in".
    raise_exception = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            change_url=reverse("admin:articles_article_change", args=[self.object.pk]), **kwargs
        )


class ArticlePreviewView(StaffPreviewMixin, DetailView):
    def get_queryset(self):
        return self.with_parts(Article.objects.all())


class RevisionPreviewView(StaffPreviewMixin, DetailView):
    permission_required = ["articles.view_article", "articles.view_historicalarticle"]

    def get_object(self, queryset=None):
        current = get_object_or_404(Article, pk=self.kwargs["pk"])
        self.revision = get_object_or_404(
            current.history.select_related("history_user"), history_id=self.kwargs["history_id"]
        )
        article = self.revision.instance
        # The revision keeps the article's own fields; photos, quotes and
        # blocks are the current article's.
        prefetch_related_objects([article], *article_parts())
        return article

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            revision=self.revision,
            current_url=reverse("articles:preview", args=[self.object.pk]),
            **kwargs,
        )


@method_decorator([never_cache, noindex], name="dispatch")
class SharedPreviewView(PreviewMixin, DetailView):
    shared = True

    def get_object(self, queryset=None):
        link = sharing.resolve(self.kwargs["token"])
        if link is None:
            raise Http404("This preview link is not valid.")
        return get_object_or_404(self.with_parts(Article.objects.all()), pk=link.article_id)
