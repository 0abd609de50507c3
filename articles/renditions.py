"""Responsive renditions of photos: resized, re-encoded copies made once with Pillow.

A photo gets its renditions when it is saved; a page that meets a photo without
them (one uploaded before renditions existed, or whose encoding failed) makes
them then. Either way an image is encoded once: later pages read the stored
files.
"""

import logging
from io import BytesIO

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import prefetch_related_objects
from PIL import Image, ImageOps

from articles.models import Rendition

logger = logging.getLogger(__name__)

WIDTHS = (320, 640, 960, 1280, 1920)
FORMATS = (Rendition.Format.WEBP, Rendition.Format.JPEG)
SAVE_OPTIONS = {
    Rendition.Format.WEBP: {"format": "WEBP", "quality": 80, "method": 4},
    Rendition.Format.JPEG: {"format": "JPEG", "quality": 82, "optimize": True, "progressive": True},
}
# What a broken or missing image file raises while being read or encoded.
IMAGE_ERRORS = (OSError, ValueError, SyntaxError, Image.DecompressionBombError)


def target_widths(width):
    """The widths to make for an image `width` pixels wide; never wider than the original."""
    widest = min(width, WIDTHS[-1])
    return [w for w in WIDTHS if w < widest] + [widest]


def is_current(renditions, photo):
    return bool(renditions) and all(r.source == photo.image.name for r in renditions)


def renditions_for(photo):
    """The photo's renditions, making them first when they are missing or stale.

    Reads the renditions the caller prefetched, so on a page that prefetched this
    costs no query at all unless something has to be made.
    """
    if not photo.image:
        return []
    renditions = list(photo.renditions.all())
    if is_current(renditions, photo):
        return renditions
    return make_renditions(photo)


def prefetch_renditions(photos):
    """Fetch the renditions of many photos in one query; `None`s are skipped."""
    prefetch_related_objects([photo for photo in photos if photo is not None], "renditions")


def renditions_or_none(photo):
    """`renditions_for`, but a broken image file gives no renditions instead of an error page."""
    try:
        return renditions_for(photo)
    except IMAGE_ERRORS:
        logger.exception("Could not make renditions of photo %s", photo.pk)
        return []


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
    """Unsaved renditions of every width and format, their files already written."""
    with photo.image.open("rb") as source, Image.open(source) as original:
        # Cameras store portrait shots sideways with an orientation tag; the
        # renditions carry no EXIF, so the rotation has to be in the pixels.
        image = ImageOps.exif_transpose(original)
        image.load()
        icc_profile = original.info.get("icc_profile") if original.mode in ("RGB", "RGBA") else None
    if "transparency" in image.info:
        image = image.convert("RGBA")
    # Nothing from the original's metadata travels on: EXIF and XMP can hold the
    # photographer's GPS position and camera serial numbers.
    image.info = {}
    bases = {Rendition.Format.WEBP: for_webp(image), Rendition.Format.JPEG: for_jpeg(image)}
    made = []
    for width in target_widths(image.width):
        height = max(1, round(image.height * width / image.width))
        for image_format in FORMATS:
            base = bases[image_format]
            resized = base if width == base.width else resize(base, width, height)
            made.append(store(photo, resized, image_format, icc_profile))
    return made


def resize(image, width, height):
    return image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)


def for_webp(image):
    return image.convert("RGBA" if has_alpha(image) else "RGB")


def for_jpeg(image):
    """RGB for JPEG, transparent areas on white rather than black."""
    if not has_alpha(image):
        return image.convert("RGB")
    rgba = image.convert("RGBA")
    flat = Image.new("RGB", rgba.size, "white")
    flat.paste(rgba, mask=rgba.getchannel("A"))
    return flat


def has_alpha(image):
    return image.mode in ("RGBA", "LA", "PA")


def store(photo, image, image_format, icc_profile):
    buffer = BytesIO()
    options = dict(SAVE_OPTIONS[image_format])
    if icc_profile:
        options["icc_profile"] = icc_profile
    image.save(buffer, **options)
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
    rendition.file.save(name, ContentFile(buffer.getvalue()), save=False)
    return rendition
