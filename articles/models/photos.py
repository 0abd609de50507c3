from django.conf import settings
from django.db import models

from articles.managers import PhotoQuerySet
from newsdesk.addresses import object_address
from newsdesk.images.uploads import CheckedImageField, UniqueImagePath


class Photo(models.Model):
    # The stored original keeps its metadata (GPS position included) for the
    # desk; readers only ever get the renditions, which carry none.
    image = CheckedImageField(
        upload_to=UniqueImagePath("photos", "image"), width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(null=True, editable=False)
    height = models.PositiveIntegerField(null=True, editable=False)
    caption = models.TextField(blank=True)
    credit = models.CharField(
        max_length=200, blank=True, help_text='As printed, e.g. "ANDY CHONG / CHINA DAILY".'
    )
    photographer = models.ForeignKey(
        "entities.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="photos_taken",
    )
    source = models.ForeignKey(
        "entities.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="photos_provided",
        help_text="Agency or handout source.",
    )
    alt_text = models.CharField(
        max_length=300, blank=True, help_text="What the image shows, for screen readers."
    )
    taken_on = models.DateField(null=True, blank=True)
    place = models.CharField(max_length=200, blank=True)
    event = models.ForeignKey(
        "entities.Event", on_delete=models.SET_NULL, null=True, blank=True, related_name="photos"
    )
    people_shown = models.ManyToManyField(
        "entities.Person", through="PhotoPerson", related_name="photos_shown_in", blank=True
    )
    organisations_shown = models.ManyToManyField(
        "entities.Organisation", related_name="photos_shown_in", blank=True
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Moves on every save: the admin's optimistic check compares it.
    updated_at = models.DateTimeField(auto_now=True)
    # Why the background worker could not make renditions of the current file;
    # pages then show a placeholder, and nothing retries until a new file comes.
    rendition_failure = models.TextField(blank=True, editable=False)

    objects = PhotoQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["taken_on"], name="photo_taken_on_idx")]

    def __str__(self):
        return self.caption[:80] or self.image.name

    def get_absolute_url(self):
        return object_address("articles:photo_detail", pk=self.pk)


class PhotoPerson(models.Model):
    """A person shown in a photo; `order` is left to right as the caption gives it.

    Names read from a file's metadata are only suggestions: agencies' tagging is
    wrong often enough that a person decides before readers see a face named.
    A rejected row is kept so that the same file never suggests that person again.
    """

    class Status(models.TextChoices):
        SUGGESTED = "suggested", "Suggested"
        CONFIRMED = "confirmed", "Confirmed"
        REJECTED = "rejected", "Rejected"

    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="people_in_photo")
    person = models.ForeignKey(
        "entities.Person", on_delete=models.PROTECT, related_name="photo_appearances"
    )
    order = models.PositiveSmallIntegerField(default=0)
    # Someone adding a person by hand has decided; only the metadata suggests.
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.CONFIRMED,
        help_text="Readers only see confirmed people.",
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "person shown"
        verbose_name_plural = "people shown (left to right)"
        constraints = [
            models.UniqueConstraint(fields=["photo", "person"], name="photoperson_unique"),
        ]
        indexes = [
            # The moderators' queue reads the few undecided rows among very many.
            models.Index(
                fields=["photo"],
                condition=models.Q(status="suggested"),
                name="photoperson_suggested_idx",
            ),
        ]

    def __str__(self):
        return f"{self.person} in photo {self.photo_id}"


class ArticlePhoto(models.Model):
    """A photo placed in an article's body, in order."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="placements"
    )
    photo = models.ForeignKey(Photo, on_delete=models.PROTECT, related_name="placements")
    caption_override = models.TextField(
        blank=True, help_text="Leave empty to use the photo's caption."
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "photo placement"
        constraints = [
            models.UniqueConstraint(fields=["article", "photo"], name="articlephoto_unique"),
        ]

    def __str__(self):
        return f"Photo {self.photo_id} in {self.article}"

    @property
    def caption(self):
        return self.caption_override or self.photo.caption
