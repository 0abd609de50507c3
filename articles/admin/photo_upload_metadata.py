"""The photo form's look at a chosen file before it is saved: its metadata as JSON.

Nothing is stored: the file is read from the request and dropped with it. The
form's script fills the empty fields from the answer, so the editor corrects
the caption or the credit before the photo exists, not after.
"""

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from articles.admin.photo_prefill import prefill_data
from newsdesk.images.metadata import read_metadata
from newsdesk.images.uploads import validate_image_upload


class NotAnImage(ValueError):
    pass


def check_image(file):
    """Raise NotAnImage unless `file` passes the same checks as a saved upload."""
    try:
        validate_image_upload(file)
    except ValidationError as refusal:
        raise NotAnImage(" ".join(refusal.messages)) from refusal
    finally:
        file.seek(0)


def error(message, status=400):
    return JsonResponse({"error": message}, status=status)


@require_POST
def metadata_view(request, model_admin):
    if not (model_admin.has_add_permission(request) or model_admin.has_change_permission(request)):
        return error("You may not add or change photos.", status=403)
    file = request.FILES.get("image")
    if file is None:
        return error("No file was sent.")
    try:
        check_image(file)
    except NotAnImage as refusal:
        return error(str(refusal))
    return JsonResponse(prefill_data(model_admin.model, read_metadata(file)))
