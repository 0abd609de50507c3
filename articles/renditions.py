"""Responsive renditions of photos: resized, re-encoded copies made once with Pillow.

A photo gets its renditions from a background task queued when it is saved
(`articles.tasks`); pages only read what exists, and show a placeholder of the
photo's size until the renditions are there. A reader's request never encodes
an image nor writes to the database. A photo whose file cannot be made into
renditions has the reason recorded, once, on the photo (shown in the admin),
and no partial file stays behind.
"""

import logging

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import prefetch_related_objects

from articles.models import Photo, Rendition
from newsdesk.images import renditions as images
from newsdesk.images.renditions import IMAGE_ERRORS

logger = logging.getLogger(__name__)


def is_current(renditions, photo):
    return bool(renditions) and all(r.source == photo.image.name for r in renditions)


# Where a prefetch may leave a photo's renditions as a plain list (`to_attr`).
RENDITION_LIST = "rendition_list"


def renditions_for(photo):
    """The photo's renditions that exist for its current file; never makes any.

    Reads the renditions the caller prefetched, so on a page that prefetched
    this costs no query. Empty until the background task has made them.
    """
    if not photo or not photo.image:
        return []
    found = getattr(photo, RENDITION_LIST, None)
    if found is None:
        found = photo.renditions.all()
    return [r for r in found if r.source == photo.image.name]


def prefetch_renditions(photos):
    """Fetch the renditions of many photos in one query; `None`s are skipped."""
    prefetch_related_objects([photo for photo in photos if photo is not None], "renditions")


# The name pages used when they could still make renditions; reading is all there is now.
renditions_or_none = renditions_for


def render_photo(photo_id):
    """Make a photo's renditions, or record once why they cannot be made (the task's body)."""
    photo = Photo.objects.filter(pk=photo_id).first()
    if photo is None or not photo.image:
        return
    try:
        make_renditions(photo)
    except IMAGE_ERRORS as error:
        reason = f"{type(error).__name__}: {error}"[:1000]
        logger.warning("No renditions for photo %s: %s", photo.pk, reason)
        # Only if the photo still has this file: a new one gets its own try.
        Photo.objects.filter(pk=photo.pk, image=photo.image.name).update(rendition_failure=reason)
    else:
        if photo.rendition_failure:
            Photo.objects.filter(pk=photo.pk, image=photo.image.name).update(rendition_failure="")


# Link previews and structured data want one picture about this wide.
SHARE_WIDTH = 1280


def share_rendition(photo):
    """The JPEG rendition for link previews and structured data; None without renditions.

    Readers never get the original upload's address: only renditions, which
    carry no EXIF, are published.
    """
    if not photo:
        return None
    jpegs = [r for r in renditions_or_none(photo) if r.format == Rendition.Format.JPEG]
    fitting = [r for r in jpegs if r.width <= SHARE_WIDTH]
    return (
        max(fitting, key=lambda r: r.width)
        if fitting
        else min(jpegs, key=lambda r: r.width, default=None)
    )


def make_renditions(photo):
    # The prefetched list may be older than the database: check there first.
    existing = list(Rendition.objects.filter(photo=photo))
    if is_current(existing, photo):
        return existing
    made = encode(photo)
    try:
        with transaction.atomic():
            # Deleting through the ORM sends post_delete, which removes their files.
            Rendition.objects.filter(photo=photo).exclude(source=photo.image.name).delete()
            Rendition.objects.bulk_create(made)
    except IntegrityError:
        # Another request made them meanwhile; keep its rows, drop our copies of the files.
        winners = list(Rendition.objects.filter(photo=photo))
        kept = {r.file.name for r in winners}
        for rendition in made:
            if rendition.file.name not in kept:
                rendition.file.storage.delete(rendition.file.name)
        return winners
    return made


def encode(photo):
    """Unsaved renditions of every width and format, their files already written.

    If any of them fails, the files already written are deleted before the error goes on.
    """
    with photo.image.open("rb") as source:
        image = images.prepared(source)
    made = []
    try:
        for image_format, resized in images.variants(image):
            made.append(store(photo, resized, image_format))
    except BaseException:
        for rendition in made:
            rendition.file.storage.delete(rendition.file.name)
        raise
    return made


def store(photo, image, image_format):
    rendition = Rendition(
        photo=photo,
        width=image.width,
        height=image.height,
        format=image_format,
        source=photo.image.name,
    )
    name = rendition.file.field.generate_filename(rendition, "")
    # A file already under this name may be another process's, making the same
    # photo's renditions at this moment: the storage then picks a free name,
    # and whichever rows commit first win (see make_renditions).
    rendition.file.save(name, ContentFile(images.encoded(image, image_format)), save=False)
    return rendition
