import hashlib

from django.db import models


def rendition_path(rendition, filename):
    """`renditions/<photo>/<source digest>-<width>w.<ext>`.

    The same photo, source file, width and format always give the same name, so a
    rendition made twice overwrites itself instead of piling up copies; a new
    source file gives new names, so no cache keeps serving the old picture. Only
    a digest of the source's name appears: the original upload's address, which
    readers must not be able to work out, stays unpublished.
    """
    digest = hashlib.sha256(rendition.source.encode()).hexdigest()[:16]
    extension = Rendition.EXTENSIONS[rendition.format]
    return f"renditions/{rendition.photo_id}/{digest}-{rendition.width}w.{extension}"


class Rendition(models.Model):
    """A resized, re-encoded copy of a photo's image, made once and served from storage."""

    class Format(models.TextChoices):
        WEBP = "webp", "WebP"
        JPEG = "jpeg", "JPEG"

    EXTENSIONS = {Format.WEBP: "webp", Format.JPEG: "jpg"}
    MIME_TYPES = {Format.WEBP: "image/webp", Format.JPEG: "image/jpeg"}

    photo = models.ForeignKey("articles.Photo", on_delete=models.CASCADE, related_name="renditions")
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    format = models.CharField(max_length=10, choices=Format.choices)
    file = models.FileField(upload_to=rendition_path, max_length=255)
    # The image file it was made from: a photo whose image is replaced gets new renditions.
    source = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["format", "width"]
        constraints = [
            models.UniqueConstraint(
                fields=["photo", "width", "format"], name="rendition_unique_photo_width_format"
            ),
        ]

    def __str__(self):
        return f"Photo {self.photo_id}, {self.width}px {self.get_format_display()}"

    @property
    def mime_type(self):
        """What the content API tells partners the file is."""
        return self.MIME_TYPES[self.format]
