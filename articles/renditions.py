"""Responsive renditions of photos: resized, re-encoded copies made once with Pillow.

A photo gets its renditions from a background task queued when it is saved
(`articles.tasks`); pages only read what exists, and show a placeholder of the
photo's size until the renditions are there. A reader's request never encodes
an image nor writes to the database. A photo whose file cannot be made into
renditions has the reason recorded, once, on the photo (shown in the admin),
and no partial file stays behind.
"""

import logging
import math
from io import BytesIO

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import prefetch_related_objects
from PIL import Image, ImageCms, ImageOps

from articles.models import Photo, Rendition

logger = logging.getLogger(__name__)

WIDTHS = (320, 640, 960, 1280, 1920)
FORMATS = (Rendition.Format.WEBP, Rendition.Format.JPEG)
SAVE_OPTIONS = {
    Rendition.Format.WEBP: {"format": "WEBP", "quality": 80, "method": 4},
    Rendition.Format.JPEG: {"format": "JPEG", "quality": 82, "optimize": True, "progressive": True},
}
# What a broken or missing image file raises while being read or encoded.
IMAGE_ERRORS = (OSError, ValueError, SyntaxError, Image.DecompressionBombError)
# WebP cannot encode a side longer than this; a very tall picture's renditions
# are narrowed until they fit (JPEG's own limit, 65,535, is then never reached).
MAX_SIDE = 16383


def target_widths(width):
    """The widths to make for an image `width` pixels wide; never wider than the original."""
    widest = min(width, WIDTHS[-1])
    return [w for w in WIDTHS if w < widest] + [widest]


def is_current(renditions, photo):
    return bool(renditions) and all(r.source == photo.image.name for r in renditions)


def sizes(width, height):
    """(width, height) of each rendition of a `width` x `height` image, within MAX_SIDE."""
    made = {}
    for target in target_widths(width):
        if round(height * target / width) > MAX_SIDE:
            target = max(1, math.floor(width * MAX_SIDE / height))
        made.setdefault(target, min(MAX_SIDE, max(1, round(height * target / width))))
    return list(made.items())


def renditions_for(photo):
    """The photo's renditions that exist for its current file; never makes any.

    Reads the renditions the caller prefetched, so on a page that prefetched
    this costs no query. Empty until the background task has made them.
    """
    if not photo or not photo.image:
        return []
    return [r for r in photo.renditions.all() if r.source == photo.image.name]


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
    with photo.image.open("rb") as source, Image.open(source) as original:
        # Cameras store portrait shots sideways with an orientation tag; the
        # renditions carry no EXIF, so the rotation has to be in the pixels.
        image = ImageOps.exif_transpose(original)
        image.load()
        icc_profile = original.info.get("icc_profile")
    if "transparency" in image.info:
        image = image.convert("RGBA")
    # Colours as the profile meant them, in sRGB, which browsers assume when a
    # file has no profile; the profile itself (it can be megabytes) is dropped.
    image = to_srgb(image, icc_profile)
    # Nothing from the original's metadata travels on: EXIF and XMP can hold the
    # photographer's GPS position and camera serial numbers.
    image.info = {}
    bases = {Rendition.Format.WEBP: for_webp(image), Rendition.Format.JPEG: for_jpeg(image)}
    made = []
    try:
        for width, height in sizes(image.width, image.height):
            for image_format in FORMATS:
                base = bases[image_format]
                same = (width, height) == base.size
                resized = base if same else resize(base, width, height)
                made.append(store(photo, resized, image_format))
    except BaseException:
        for rendition in made:
            rendition.file.storage.delete(rendition.file.name)
        raise
    return made


SRGB = ImageCms.createProfile("sRGB")


def to_srgb(image, icc_profile):
    """The image converted from its embedded ICC profile to sRGB; as it is without one."""
    if not icc_profile:
        return image
    output = "RGBA" if has_alpha(image) else "RGB"
    if image.mode not in ("RGB", "RGBA", "CMYK", "L"):
        image = image.convert(output)
    try:
        profile = ImageCms.ImageCmsProfile(BytesIO(icc_profile))
        return ImageCms.profileToProfile(image, profile, SRGB, outputMode=output)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        # A profile that cannot be read or does not fit the pixels: use them as they are.
        logger.info("Ignoring an unusable ICC profile")
        return image


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


def store(photo, image, image_format):
    buffer = BytesIO()
    image.save(buffer, **SAVE_OPTIONS[image_format])
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
