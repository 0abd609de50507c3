"""Checking uploaded images by their content, and naming the stored files.

A file is judged by what Pillow makes of its bytes, never by its name or the
browser's content type: it must decode completely as one of the formats the
renditions are made from, stay within the size and pixel limits, and carry
nothing a browser or another program could read as markup or an archive.
"""

import re
import uuid
import warnings
from io import BytesIO

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from PIL import Image

# Pillow's format name: the extension the stored file gets. MPO is the JPEG
# variant many cameras write (a JPEG with extra frames appended).
FORMATS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
# Where the upload records the format it was found to be, for `upload_to`.
CHECKED_FORMAT = "_newsdesk_image_format"

# Markup a browser would run if it sniffed the file as HTML or SVG: tags that
# load or run something, event handlers and script addresses. Scanned over the
# whole file; each needs six or more exact bytes, which practically never
# occur by chance in compressed pixel data.
MARKUP = re.compile(
    rb"<\s*(?:script|html|body|head|svg|iframe|frame|object|embed|applet|\?php|!doctype"
    rb"|img|image|meta|link|style|base|form|input|button|video|audio|source|math|template"
    rb"|details|marquee)[\s/>]"
    # Event handlers (onerror=, onload=) and script addresses, wherever they stand.
    rb"|\bon(?:error|load|click|mouse\w+|focus\w*|blur|begin|end|animation\w+|toggle"
    rb"|pageshow|unload|message|key\w+|pointer\w+|input|change|submit)\s*="
    rb"|javascript:|vbscript:|data:text/html",
    re.IGNORECASE,
)
# Other files hidden after the end of the image: archives (a ZIP is found
# from its end, so anywhere counts), documents, and programs.
APPENDED = re.compile(rb"PK\x03\x04|PK\x05\x06|%PDF-|Rar!\x1a\x07|7z\xbc\xaf\x27\x1c")
PROGRAM_HEADERS = (b"MZ", b"\x7fELF", b"#!")


def unusable(reason):
    return ValidationError(
        "This file is not an image we can use: %(reason)s.",
        code="unusable_image",
        params={"reason": reason},
    )


def max_upload_bytes():
    return settings.NEWSDESK["MAX_UPLOAD_BYTES"]


def max_pixels():
    return settings.NEWSDESK["MAX_IMAGE_PIXELS"]


def validate_image_upload(file):
    """Refuse anything but a complete JPEG, PNG, WebP or GIF within the limits.

    Files already in storage (an unchanged image on a form saved again) are
    not read back; they were checked when uploaded.
    """
    if file is None or getattr(file, "_committed", False):
        return
    upload = _upload(file)
    if getattr(upload, CHECKED_FORMAT, None):
        return
    limit = max_upload_bytes()
    if file.size > limit:
        raise unusable(
            f"it is {file.size / 2**20:.1f} MB, more than the limit of {limit / 2**20:.0f} MB"
        )
    data = _read(upload)
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        raise unusable("it is markup (SVG, HTML or XML), not a photo")
    if MARKUP.search(data):
        raise unusable("it contains script or markup")
    image_format = _decode(data)
    end = image_end(image_format, data)
    if end is not None:
        trailing = data[end:]
        if APPENDED.search(trailing) or trailing.lstrip(b"\0").startswith(PROGRAM_HEADERS):
            raise unusable("another file is hidden after the end of the image")
    setattr(upload, CHECKED_FORMAT, image_format)


def _upload(file):
    """The uploaded file itself, also when it comes wrapped in a model's field."""
    return file.file if isinstance(file, FieldFile) else file


def _read(upload):
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def _decode(data):
    try:
        with warnings.catch_warnings():
            # Pillow only warns below twice its own limit; any bomb is an error here.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data)) as image:
                image_format = image.format
                width, height = image.size
                if image_format not in FORMATS:
                    raise unusable(f"{image_format or 'this'} files are not accepted")
                if width * height > max_pixels():
                    raise unusable(
                        f"it is {width} x {height} pixels, more than the limit of "
                        f"{max_pixels() / 1e6:.0f} megapixels"
                    )
                # verify() checks the structure; only decoding every pixel
                # finds a file cut short, and verify() leaves the image unusable.
                image.verify()
            with Image.open(BytesIO(data)) as image:
                image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise unusable("it has too many pixels") from None
    except Image.UnidentifiedImageError:
        raise unusable("it is not a picture in a format we know") from None
    except (OSError, ValueError, SyntaxError, EOFError) as error:
        raise unusable(f"it is damaged or incomplete ({error})") from None
    return image_format


