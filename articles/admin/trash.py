"""Deleting articles in the admin moves them to the trash, which has its own page.

Both the delete page and the "delete selected" action go through
`articles.trash`, so no article is ever removed from the admin; `purge_trash`
removes those whose time in the trash is over.
"""

from django.contrib import messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import model_ngettext
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from articles import trash
from articles.models import Article


def trash_selected(modeladmin, request, queryset):
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


class TrashAdminMixin:
    delete_confirmation_template = "admin/articles/article/trash_confirmation.html"

    def get_queryset(self, request):
        return super().get_queryset(request).not_trashed()

    def get_actions(self, request):
        actions = super().get_actions(request)
        # Replaced after Django has checked the delete permission for it.
        if "delete_selected" in actions:
            actions["delete_selected"] = (
                trash_selected,
                "delete_selected",
                "Move selected articles to the trash",
            )
        return actions

    def get_deleted_objects(self, objs, request):
        # Nothing is deleted: the article keeps its parts, and the user needs
        # no permission to delete them.
        articles = [str(obj) for obj in objs]
        return articles, {self.opts.verbose_name_plural: len(articles)}, set(), []

    def delete_model(self, request, obj):
        trash.trash([obj], request.user)

    def delete_queryset(self, request, queryset):
        trash.trash(queryset, request.user)

    def render_delete_form(self, request, context):
        return super().render_delete_form(
            request, {**context, "trash_days": trash.retention().days}
        )

    def response_delete(self, request, obj_display, obj_id):
        self.message_user(
            request,
            f"“{obj_display}” was moved to the trash. "
            f"It can be restored from the trash for {trash.retention().days} days.",
            messages.SUCCESS,
        )
        return redirect(reverse("admin:articles_article_changelist"))

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("trash/", wrap(self.trash_view), name="articles_article_trash"),
            path(
                "trash/<int:pk>/restore/",
                wrap(require_POST(self.restore_view)),
                name="articles_article_restore",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(
            request,
            {"may_use_trash": self.has_delete_permission(request), **(extra_context or {})},
        )

    def _check_trash_permission(self, request):
        # Whoever may delete an article may take it back out of the trash.
        if not self.has_delete_permission(request):
            raise PermissionDenied

    def trash_view(self, request):
        self._check_trash_permission(request)
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
            **self.admin_site.each_context(request),
            "title": "Trash",
            "opts": self.opts,
            "rows": rows,
            "trash_days": trash.retention().days,
        }
        return TemplateResponse(request, "admin/articles/article/trash.html", context)

    def restore_view(self, request, pk):
        self._check_trash_permission(request)
        article = get_object_or_404(Article.objects.in_trash(), pk=pk)
        try:
            trash.restore(article, request.user)
        except trash.TrashError as error:
            self.message_user(request, str(error), messages.ERROR)
            return redirect(reverse("admin:articles_article_trash"))
        self.message_user(
            request,
            f"“{article}” was restored and is now {article.get_status_display().lower()}.",
            messages.SUCCESS,
        )
        return redirect(reverse("admin:articles_article_change", args=[article.pk]))
