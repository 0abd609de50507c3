"""People shown in photos as the metadata suggested them: the queue, and names not on file."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from articles.admin.mentions import StatusFilter
from articles.admin.photo_prefill import unmatched_names
from articles.models import PhotoPerson
from entities.admin.prefill import person_add_url
from newsdesk.images.metadata import PhotoMetadata, read_metadata

# Shown on a saved photo whose metadata names people not on file.
NAMES_FIELDSET = ("Named in the metadata, not on file", {"fields": ["names_not_on_file"]})


class PhotoPersonStatusFilter(StatusFilter):
    """Suggestions first, like the mentions queue."""

    def lookups(self, request, model_admin):
        return [*PhotoPerson.Status.choices, (self.ALL, "All")]


@admin.register(PhotoPerson)
class PhotoPersonAdmin(admin.ModelAdmin):
    list_display = ["person", "photo_link", "status", "order"]
    list_select_related = ["person", "photo"]
    list_filter = [PhotoPersonStatusFilter]
    search_fields = ["person__display_name", "photo__caption"]
    ordering = ["-photo__created_at", "-photo", "order", "pk"]
    show_full_result_count = False
    autocomplete_fields = ["person", "photo"]
    actions = ["confirm", "reject"]

    @admin.display(description="photo", ordering="photo__created_at")
    def photo_link(self, shown):
        url = reverse("admin:articles_photo_change", args=[shown.photo_id])
        return format_html('<a href="{}">{}</a>', url, shown.photo)

    def _decide(self, request, queryset, status, verb):
        count = queryset.update(status=status)
        self.message_user(request, f"{verb} {count} person/people shown.", messages.SUCCESS)

    @admin.action(description="Confirm the selected people shown", permissions=["change"])
    def confirm(self, request, queryset):
        self._decide(request, queryset, PhotoPerson.Status.CONFIRMED, "Confirmed")

    @admin.action(description="Reject the selected people shown", permissions=["change"])
    def reject(self, request, queryset):
        self._decide(request, queryset, PhotoPerson.Status.REJECTED, "Rejected")


def metadata_of(photo):
    """The stored file's metadata, read once per request and photo."""
    if not hasattr(photo, "_file_metadata"):
        photo._file_metadata = PhotoMetadata()
        if photo.image:
            try:
                with photo.image.open("rb") as file:
                    photo._file_metadata = read_metadata(file)
            except OSError:
                # A file missing from storage is the photo's problem, not this list's.
                pass
    return photo._file_metadata


def names_not_on_file(photo):
    """The names a saved photo's metadata gives that match no one on file, with add links.

    They are read from the file each time, so a name drops off the list as soon
    as its person is added, and the photo needs nothing stored for them.
    """
    rows = [(name, person_add_url(name)) for name in unmatched_names(metadata_of(photo), photo)]
    return format_html(
        '<ul class="unknown-names">{}</ul>',
        format_html_join("", '<li>{} <a href="{}" target="_blank">Add this person</a></li>', rows),
    )
