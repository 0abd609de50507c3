"""Status changes and preview links from the article admin: buttons, bulk actions, views.

Every status change goes through `workflow.apply`, which checks the user's
rights itself; these views only collect the note and time and report back.
"""

import datetime

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from articles import copydesk, editing, sharing, workflow
from articles.admin import wire_names
from articles.admin.forms import BulkTransitionForm, ShareLinkForm, StaffNoteForm, TransitionForm
from articles.copydesk_duplicates import links_for
from articles.models import Article, CopyDeskItem, ShareLink, StaffNote

# Which `has_<name>_permission` method the changelist asks before offering an action.
_ACTION_PERMISSIONS = {
    None: "change",
    "articles.review_article": "review",
    "articles.publish_article": "publish",
    workflow.OWNER: "change",
}
# The change form's buttons post the whole article form with the action under this prefix.
IN_FORM_PREFIX = "workflow"


def _needs_form(action):
    return action.needs_note or action.name == "schedule"


def refused_message(action, reasons):
    return f"Could not “{action.label.lower()}”: {' '.join(reasons)}"


def bulk_action(action):
    def run(modeladmin, request, queryset):
        return bulk_transition(modeladmin, request, queryset, action)

    run.__name__ = f"bulk_{action.name}"
    description = f"{action.label} (selected articles)"
    return admin.action(
        description=description, permissions=[_ACTION_PERMISSIONS[action.permission]]
    )(run)


# The changelist's actions, one for each status change.
BULK_ACTIONS = [bulk_action(action) for action in workflow.ACTIONS.values()]


def _viewable_article(model_admin, request, object_id):
    article = model_admin.get_object(request, unquote(object_id))
    if article is None:
        raise Http404
    if not model_admin.has_view_or_change_permission(request, article):
        raise PermissionDenied
    return article


def _back_to(article):
    return redirect(reverse("admin:articles_article_change", args=[article.pk]))


@require_POST
def transition_view(request, object_id, model_admin):
    article = _viewable_article(model_admin, request, object_id)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        model_admin.message_user(request, "That status change was not understood.", messages.ERROR)
        return _back_to(article)
    action = workflow.ACTIONS[form.cleaned_data["action"]]
    try:
        workflow.apply(
            article,
            request.user,
            action.name,
            note=form.cleaned_data["note"],
            published_at=form.cleaned_data["published_at"] if action.name == "schedule" else None,
        )
    except workflow.TransitionError as error:
        model_admin.message_user(request, refused_message(action, error.reasons), messages.ERROR)
    else:
        # Whoever moved it on has finished with it; others need not be warned.
        editing.close(article, request.user)
        model_admin.message_user(
            request,
            f"“{article}” is now {article.live_status_display.lower()}.",
            messages.SUCCESS,
        )
    return _back_to(article)


@require_POST
def note_view(request, object_id, model_admin):
    # Anyone who may read the article may talk about it, including a
    # reporter whose submitted story is no longer theirs to edit.
    article = _viewable_article(model_admin, request, object_id)
    if not request.user.has_perm("articles.add_staffnote"):
        raise PermissionDenied
    form = StaffNoteForm(request.POST)
    if form.is_valid():
        StaffNote.objects.create(
            article=article, author=request.user, text=form.cleaned_data["text"]
        )
        model_admin.message_user(request, "Your note was added.", messages.SUCCESS)
    else:
        model_admin.message_user(request, "An empty note was not added.", messages.ERROR)
    return _back_to(article)


def _check_may_share(request):
    if not request.user.has_perm("articles.share_article_preview"):
        raise PermissionDenied


@require_POST
def share_view(request, object_id, model_admin):
    article = _viewable_article(model_admin, request, object_id)
    _check_may_share(request)
    form = ShareLinkForm(request.POST)
    if form.is_valid():
        sharing.create(
            article,
            request.user,
            lifetime=datetime.timedelta(hours=form.cleaned_data["hours"]),
            note=form.cleaned_data["note"],
        )
        model_admin.message_user(request, "A preview link was created.", messages.SUCCESS)
    else:
        model_admin.message_user(request, "The preview link was not created.", messages.ERROR)
    return _back_to(article)


