from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower

from entities.fields import AliasesField
from entities.managers import InUseProtectedModel, InUseProtectedQuerySet
from entities.slugs import unique_slug
from newsdesk.addresses import object_address


class Organisation(InUseProtectedModel):
    class Kind(models.TextChoices):
        UNIVERSITY = "university", "University"
        FACULTY = "faculty", "Faculty or school"
        RESEARCH_CENTRE = "research_centre", "Research centre"
        COMPANY = "company", "Company"
        INVESTMENT_FUND = "investment_fund", "Investment fund"
        GOVERNMENT = "government", "Government body"
        MEDIA = "media", "Media outlet"
        ASSOCIATION = "association", "Association"
        OTHER = "other", "Other"

    name = models.CharField(max_length=255)
    slug = models.SlugField(max_length=255, unique=True, blank=True)
    short_name = models.CharField(
        max_length=50, blank=True, help_text='Short name or acronym, e.g. "HKUST".'
    )
    aliases = AliasesField()
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text="The organisation this one belongs to, e.g. a school's university.",
    )
    city = models.CharField(max_length=100, blank=True)
    website = models.URLField(blank=True)
    description = models.CharField(
        max_length=255,
        blank=True,
        help_text='One line, e.g. "a Shenzhen-based telecommunications multinational".',
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = InUseProtectedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(Lower("name"), name="organisation_name_lower_idx"),
            models.Index(fields=["short_name"], name="organisation_short_name_idx"),
            models.Index(fields=["kind", "name"], name="organisation_kind_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")),
                name="organisation_not_own_parent",
                violation_error_message="An organisation cannot be its own parent.",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.short_name or self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return object_address("entities:organisation_detail", slug=self.slug)

    def clean(self):
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError(
                    {"parent": "This would make the organisation its own ancestor."}
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.parent

    @property
    def names(self):
        names = [self.name]
        if self.short_name:
            names.append(self.short_name)
        return names + [a for a in self.aliases if a not in names]

    def ancestors(self):
        """Parent, grandparent, ... (nearest first); guards against cycles."""
        result, node, seen = [], self.parent, {self.pk}
        while node is not None and node.pk not in seen:
            result.append(node)
            seen.add(node.pk)
            node = node.parent
        return result