def image_end(image_format, data):
    """Where the image's own data ends, for JPEG, PNG, WebP and GIF; None when unknown."""
    if image_format in ("JPEG", "MPO"):
        return _jpeg_end(data)
    if image_format == "PNG":
        return _png_end(data)
    if image_format == "WEBP":
        size = int.from_bytes(data[4:8], "little")
        return 8 + size + (size & 1)
    if image_format == "GIF":
        return _gif_end(data)
    return None


def _gif_sub_blocks_end(data, position):
    """Just past a chain of GIF data sub-blocks (each a length byte, ending with 0)."""
    while position < len(data):
        length = data[position]
        position += 1 + length
        if length == 0:
            return position
    return None


def _gif_end(data):
    """Just past the GIF's trailer byte, found by walking its blocks."""
    if len(data) < 13:
        return None
    position = 13
    if data[10] & 0x80:  # global colour table
        position += 3 * 2 ** ((data[10] & 0x07) + 1)
    while position is not None and position < len(data):
        block = data[position]
        if block == 0x3B:  # trailer
            return position + 1
        if block == 0x21:  # extension: label, then sub-blocks
            position = _gif_sub_blocks_end(data, position + 2)
        elif block == 0x2C:  # image: descriptor, local colour table, LZW size, sub-blocks
            if position + 10 > len(data):
                return None
            flags = data[position + 9]
            position += 10
            if flags & 0x80:
                position += 3 * 2 ** ((flags & 0x07) + 1)
            position = _gif_sub_blocks_end(data, position + 1)
        else:
            return None
    return None


def _png_end(data):
    """Just past the PNG's IEND chunk, found by walking its chunks."""
    position = 8
    while position + 8 <= len(data):
        length = int.from_bytes(data[position : position + 4], "big")
        chunk_type = data[position + 4 : position + 8]
        position += 12 + length  # length, type, data, CRC
        if chunk_type == b"IEND":
            return position
    return None


def _jpeg_end(data):
    """Just past the JPEG's end-of-image marker, found by walking its segments."""
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            return None
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
        elif marker == 0xD9:
            return position + 2
        elif 0xD0 <= marker <= 0xD7 or marker == 0x01:
            position += 2
        else:
            length = int.from_bytes(data[position + 2 : position + 4], "big")
            position += 2 + length
            if marker == 0xDA:  # start of scan: entropy-coded data up to the next marker
                while position + 1 < len(data):
                    if data[position] == 0xFF and data[position + 1] not in (
                        0x00,
                        *range(0xD0, 0xD8),
                    ):
                        break
                    position += 1
    return None


def detected_format(file):
    """The Pillow format of an uploaded image, as the check recorded it or freshly read."""
    upload = _upload(file)
    if image_format := getattr(upload, CHECKED_FORMAT, None):
        return image_format
    upload.seek(0)
    with Image.open(upload) as image:
        image_format = image.format
    upload.seek(0)
    return image_format


@deconstructible
class UniqueImagePath:
    """`<prefix>/<year>/<month>/<random hex>.<extension of the detected format>`.

    Nothing of the uploader's filename reaches the storage: names are safe in
    any file system and URL, never collide, and cannot be guessed.
    """

    def __init__(self, prefix, field_name):
        self.prefix = prefix
        self.field_name = field_name

    def __call__(self, instance, filename):
        now = timezone.now()
        extension = self.extension(getattr(instance, self.field_name), filename)
        return f"{self.prefix}/{now:%Y}/{now:%m}/{uuid.uuid4().hex}.{extension}"

    @staticmethod
    def extension(field_file, filename):
        # Saved straight from code (field_file.save()) the new content is not
        # on the field yet; such files come from the site itself, named by it.
        if field_file and not field_file._committed:
            try:
                return FORMATS[detected_format(field_file)]
            except (KeyError, OSError, ValueError):
                pass
        suffix = filename.rpartition(".")[2].lower()
        return suffix if suffix in FORMATS.values() else "bin"

    def __eq__(self, other):
        return isinstance(other, UniqueImagePath) and (other.prefix, other.field_name) == (
            self.prefix,
            self.field_name,
        )


class CheckedImageFormField(forms.ImageField):
    """Runs the content check before Django's own, so every refusal says why."""

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        validate_image_upload(upload)
        return super().to_python(data)


class CheckedImageField(models.ImageField):
    """An ImageField whose uploads are checked by content, in forms and in model validation."""

    default_validators = [*models.ImageField.default_validators, validate_image_upload]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": CheckedImageFormField, **kwargs})
