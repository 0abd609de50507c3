from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.utils.functional import cached_property

from entities.models import Document, Event, EventSeries, Organisation, Person


class EntitySitemap(Sitemap):
    """Every row of `model` has a public page: listed with its last change.

    The sitemap index asks each section for its page count and newest change;
    here both come from one aggregate query instead of one each.
    """

    model = None

    def items(self):
        return self.model.objects.order_by("pk").only("slug", "updated_at")

    def lastmod(self, obj):
        return obj.updated_at

    @cached_property
    def _summary(self):
        return self.model.objects.aggregate(count=Count("pk"), latest=Max("updated_at"))

    def get_latest_lastmod(self):
        return self._summary["latest"]

    @property
    def paginator(self):
        pages = Paginator(self._items(), self.limit)
        pages.count = self._summary["count"]
        return pages


class PersonSitemap(EntitySitemap):
    model = Person


class OrganisationSitemap(EntitySitemap):
    model = Organisation


class EventSitemap(EntitySitemap):
    model = Event


class SeriesSitemap(EntitySitemap):
    model = EventSeries


class DocumentSitemap(EntitySitemap):
    """Reports and other documents released at events."""

    model = Document


# Classes, not instances: the sitemap views make one per request, so nothing
# remembered above outlives the request.
people = PersonSitemap
organisations = OrganisationSitemap
events = EventSitemap
series = SeriesSitemap
documents = DocumentSitemap
