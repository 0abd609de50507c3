from django.contrib.sitemaps import GenericSitemap

from entities.models import Document, Event, EventSeries, Organisation, Person

# Every person, organisation and event has a public page.
people = GenericSitemap({"queryset": Person.objects.all(), "date_field": "updated_at"})
organisations = GenericSitemap({"queryset": Organisation.objects.all(), "date_field": "updated_at"})
events = GenericSitemap({"queryset": Event.objects.all(), "date_field": "updated_at"})
series = GenericSitemap({"queryset": EventSeries.objects.all(), "date_field": "updated_at"})
# Reports and other documents released at events.
documents = GenericSitemap({"queryset": Document.objects.all(), "date_field": "updated_at"})
