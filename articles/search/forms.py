import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator

from articles.context_processors import navigation_sections
from articles.models import Section
from newsdesk.filters import SlugChoiceField
from newsdesk.search import KINDS, MAX_PAGE

# Dates a reader may search between: a day later or earlier overflows the
# calendar once a day is added or a time zone applied.
EARLIEST_DATE = datetime.date(1000, 1, 1)
LATEST_DATE = datetime.date(9998, 12, 31)


def section_choices():
    return [
        ("", "All sections"),
        *((section.slug, section.name) for section in navigation_sections()),
    ]


def date_field(label):
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[MinValueValidator(EARLIEST_DATE), MaxValueValidator(LATEST_DATE)],
    )


class SearchForm(forms.Form):
    """The search page's GET parameters; anything a reader may type is checked here."""

    q = forms.CharField(
        label="Search for",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    kind = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[("", "Everything"), *((name, kind.label) for name, kind in KINDS.items())],
    )
    section = SlugChoiceField(
        label="Section",
        queryset=Section.objects.only("name", "slug"),
        to_field_name="slug",
        required=False,
        empty_label="All sections",
    )
    date_from = date_field("From")
    date_to = date_field("To")
    # Not a visible field: the page links carry it.
    page = forms.IntegerField(
        required=False, min_value=1, max_value=MAX_PAGE, widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Offered from the sections the masthead keeps: asked of the database,
        # they cost every search a query (~0.3 ms). A chosen one is still
        # looked up there.
        self.fields["section"].widget.choices = section_choices

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            raise ValidationError("The “from” date must not be after the “to” date.")
        return cleaned

    def search_arguments(self):
        data = self.cleaned_data
        return {
            "query": data["q"],
            "kind": data["kind"] or None,
            "section": data["section"],
            "date_from": data["date_from"],
            "date_to": data["date_to"],
            "page": data["page"] or 1,
        }
