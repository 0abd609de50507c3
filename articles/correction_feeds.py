"""The corrections log as RSS and Atom: each correction an item, linking to the story's foot."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, linebreaks

from articles.views.corrections import public_corrections

FEED_SIZE = 20


class CorrectionFeed(Feed):
    def title(self):
        return f"{settings.NEWSDESK['SITE_NAME']}: corrections and clarifications"

    def description(self):
        return f"Every correction and clarification to {settings.NEWSDESK['SITE_NAME']}'s stories."

    def subtitle(self):
        return self.description()

    def link(self):
        return reverse("articles:correction_list")

    def items(self):
        return public_corrections()[:FEED_SIZE]

    def item_title(self, item):
        return f"{item.get_kind_display()}: {item.article.headline}"

    def item_description(self, item):
        return linebreaks(escape(item.text))

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return timezone.localtime(item.made_at)


class CorrectionAtomFeed(CorrectionFeed):
    feed_type = Atom1Feed
