from django.contrib import admin, messages
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.html import format_html

from articles.admin.list_filters import chosen_related_filter
from articles.admin.paginator import LargeTableAdminMixin
from articles.admin.photo_prefill import add_people_shown, fill_fields
from articles.models import Photo, PhotoPerson
from articles.photo_metadata import read_metadata
from newsdesk.admin import SelectRelatedInlineMixin


def thumbnail(photo, size=120):
    if not photo.image:
        return ""
    return format_html(
        '<img src="{}" alt="{}" style="max-width: {}px; max-height: {}px">',
        photo.image.url,
        photo.alt_text,
        size,
        size,
    )


class PhotoPersonInline(SelectRelatedInlineMixin, admin.TabularInline):
    model = PhotoPerson
    fields = ["person", "order"]
    autocomplete_fields = ["person"]
    select_related = ["person"]
    extra = 0


class HasPeopleFilter(admin.SimpleListFilter):
    title = "people shown"
    parameter_name = "has_people"

    def lookups(self, request, model_admin):
        return [("yes", "With people"), ("no", "Without people")]

    def queryset(self, request, queryset):
        shown = Exists(PhotoPerson.objects.filter(photo=OuterRef("pk")))
        if self.value() == "yes":
            return queryset.filter(shown)
        if self.value() == "no":
            return queryset.filter(~shown)
        return queryset


@admin.register(Photo)
class PhotoAdmin(LargeTableAdminMixin, admin.ModelAdmin):
    list_display = ["preview", "__str__", "credit", "event_link", "taken_on", "created_at"]
    list_select_related = ["event"]
    search_fields = ["caption", "credit", "alt_text"]
    # Thousands of events have photos: one is chosen from the event column's links.
    list_filter = [chosen_related_filter("event", "event"), HasPeopleFilter, "taken_on"]
    # Newest uploads first, by the primary key's index: created_at has none, and
    # sorting 50,000 photos on it costs more than the rest of the page.
    ordering = ["-pk"]
    autocomplete_fields = ["photographer", "source", "event", "organisations_shown"]
    readonly_fields = ["preview", "width", "height", "uploaded_by", "created_at"]
    fieldsets = [
        (None, {"fields": ["image", "preview", "caption", "alt_text", "credit"]}),
        ("Where and when", {"fields": ["taken_on", "place", "event"]}),
        ("Who", {"fields": ["photographer", "source", "organisations_shown"]}),
        ("Record", {"fields": ["width", "height", "uploaded_by", "created_at"]}),
    ]
    inlines = [PhotoPersonInline]

    @admin.display(description="preview")
    def preview(self, photo):
        return thumbnail(photo)

    @admin.display(description="event", ordering="event__name")
    def event_link(self, photo):
        if photo.event_id is None:
            return self.get_empty_value_display()
        url = reverse("admin:articles_photo_changelist")
        return format_html(
            '<a href="{}?event={}" title="Every photo of this event">{}</a>',
            url,
            photo.event_id,
            photo.event,
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
            # Only on upload: once saved, an emptied field is the editor's choice.
            form.photo_metadata = read_metadata(form.cleaned_data["image"])
            form.prefilled = fill_fields(obj, form.photo_metadata)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        metadata = getattr(form, "photo_metadata", None)
        if not metadata:
            return
        prefilled = [str(Photo._meta.get_field(name).verbose_name) for name in form.prefilled]
        unmatched = []
        photo = form.instance
        if metadata.creator and photo.photographer_id is None:
            unmatched.append(metadata.creator)
        # People the editor listed are the editor's choice, not to be added to.
        if metadata.persons_shown and not photo.people_in_photo.exists():
            people, not_found = add_people_shown(photo, metadata.persons_shown)
            if people:
                prefilled.append(f"people shown ({', '.join(map(str, people))})")
            unmatched += not_found
        if prefilled:
            self.message_user(
                request, f"Prefilled from the image's metadata: {', '.join(prefilled)}."
            )
        if unmatched:
            self.message_user(request, f"Not matched: {', '.join(unmatched)}.", messages.WARNING)