@require_POST
def revoke_link_view(request, object_id, link_id, model_admin):
    article = _viewable_article(model_admin, request, object_id)
    _check_may_share(request)
    sharing.revoke(get_object_or_404(ShareLink, pk=link_id, article=article))
    model_admin.message_user(request, "The preview link was revoked.", messages.SUCCESS)
    return _back_to(article)


def requested_in_form(request):
    """The workflow form posted with the article's own form, or None if no button was pressed."""
    if request.method != "POST" or f"{IN_FORM_PREFIX}-action" not in request.POST:
        return None
    return TransitionForm(request.POST, prefix=IN_FORM_PREFIX)


def precheck_in_form(request, article):
    """Why the button pressed on the change form would be refused, before anything is saved."""
    form = requested_in_form(request)
    if form is None:
        return []
    if not form.is_valid():
        return ["That status change was not understood."]
    action = workflow.ACTIONS[form.cleaned_data["action"]]
    reasons = workflow.precheck(
        article,
        request.user,
        action.name,
        note=form.cleaned_data["note"],
        published_at=form.cleaned_data["published_at"] if action.name == "schedule" else None,
    )
    return [refused_message(action, reasons)] if reasons else []


def apply_in_form(model_admin, request, article):
    """After the change form saved the article, take the action whose button was pressed.

    Returns the response, or None when no workflow button was pressed.
    """
    form = requested_in_form(request)
    if form is None or not form.is_valid():
        return None
    action = workflow.ACTIONS[form.cleaned_data["action"]]
    try:
        workflow.apply(
            article,
            request.user,
            action.name,
            note=form.cleaned_data["note"],
            published_at=form.cleaned_data["published_at"] if action.name == "schedule" else None,
        )
    except workflow.TransitionError as error:
        model_admin.message_user(
            request,
            "Your changes were saved; the status did not change. "
            + refused_message(action, error.reasons),
            messages.ERROR,
        )
    else:
        editing.close(article, request.user)
        model_admin.message_user(
            request,
            f"Your changes were saved and “{article}” is now "
            f"{article.live_status_display.lower()}.",
            messages.SUCCESS,
        )
    return _back_to(article)


@require_POST
def copydesk_view(request, object_id, model_admin):
    """Resolve or dismiss one copy-desk item: an editor's decision, recorded with who and when."""
    article = _viewable_article(model_admin, request, object_id)
    if not request.user.has_perm("articles.review_article"):
        raise PermissionDenied
    status = request.POST.get("decision")
    if status not in (CopyDeskItem.Status.RESOLVED, CopyDeskItem.Status.DISMISSED):
        model_admin.message_user(request, "That decision was not understood.", messages.ERROR)
        return _back_to(article)
    try:
        copydesk.decide(article, request.POST.get("key", ""), request.user, status)
    except KeyError:
        model_admin.message_user(request, "That item is no longer open.", messages.ERROR)
    else:
        model_admin.message_user(
            request,
            f"Copy-desk item {CopyDeskItem.Status(status).label.lower()}.",
            messages.SUCCESS,
        )
    return _back_to(article)


@require_POST
def names_handover_view(request, object_id, model_admin):
    """Send an imported story's names not on file to the moderators; they mark them done."""
    article = _viewable_article(model_admin, request, object_id)
    if request.POST.get("done"):
        if not wire_names.may_add_all(request.user, article):
            raise PermissionDenied
        Article.objects.filter(pk=article.pk).update(
            names_handed_over_at=None, names_handed_over_by=None
        )
        model_admin.message_user(request, f"Names of “{article}” marked done.", messages.SUCCESS)
        return redirect(reverse("admin:articles_mention_changelist"))
    if not wire_names.handover_offered(request.user, article):
        raise PermissionDenied
    Article.objects.filter(pk=article.pk).update(
        names_handed_over_at=timezone.now(), names_handed_over_by=request.user
    )
    model_admin.message_user(
        request, "The names were sent to the moderators' queue.", messages.SUCCESS
    )
    return _back_to(article)


