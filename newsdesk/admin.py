"""The admin site's titles, and what the apps' admin classes share."""

from django.contrib import admin
from django.db import models

from newsdesk.pagination import EstimatedCountPaginator

admin.site.site_header = "Newsdesk administration"
admin.site.site_title = "Newsdesk administration"
# Repeated failed logins are refused by django-axes (see newsdesk.logins).


class LargeTableAdminMixin:
    """Changelist settings for a table that grows to tens of thousands of rows."""

    paginator = EstimatedCountPaginator
    # The "N total" link would count the whole table again.
    show_full_result_count = False


class SelectRelatedInlineMixin:
    """Fetches the relations named in `select_related` along with an inline's rows.

    The inline templates print every existing row's str(), which usually reads
    related objects, the parent among them (the formset gives each row only
    the parent's id): without this, each row costs queries of its own.
    """

    select_related = []

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.select_related)


# Django 6 assumes https for an address typed without a scheme; do so already,
# without the deprecated transitional setting.
HTTPS_URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}
