from django.contrib.sitemaps import GenericSitemap

from entities.models import Event, Organisation, Person

# Every person, organisation and event has a public page.
people = GenericSitemap({"queryset": Person.objects.all(), "date_field": "updated_at"})
organisations = GenericSitemap({"queryset": Organisation.objects.all(), "date_field": "updated_at"})
events = GenericSitemap({"queryset": Event.objects.all(), "date_field": "updated_at"})