@require_POST
def presence_view(request, object_id, model_admin):
    """The open change form's ping: renew this user's lease and say who else is editing.

    Posted with "leave" when the page is closed, which gives the lease up.
    """
    article = _viewable_article(model_admin, request, object_id)
    if not workflow.can_edit(request.user, article):
        raise PermissionDenied
    if request.POST.get("leave"):
        editing.close(article, request.user)
        return JsonResponse({"others": []})
    others = editing.open_for_edit(article, request.user)
    return JsonResponse({"others": [editing.describe(session) for session in others]})


def workflow_context(request, article, in_form=False):
    """What the change form shows around the article: actions, checks, who else is in.

    `in_form`: the article's form is editable, so the workflow buttons submit
    it, saving what was typed through its validation and version check first.
    """
    user = request.user
    can_edit = workflow.can_edit(user, article)
    others = []
    if can_edit and request.method == "GET":
        others = editing.open_for_edit(article, user)
    presence_url = ""
    if can_edit:
        presence_url = reverse("admin:articles_article_presence", args=[article.pk])
    upcoming = (
        article.published_at
        if article.published_at and article.published_at > timezone.now()
        else None
    )
    transition_form = (
        (
            requested_in_form(request)
            or TransitionForm(initial={"published_at": upcoming}, prefix=IN_FORM_PREFIX)
        )
        if in_form
        else TransitionForm(initial={"published_at": upcoming})
    )
    if in_form:
        # The fields sit outside the article's <form> element but belong to it.
        for field in transition_form.fields.values():
            field.widget.attrs["form"] = f"{article._meta.model_name}_form"
    report = copydesk.review(article)
    return {
        "workflow_actions": workflow.available_actions(user, article),
        "transition_form": transition_form,
        "workflow_in_form": in_form,
        "copydesk": report,
        "copydesk_items": _with_links(user, report.items),
        "copydesk_decided": _with_links(user, report.decided),
        "other_editors": [editing.describe(session) for session in others],
        "presence_url": presence_url,
        "names_handover": wire_names.handover_offered(user, article)
        and len(wire_names.name_entries(article)),
        "presence_seconds": int(editing.PING_INTERVAL.total_seconds()),
        "note_form": StaffNoteForm() if user.has_perm("articles.add_staffnote") else None,
        "share_form": ShareLinkForm() if user.has_perm("articles.share_article_preview") else None,
    }


def _with_links(user, items):
    """Each item with the story or event it names, linked for those who may open it (no 403)."""
    return [
        (item, [link for link in links_for(item.key) if user.has_perm(link.perm)]) for item in items
    ]


def bulk_transition(modeladmin, request, queryset, action):
    form = None
    if _needs_form(action):
        form = BulkTransitionForm(request.POST if "apply" in request.POST else None)
        form.fields["note"].required = action.needs_note
        form.fields["published_at"].required = action.name == "schedule"
        if not form.is_bound or not form.is_valid():
            return _bulk_form_page(modeladmin, request, queryset, action, form)
    values = form.cleaned_data if form else {}
    done, refused = 0, []
    for article in queryset:
        try:
            workflow.apply(
                article,
                request.user,
                action.name,
                note=values.get("note", ""),
                published_at=values.get("published_at"),
            )
        except workflow.TransitionError as error:
            refused.append(f"“{article}”: {' '.join(error.reasons)}")
        else:
            done += 1
    if done:
        modeladmin.message_user(
            request, f"{action.label}: {done} article(s) done.", messages.SUCCESS
        )
    for line in refused:
        modeladmin.message_user(
            request, f"Could not “{action.label.lower()}” {line}", messages.ERROR
        )
    return None


def _bulk_form_page(modeladmin, request, queryset, action, form):
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": f"{action.label}: {queryset.count()} article(s)",
        "opts": modeladmin.opts,
        "action": action,
        "action_name": f"bulk_{action.name}",
        "articles": queryset,
        "form": form,
        "checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/articles/article/bulk_transition.html", context)
