import datetime

from django.db import models
from django.db.models.functions import Coalesce, Lower

from entities.fields import AliasesField
from entities.managers import (
    InUseProtectedModel,
    InUseProtectedQuerySet,
    PositionQuerySet,
    as_local_date,
)
from entities.slugs import unique_slug
from newsdesk.addresses import object_address
from newsdesk.images.uploads import CheckedImageField, UniqueImagePath


class NullIfBlank(models.Func):
    """`NULLIF(expression, '')`, with the empty string written into the SQL.

    An index on an expression only serves queries that spell it the same way,
    and SQLite does not take a bound parameter for the literal '' of the index.
    """

    function = "NULLIF"
    template = "%(function)s(%(expressions)s, '')"
    arity = 1


def list_sort_name():
    """The people list's order: the family name, or the name as printed when none is recorded."""
    return Lower(Coalesce(NullIfBlank("family_name"), "display_name"))


class Person(InUseProtectedModel):
    display_name = models.CharField(
        max_length=200, help_text='The name as printed, e.g. "Tim Cheng Kwang-ting".'
    )
    slug = models.SlugField(max_length=200, unique=True, blank=True)
    family_name = models.CharField(max_length=100, blank=True, help_text="Used for sorting.")
    given_names = models.CharField(max_length=100, blank=True)
    english_name = models.CharField(
        max_length=100, blank=True, help_text='English given name where there is one, e.g. "Tim".'
    )
    native_name = models.CharField(
        max_length=100, blank=True, help_text="Name in native script, e.g. Chinese characters."
    )
    aliases = AliasesField(help_text="Other forms a story may use, one per line.")
    bio = models.TextField(blank=True)
    portrait = CheckedImageField(upload_to=UniqueImagePath("people", "portrait"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = InUseProtectedQuerySet.as_manager()

    class Meta:
        ordering = ["family_name", "given_names", "display_name"]
        verbose_name_plural = "people"
        indexes = [
            models.Index(fields=["family_name", "given_names"], name="person_sort_idx"),
            models.Index(Lower("display_name"), name="person_name_lower_idx"),
            # Lets a page of the people list be read in order instead of sorting everyone.
            models.Index(
                list_sort_name(),
                Lower("given_names"),
                models.F("display_name"),
                models.F("id"),
                name="person_list_order_idx",
            ),
        ]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.display_name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return object_address("entities:person_detail", slug=self.slug)

    @property
    def names(self):
        """Every form of the name a story may use, display name first."""
        return [self.display_name, *[a for a in self.aliases if a != self.display_name]]

    def position_on(self, date, organisation=None):
        """The position this person held on `date` (the most recently started wins)."""
        prefetched = getattr(self, "_prefetched_objects_cache", {}).get("positions")
        if prefetched is not None:
            # Pages listing many people prefetch their positions; choosing here
            # keeps such a page at one query however many people it shows.
            date = as_local_date(date)
            held = [
                position
                for position in prefetched
                if position.was_held_on(date)
                and (organisation is None or position.organisation_id == organisation.pk)
            ]
            # Same order as the query below: latest start first, unknown starts last.
            return max(
                held,
                key=lambda p: (p.start_date is not None, p.start_date or datetime.date.min, p.pk),
                default=None,
            )
        positions = self.positions.held_on(date).select_related("organisation")
        if organisation is not None:
            positions = positions.filter(organisation=organisation)
        return positions.latest_first().first()


class Position(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="positions")
    organisation = models.ForeignKey(
        "entities.Organisation", on_delete=models.PROTECT, related_name="positions"
    )
    title = models.CharField(
        max_length=200, help_text='As printed, e.g. "vice-president for research and development".'
    )
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    objects = PositionQuerySet.as_manager()

    class Meta:
        ordering = [models.F("end_date").desc(nulls_first=True), "-start_date", "pk"]
        indexes = [
            models.Index(
                fields=["person", "start_date", "end_date"], name="position_person_dates_idx"
            ),
            models.Index(fields=["organisation", "end_date"], name="position_org_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="position_end_after_start",
                violation_error_message="A position cannot end before it starts.",
            ),
        ]

    def __str__(self):
        return f"{self.person}, {self.title_with_organisation}"

    @property
    def title_with_organisation(self):
        return f"{self.title}, {self.organisation}"

    def was_held_on(self, date):
        """The in-memory twin of `PositionQuerySet.held_on`, for prefetched positions."""
        return (self.start_date is None or self.start_date <= date) and (
            self.end_date is None or self.end_date >= date
        )

    @property
    def is_current(self):
        from django.utils import timezone

        return self.end_date is None or self.end_date >= timezone.localdate()
