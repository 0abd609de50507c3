from django.db import models
from django.urls import reverse

from entities.managers import EventQuerySet, InUseProtectedModel
from entities.slugs import unique_slug
from newsdesk.addresses import object_address


class EventSeries(models.Model):
    """A recurring event, such as an annual forum, whose editions are events."""

    name = models.CharField(max_length=255, help_text='e.g. "Caijing innovation forum".')
    slug = models.SlugField(max_length=255, unique=True, blank=True)
    description = models.TextField(blank=True)
    website = models.URLField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "event series"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return object_address("entities:series_detail", slug=self.slug)


# A change to any of these moves the event in subscribers' calendars.
CALENDAR_FIELDS = (
    "name",
    "start_date",
    "end_date",
    "start_time",
    "end_time",
    "venue",
    "city",
    "status",
)


class Event(InUseProtectedModel):
    class Kind(models.TextChoices):
        FORUM = "forum", "Forum"
        CONFERENCE = "conference", "Conference"
        PANEL = "panel", "Panel"
        FESTIVAL = "festival", "Festival"
        EXHIBITION = "exhibition", "Exhibition"
        SIGNING = "signing", "Signing"
        REPORT_LAUNCH = "report_launch", "Report launch"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        POSTPONED = "postponed", "Postponed"
        RESCHEDULED = "rescheduled", "Rescheduled"
        CANCELLED = "cancelled", "Cancelled"
        HELD = "held", "Held"

    name = models.CharField(max_length=255)
    slug = models.SlugField(max_length=255, unique=True, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.FORUM)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True, help_text="Leave empty for a one-day event.")
    venue = models.CharField(max_length=255, blank=True)
    city = models.CharField(max_length=100, blank=True)
    hosts = models.ManyToManyField(
        "entities.Organisation", related_name="hosted_events", blank=True
    )
    supporters = models.ManyToManyField(
        "entities.Organisation",
        through="EventSupport",
        related_name="supported_events",
        blank=True,
    )
    description = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    series = models.ForeignKey(
        EventSeries,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="editions",
        help_text="The recurring event this is an edition of, if any.",
    )
    edition = models.CharField(
        max_length=50, blank=True, help_text='How the series names this edition, e.g. "2026".'
    )
    start_time = models.TimeField(
        null=True, blank=True, help_text="Newsroom time; leave empty for an all-day event."
    )
    end_time = models.TimeField(null=True, blank=True, help_text="Newsroom time, on the last day.")
    # Bumped whenever the date, place or status changes, so that calendars
    # subscribed to the iCalendar feeds replace their copy (RFC 5545 SEQUENCE).
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "name"]
        indexes = [
            models.Index(fields=["start_date"], name="event_start_idx"),
            models.Index(fields=["kind", "start_date"], name="event_kind_start_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="event_end_after_start",
                violation_error_message="An event cannot end before it starts.",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, f"{self.name} {self.start_date:%Y}")
        if self.pk is not None:
            saved = type(self).objects.filter(pk=self.pk).values(*CALENDAR_FIELDS).first()
            if saved and any(saved[name] != getattr(self, name) for name in CALENDAR_FIELDS):
                self.sequence += 1
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return object_address("entities:event_detail", slug=self.slug)

    def get_calendar_url(self):
        return reverse("entities:event_ical", kwargs={"slug": self.slug})

    @property
    def names(self):
        return [self.name]

    @property
    def last_date(self):
        return self.end_date or self.start_date

    @property
    def is_disrupted(self):
        return self.status in {
            self.Status.POSTPONED,
            self.Status.CANCELLED,
            self.Status.RESCHEDULED,
        }


class EventSupport(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="supports")
    organisation = models.ForeignKey(
        "entities.Organisation", on_delete=models.PROTECT, related_name="event_supports"
    )
    nature = models.CharField(
        max_length=100, blank=True, help_text='The nature of support, e.g. "academic support".'
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organisation"], name="eventsupport_unique_organisation"
            ),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.nature})" if self.nature else str(self.organisation)


class Appearance(models.Model):
    class Role(models.TextChoices):
        KEYNOTE = "keynote", "Keynote"
        OPENING_REMARKS = "opening_remarks", "Opening remarks"
        SPEAKER = "speaker", "Speaker"
        PANELLIST = "panellist", "Panellist"
        MODERATOR = "moderator", "Moderator"
        HOST = "host", "Host"
        GUEST = "guest", "Guest"

    person = models.ForeignKey(
        "entities.Person", on_delete=models.PROTECT, related_name="appearances"
    )
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="appearances")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.SPEAKER)
    position = models.ForeignKey(
        "entities.Position",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appearances",
        help_text="The position the person was introduced with at the event.",
    )
    session = models.CharField(max_length=255, blank=True, help_text="Session or panel name.")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        indexes = [models.Index(fields=["person", "event"], name="appearance_person_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "event", "role"],
                name="appearance_unique_person_event_role",
                violation_error_message="This person already has this role at this event.",
            ),
        ]

    def __str__(self):
        return f"{self.person} — {self.get_role_display()} at {self.event}"

    def get_absolute_url(self):
        return self.event.get_absolute_url()

    @property
    def title_at_the_time(self):
        """The position given for the event, else the one held on its first day."""
        if self.position_id:
            return self.position
        if hasattr(self, "held_position"):
            # Annotated by the event page (entities.positions.with_position_held).
            from entities.positions import position_held

            return position_held(self)
        return self.person.position_on(self.event.start_date)


class Document(models.Model):
    class Kind(models.TextChoices):
        REPORT = "report", "Report"
        INDEX = "index", "Index"
        WHITE_PAPER = "white_paper", "White paper"
        SURVEY = "survey", "Survey"
        POLICY = "policy", "Policy paper"
        OTHER = "other", "Other"

    title = models.CharField(max_length=500)
    slug = models.SlugField(max_length=255, unique=True, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.REPORT)
    event = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        help_text="The event at which the document was released.",
    )
    publishers = models.ManyToManyField(
        "entities.Organisation", through="DocumentPublisher", related_name="documents"
    )
    released_on = models.DateField(null=True, blank=True)
    url = models.URLField(blank=True, help_text="Where the document itself can be read.")
    summary = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, null=True)
    updated_at = models.DateTimeField(auto_now=True, null=True)

    class Meta:
        ordering = ["-released_on", "title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return object_address("entities:document_detail", slug=self.slug)


class DocumentPublisher(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="publications")
    organisation = models.ForeignKey(
        "entities.Organisation", on_delete=models.PROTECT, related_name="publications"
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "organisation"], name="documentpublisher_unique"
            ),
        ]

    def __str__(self):
        return f"{self.organisation} — {self.document}"
