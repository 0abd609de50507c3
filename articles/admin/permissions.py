"""Who may change an article in the admin, decided by the workflow rather than by buttons."""

from articles import workflow


def may_edit(request, article):
    return article is None or workflow.can_edit(request.user, article)


class FollowsArticleEditRights:
    """An inline of an article whose rows are read-only whenever the article is.

    Without it a reporter viewing a submitted article would still be offered
    editable bylines and quotes, only to have the save refused.
    """

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and may_edit(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and may_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and may_edit(request, obj)
