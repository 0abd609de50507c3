"""Forms of the article admin: the change form's version check and the workflow's small forms."""

from dataclasses import dataclass
from types import SimpleNamespace

from django import forms
from django.utils import timezone
from django.utils.formats import date_format

from articles import editing, revisions, sharing, workflow
from articles.admin.known_labels import KnownLabelsForm
from articles.models import Article
from newsdesk.sanitiser import sanitise_body


@dataclass(frozen=True)
class Conflict:
    """Someone saved the article after this form was opened; what they changed."""

    user: object
    at: object
    diffs: list
    message: str = ""


class ArticleAdminForm(KnownLabelsForm):
    # The article's version when the form was opened; a save against an older
    # one is refused. (The model's own field is not editable, hence the name.)
    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Set by the admin when a workflow button submitted the form: returns why
    # the status change would be refused, so nothing is saved in that case.
    transition_refusals = None

    class Meta:
        model = Article
        fields = [
            "headline",
            "slug",
            "standfirst",
            "body",
            "kicker",
            "section",
            "tags",
            "dateline",
            "contact_email",
            "events",
            "documents",
            "lead_photo",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        if self.initial.get("body"):
            # The editor turns the body into live page elements, where an event
            # handler in a row stored without cleaning would run.
            self.initial["body"] = sanitise_body(self.initial["body"])
        if self.instance.pk is not None and "opened_version" in self.fields:
            self.fields["opened_version"].initial = self.instance.version
            self.fields["opened_version"].required = True

    def clean(self):
        cleaned_data = super().clean()
        if self.transition_refusals is not None:
            refusals = self.transition_refusals()
            if refusals:
                raise forms.ValidationError(
                    [*refusals, "Nothing was saved; everything you typed is kept below."],
                    code="transition_refused",
                )
        version = cleaned_data.get("opened_version")
        if self.instance.pk is None or version is None:
            return cleaned_data
        try:
            # The admin saves in the same transaction, so the row stays locked
            # from this check until the write.
            editing.check_version(self.instance.pk, version)
        except editing.EditConflict as error:
            self._refuse(error.current)
        return cleaned_data

    def _refuse(self, current):
        submitted = SimpleNamespace(
            **{
                name: self.cleaned_data.get(name, getattr(current, name))
                for name, _ in revisions.COMPARED_FIELDS
            }
        )
        latest = current.history.select_related("history_user").first()
        who = latest.history_user if latest else None
        when = latest.history_date if latest else current.updated_at
        message = (
            f"{who or 'Someone'} saved this article at "
            f"{date_format(timezone.localtime(when), 'H:i, j M Y')}, after you opened it. "
            "Your changes have not been saved and are kept in the form: compare them "
            "with what was saved (right below), merge by hand and save again."
        )
        self.conflict = Conflict(who, when, revisions.compare(current, submitted), message)
        # Saving again after merging by hand is then a deliberate choice made
        # with the other person's changes in view.
        self.data = self.data.copy()
        self.data[self.add_prefix("opened_version")] = current.version
        raise forms.ValidationError(message, code="edit_conflict")


def publication_time_field():
    # Typed times are read in the site's time zone, which is Hong Kong's.
    return forms.DateTimeField(
        label="Publication time (Hong Kong)",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="Only used when scheduling.",
    )


class TransitionForm(forms.Form):
    # Sent by the button that was pressed; one button per allowed action.
    action = forms.ChoiceField(
        choices=[(a.name, a.label) for a in workflow.ACTIONS.values()],
        widget=forms.HiddenInput,
    )
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    published_at = publication_time_field()


class BulkTransitionForm(forms.Form):
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    published_at = publication_time_field()


class ShareLinkForm(forms.Form):
    note = forms.CharField(max_length=200, required=False, label="For")
    hours = forms.IntegerField(
        min_value=1,
        max_value=24 * 14,
        initial=int(sharing.DEFAULT_LIFETIME.total_seconds() // 3600),
        label="Valid for (hours)",
    )


class StaffNoteForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        label="Note",
        help_text="Seen by colleagues in the admin only, never by readers.",
    )
