"""Deleting articles in the admin moves them to the trash, which has its own page.

Both the delete page (through `ArticleAdmin`'s delete hooks) and the "delete
selected" action go through `articles.trash`, so no article is ever removed
from the admin; `purge_trash` removes those whose time in the trash is over.
"""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import model_ngettext
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from articles import trash
from articles.models import Article


# Named like Django's own action, so that it takes that action's place.
@admin.action(description="Move selected articles to the trash", permissions=["delete"])
def delete_selected(modeladmin, request, queryset):
    """The changelist's delete action, moving the selected articles to the trash instead."""
    if request.POST.get("post"):
        moved = trash.trash(queryset, request.user)
        modeladmin.message_user(
            request,
            f"Moved {moved} {model_ngettext(modeladmin.opts, moved)} to the trash. "
            f"They can be restored from the trash for {trash.retention().days} days.",
            messages.SUCCESS,
        )
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": "Move to the trash",
        "opts": modeladmin.opts,
        "queryset": queryset,
        "trash_days": trash.retention().days,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(
        request, "admin/articles/article/trash_selected_confirmation.html", context
    )


def moved_to_trash(model_admin, request, obj_display):
    """What the delete page answers once the article is in the trash."""
    model_admin.message_user(
        request,
        f"“{obj_display}” was moved to the trash. "
        f"It can be restored from the trash for {trash.retention().days} days.",
        messages.SUCCESS,
    )
    return redirect(reverse("admin:articles_article_changelist"))


def _check_trash_permission(model_admin, request):
    # Whoever may delete an article may take it back out of the trash.
    if not model_admin.has_delete_permission(request):
        raise PermissionDenied


def trash_view(request, model_admin):
    _check_trash_permission(model_admin, request)
    articles = (
        Article.objects.in_trash()
        .select_related("trashed_by", "section")
        .order_by("-trashed_at", "-pk")
    )
    rows = [
        {
            "article": article,
            "days_left": trash.days_left(article),
            "comes_back_as": Article.Status(trash.status_after_restore(article)).label,
        }
        for article in articles
    ]
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Trash",
        "opts": model_admin.opts,
        "rows": rows,
        "trash_days": trash.retention().days,
    }
    return TemplateResponse(request, "admin/articles/article/trash.html", context)


@require_POST
def restore_view(request, pk, model_admin):
    _check_trash_permission(model_admin, request)
    article = get_object_or_404(Article.objects.in_trash(), pk=pk)
    try:
        trash.restore(article, request.user)
    except trash.TrashError as error:
        model_admin.message_user(request, str(error), messages.ERROR)
        return redirect(reverse("admin:articles_article_trash"))
    model_admin.message_user(
        request,
        f"“{article}” was restored and is now {article.live_status_display.lower()}.",
        messages.SUCCESS,
    )
    return redirect(reverse("admin:articles_article_change", args=[article.pk]))
