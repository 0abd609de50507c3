import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone


def as_local_date(value):
    """A date, or the local (Hong Kong by default) calendar day of a datetime."""
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


class PositionQuerySet(models.QuerySet):
    def held_on(self, date):
        """Positions held on `date`: started on or before it, not ended before it."""
        date = as_local_date(date)
        return self.filter(
            Q(start_date__isnull=True) | Q(start_date__lte=date),
            Q(end_date__isnull=True) | Q(end_date__gte=date),
        )

    def current(self):
        return self.held_on(timezone.localdate())

    def latest_first(self):
        """Latest start first, unknown starts last: which of several held positions counts."""
        return self.order_by(models.F("start_date").desc(nulls_last=True), "-pk")


class InUseProtectedQuerySet(models.QuerySet):
    """Deleting a record that something still uses is refused in code as in the admin.

    Checked before anything is deleted, as Django checks PROTECT keys, so that
    a refusal inside a transaction leaves it usable.
    """

    def delete(self):
        from entities.protection import refuse_if_used

        for obj in self:
            refuse_if_used(obj)
        return super().delete()


class InUseProtectedModel(models.Model):
    """The same refusal for `obj.delete()`."""

    class Meta:
        abstract = True

    def delete(self, *args, **kwargs):
        from entities.protection import refuse_if_used

        refuse_if_used(self)
        return super().delete(*args, **kwargs)


class EventQuerySet(InUseProtectedQuerySet):
    def upcoming(self):
        today = timezone.localdate()
        return self.filter(Q(start_date__gte=today) | Q(end_date__gte=today)).order_by("start_date")

    def past(self):
        today = timezone.localdate()
        return self.filter(
            Q(end_date__lt=today) | Q(end_date__isnull=True, start_date__lt=today)
        ).order_by("-start_date")
