from django.contrib import admin, messages
from django.db.models import Exists, OuterRef
from django.urls import path, reverse
from django.utils.html import format_html

from articles import revisions, workflow
from articles.admin import photo_people
from articles.admin.list_filters import chosen_related_filter
from articles.admin.photo_prefill import fill_fields, suggest_people_shown, unmatched_names
from articles.admin.photo_upload_metadata import metadata_view
from articles.models import Photo, PhotoPerson
from newsdesk.admin import LargeTableAdminMixin, SelectRelatedInlineMixin
from newsdesk.images.metadata import read_metadata
from newsdesk.optimistic import VersionCheckedForm

# Sized by THUMBNAIL_CSS: the Content-Security-Policy refuses inline style attributes.
THUMBNAIL_CSS = {"all": ["newsdesk/admin/photos.css"]}


def thumbnail(photo):
    if not photo.image:
        return ""
    return format_html(
        '<img src="{}" alt="{}" class="photo-thumbnail">', photo.image.url, photo.alt_text
    )


class PhotoPersonInline(SelectRelatedInlineMixin, admin.TabularInline):
    model = PhotoPerson
    fields = ["person", "order", "status"]
    autocomplete_fields = ["person"]
    select_related = ["person"]
    extra = 0


class HasPeopleFilter(admin.SimpleListFilter):
    title = "people shown"
    parameter_name = "has_people"

    def lookups(self, request, model_admin):
        return [
            ("yes", "With people"),
            ("no", "Without people"),
            ("suggested", "With suggestions to decide"),
        ]

    def queryset(self, request, queryset):
        rows = PhotoPerson.objects.filter(photo=OuterRef("pk"))
        shown = Exists(rows.filter(status=PhotoPerson.Status.CONFIRMED))
        if self.value() == "yes":
            return queryset.filter(shown)
        if self.value() == "no":
            return queryset.filter(~shown)
        if self.value() == "suggested":
            return queryset.filter(Exists(rows.filter(status=PhotoPerson.Status.SUGGESTED)))
        return queryset


class RenditionsFilter(admin.SimpleListFilter):
    title = "renditions"
    parameter_name = "renditions"

    def lookups(self, request, model_admin):
        return [("failed", "Could not be made")]

    def queryset(self, request, queryset):
        if self.value() == "failed":
            return queryset.exclude(rendition_failure="")
        return queryset


@admin.register(Photo)
class PhotoAdmin(LargeTableAdminMixin, admin.ModelAdmin):
    # Refuses a save against an older version (newsdesk/optimistic.py).
    form = VersionCheckedForm
    change_form_template = "admin/version_checked_change_form.html"
    list_display = ["preview", "__str__", "credit", "event_link", "taken_on", "created_at"]
    list_select_related = ["event"]
    search_fields = ["caption", "credit", "alt_text"]
    # Thousands of events have photos: one is chosen from the event column's links.
    list_filter = [
        chosen_related_filter("event", "event"),
        HasPeopleFilter,
        RenditionsFilter,
        "taken_on",
    ]
    # Newest uploads first, by the primary key's index: created_at has none, and
    # sorting 50,000 photos on it costs more than the rest of the page.
    ordering = ["-pk"]
    autocomplete_fields = ["photographer", "source", "event", "organisations_shown"]
    readonly_fields = [
        "preview",
        "renditions",
        "width",
        "height",
        "uploaded_by",
        "created_at",
        "names_not_on_file",
    ]
    fieldsets = [
        (None, {"fields": ["image", "preview", "caption", "alt_text", "credit"]}),
        ("Where and when", {"fields": ["taken_on", "place", "event"]}),
        ("Who", {"fields": ["photographer", "source", "organisations_shown"]}),
        ("Record", {"fields": ["renditions", "width", "height", "uploaded_by", "created_at"]}),
    ]
    inlines = [PhotoPersonInline]

    class Media:
        css = THUMBNAIL_CSS
        js = ["articles/admin/photo_prefill.js"]

    @admin.display(description="preview")
    def preview(self, photo):
        return thumbnail(photo)

    @admin.display(description="renditions")
    def renditions(self, photo):
        """Whether readers see the photo yet, and why not when its file failed."""
        if photo.rendition_failure:
            return f"Could not be made: {photo.rendition_failure}"
        if not photo.pk or not photo.image:
            return "-"
        made = [r for r in photo.renditions.all() if r.source == photo.image.name]
        if made:
            return f"{len(made)} ready"
        return "Waiting for the background worker; readers see a placeholder meanwhile."

    def get_urls(self):
        view, this = self.admin_site.admin_view(metadata_view), {"model_admin": self}
        return [
            path("read-metadata/", view, this, name="articles_photo_read_metadata"),
            *super().get_urls(),
        ]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and unmatched_names(photo_people.metadata_of(obj), obj):
            return [*fieldsets, photo_people.NAMES_FIELDSET]
        return fieldsets

    @admin.display(description="Names")
    def names_not_on_file(self, photo):
        return photo_people.names_not_on_file(photo)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "image":
            # Where the form's script sends a chosen file to have its metadata read.
            formfield.widget.attrs["data-metadata-url"] = reverse(
                "admin:articles_photo_read_metadata"
            )
        return formfield

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

    # What readers see of a photo in a story: changed, on a story past the
    # draft stage, only by those who may edit every such story; the change
    # then shows in those stories' history. Tagging who is shown stays open.
    STORY_FIELDS = ["image", "caption", "alt_text", "credit"]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if (
            obj is not None
            and obj.pk is not None
            and not self.may_change_story_fields(request, obj)
        ):
            readonly += [name for name in self.STORY_FIELDS if name not in readonly]
        return readonly

    def may_change_story_fields(self, request, photo):
        return all(
            workflow.can_edit(request.user, article) for article in revisions.stories_using(photo)
        )

    def save_model(self, request, obj, form, change):
        if change:
            changed = [
                str(form.fields[name].label or name)
                for name in form.changed_data
                if name in form.fields and name != "opened_at"
            ]
            if changed:
                obj._revision_note = changed
        if not change:
            obj.uploaded_by = request.user
        if not change or "image" in form.changed_data:
            form.photo_metadata = read_metadata(form.cleaned_data["image"])
        # Only on upload: once saved, an emptied field is the editor's choice.
        form.prefilled = [] if change else fill_fields(obj, form.photo_metadata)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if getattr(form.instance, "_revision_note", None):
            revisions.record_photo_change(form.instance, request.user, form.instance._revision_note)
        metadata = getattr(form, "photo_metadata", None)
        if not metadata:
            return
        prefilled = [str(Photo._meta.get_field(name).verbose_name) for name in form.prefilled]
        if prefilled:
            self.message_user(
                request, f"Prefilled from the image's metadata: {', '.join(prefilled)}."
            )
        # After the inline is saved, so that people the editor listed are not suggested.
        suggested, _ = suggest_people_shown(form.instance, metadata.persons_shown)
        if suggested:
            self.message_user(
                request,
                "Suggested as shown, to confirm or reject below: "
                f"{', '.join(map(str, suggested))}.",
            )
        if unmatched := unmatched_names(metadata, form.instance):
            self.message_user(
                request,
                f"Named in the metadata, not on file: {', '.join(unmatched)}.",
                messages.WARNING,
            )
