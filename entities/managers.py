import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone


class PositionQuerySet(models.QuerySet):
    def held_on(self, date):
        """Positions held on `date`: started on or before it, not ended before it."""
        if isinstance(date, datetime.datetime):
            date = timezone.localdate(date) if timezone.is_aware(date) else date.date()
        return self.filter(
            Q(start_date__isnull=True) | Q(start_date__lte=date),
            Q(end_date__isnull=True) | Q(end_date__gte=date),
        )

    def current(self):
        return self.held_on(timezone.localdate())


class EventQuerySet(models.QuerySet):
    def upcoming(self):
        today = timezone.localdate()
        return self.filter(Q(start_date__gte=today) | Q(end_date__gte=today)).order_by("start_date")

    def past(self):
        today = timezone.localdate()
        return self.filter(
            Q(end_date__lt=today) | Q(end_date__isnull=True, start_date__lt=today)
        ).order_by("-start_date")
