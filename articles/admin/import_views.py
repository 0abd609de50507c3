"""The "Import wire copy" page: preview what the importer reads, then create the draft.

The preview is a dry run; the copy then travels back signed, so the draft is
made from exactly the text that was previewed.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from articles.admin.import_forms import ConfirmForm, CopyForm, sign_copy
from articles.wire.importer import Duplicate, Refused, import_text


def import_view(request, model_admin):
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    if request.method == "POST" and "create" in request.POST:
        return _create(model_admin, request)
    form = CopyForm(request.POST or None, request.FILES or None)
    if form.is_bound and form.is_valid():
        return _preview(model_admin, request, form.cleaned_data["copy"], form.cleaned_data["name"])
    return _page(model_admin, request, form=form)


def _preview(model_admin, request, text, name, confirm=None):
    duplicate = None
    try:
        try:
            outcome = import_text(text, name, dry_run=True)
        except Duplicate as error:
            # Show the story anyway; the desk decides whether to import it again.
            duplicate = error.article
            outcome = import_text(text, name, dry_run=True, force=True)
    except Refused as error:
        return _page(
            model_admin, request, form=CopyForm(), error=f"This copy cannot be imported: {error}."
        )
    return _page(
        model_admin,
        request,
        story=outcome.story,
        duplicate=duplicate,
        confirm=confirm or ConfirmForm(initial={"signed": sign_copy(text, name)}),
    )


def _create(model_admin, request):
    confirm = ConfirmForm(request.POST)
    if not confirm.is_valid():
        return _page(
            model_admin, request, form=CopyForm(), error=" ".join(confirm.errors["signed"])
        )
    text, name = confirm.cleaned_data["signed"]["text"], confirm.cleaned_data["signed"]["name"]
    try:
        outcome = import_text(text, name, force=confirm.cleaned_data["force"], user=request.user)
    except Duplicate as error:
        confirm.add_error(
            "force",
            f"This copy was already imported as “{error.article}”; "
            "tick the box to import it again.",
        )
        return _preview(model_admin, request, text, name, confirm)
    except Refused as error:
        confirm.add_error(None, f"This copy cannot be imported: {error}.")
        return _preview(model_admin, request, text, name, confirm)
    article = outcome.article
    model_admin.message_user(
        request, f"“{article}” was imported as a draft; check it over.", messages.SUCCESS
    )
    return redirect(reverse("admin:articles_article_change", args=[article.pk]))


def _page(model_admin, request, **context):
    return TemplateResponse(
        request,
        "admin/articles/article/import.html",
        {
            **model_admin.admin_site.each_context(request),
            "title": "Import wire copy",
            "opts": model_admin.opts,
            **context,
        },
    )
