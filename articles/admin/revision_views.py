"""An article's saved revisions in the admin: the list, a word diff of any two, restore."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from articles import revisions, workflow
from articles.models import Article
from articles.models.articles import live_status


def _article_with_history(model_admin, request, object_id):
    article = model_admin.get_object(request, unquote(object_id))
    if article is None:
        raise Http404
    if not (
        model_admin.has_view_or_change_permission(request, article)
        and request.user.has_perm("articles.view_historicalarticle")
    ):
        raise PermissionDenied
    return article


def may_restore(request, article):
    return request.user.has_perm("articles.restore_article_revision") and workflow.can_edit(
        request.user, article
    )


def _render(model_admin, request, template, article, title, **context):
    return TemplateResponse(
        request,
        f"admin/articles/article/{template}",
        {
            **model_admin.admin_site.each_context(request),
            "opts": model_admin.opts,
            "original": article,
            "title": title,
            **context,
        },
    )


def revisions_view(request, object_id, model_admin):
    article = _article_with_history(model_admin, request, object_id)
    rows = list(article.history.select_related("history_user"))
    # Each row links to what it changed, compared with the one before it.
    for row, previous in zip(rows, [*rows[1:], None], strict=True):
        row.previous_id = previous.history_id if previous else None
        # As told now: a revision saved while scheduled reads "Published" once that time came.
        row.shown_status = live_status(row.status, row.published_at).label
    return _render(
        model_admin,
        request,
        "revisions.html",
        article,
        f"Revisions of “{article}”",
        revisions=rows,
        can_restore=may_restore(request, article),
    )


def compare_revisions_view(request, object_id, model_admin):
    article = _article_with_history(model_admin, request, object_id)
    try:
        ids = [int(request.GET["old"]), int(request.GET["new"])]
    except (KeyError, ValueError):
        raise Http404 from None
    old, new = sorted(
        (get_object_or_404(article.history, history_id=pk) for pk in ids),
        key=lambda revision: (revision.history_date, revision.history_id),
    )
    return _render(
        model_admin,
        request,
        "compare_revisions.html",
        article,
        f"Changes to “{article}”",
        old=old,
        new=new,
        diffs=revisions.compare(old, new, parts=True),
    )


@require_POST
def restore_revision_view(request, object_id, history_id, model_admin):
    """Restore a revision, text and parts in one step; on a live story, ask first."""
    article = _article_with_history(model_admin, request, object_id)
    if not may_restore(request, article):
        raise PermissionDenied
    revision = get_object_or_404(article.history, history_id=history_id)
    saved = timezone.localtime(revision.history_date)
    if article.is_public and not request.POST.get("confirmed"):
        current = article.history.order_by("-history_date", "-history_id").first()
        return _render(
            model_admin,
            request,
            "restore_confirmation.html",
            article,
            f"Restore the revision of {saved:%Y-%m-%d %H:%M} on a live story?",
            revision=revision,
            diffs=[d for d in revisions.compare(current, revision, parts=True) if d.changed],
        )
    with transaction.atomic():
        current = Article.objects.select_for_update().get(pk=article.pk)
        missing = revisions.restore(current, revision, request.user)
    model_admin.message_user(
        request, f"The revision of {saved:%Y-%m-%d %H:%M} is current again.", messages.SUCCESS
    )
    for line in missing:
        model_admin.message_user(request, f"Not restored: {line}.", messages.WARNING)
    return redirect(reverse("admin:articles_article_revisions", args=[article.pk]))
