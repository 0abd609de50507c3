"""Resized, re-encoded copies of an uploaded image, for responsive pages.

This knows files and pixels, not photos: `articles.renditions` decides which
photo gets them, stores them and records what happened. Every copy is made
from the upright picture (the EXIF orientation applied), in sRGB (the embedded
ICC profile converted, then dropped), with none of the original's metadata:
EXIF and XMP can hold the photographer's GPS position and camera serial numbers.
"""

import logging
import math
from io import BytesIO

from PIL import Image, ImageCms, ImageOps

logger = logging.getLogger(__name__)

WIDTHS = (320, 640, 960, 1280, 1920)
# The encodings made at every width, newest first; the values name them in
# the database (articles' Rendition.Format) and in file names.
FORMATS = ("webp", "jpeg")
SAVE_OPTIONS = {
    "webp": {"format": "WEBP", "quality": 80, "method": 4},
    "jpeg": {"format": "JPEG", "quality": 82, "optimize": True, "progressive": True},
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


def sizes(width, height):
    """(width, height) of each rendition of a `width` x `height` image, within MAX_SIDE."""
    made = {}
    for target in target_widths(width):
        if round(height * target / width) > MAX_SIDE:
            target = max(1, math.floor(width * MAX_SIDE / height))
        made.setdefault(target, min(MAX_SIDE, max(1, round(height * target / width))))
    return list(made.items())


def prepared(file):
    """The picture in `file`, upright, in sRGB and with no metadata left on it."""
    with Image.open(file) as original:
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
    image.info = {}
    return image


def variants(image):
    """(format, resized image) for every size and format of `image` (a `prepared` one)."""
    bases = {"webp": for_webp(image), "jpeg": for_jpeg(image)}
    for width, height in sizes(image.width, image.height):
        for image_format in FORMATS:
            base = bases[image_format]
            same = (width, height) == base.size
            yield image_format, base if same else resize(base, width, height)


def encoded(image, image_format):
    """The bytes of `image` in `image_format` ("webp" or "jpeg")."""
    buffer = BytesIO()
    image.save(buffer, **SAVE_OPTIONS[image_format])
    return buffer.getvalue()


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
