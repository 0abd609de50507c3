from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from articles.cache_keys import FEEDS, NEWEST_SHOWN, list_of, page_shows_loaded
from articles.filters import published_tags
from articles.models import Article, ArticleAuthor, Mention, Quote, Section
from entities.merging import redirect_target
from entities.models import Event, Organisation, Person

# The latest feeds are on the list of the newest stories (see cache_keys).
FEED_SIZE = NEWEST_SHOWN


class ArticleFeed(Feed):
    """The latest published articles; subclasses narrow `articles(obj)` and name the feed."""

    def articles(self, obj):
        return Article.objects.published()

    def items(self, obj):
        items = list(
            self.articles(obj)
            .select_related("section")
            .with_bylines()
            .prefetch_related("tags")[:FEED_SIZE]
        )
        page_shows_loaded([obj, items], self.list_key(obj))
        return items

    def list_key(self, obj):
        """The key of the list of stories this feed shows."""
        return list_of(obj._meta.label_lower, obj.pk)

    def title(self, obj):
        return f"{settings.NEWSDESK['SITE_NAME']}: {self.subject(obj)}"

    def description(self, obj):
        scope = f" {self.scope(obj)}" if self.scope(obj) else ""
        return f"The latest stories{scope} from {settings.NEWSDESK['SITE_NAME']}."

    def subtitle(self, obj):
        return self.description(obj)

    def link(self, obj):
        return obj.get_absolute_url()

    # Titles are plain text in both formats (Atom's default "text" type); the
    # feed writer escapes them once for XML.
    def item_title(self, item):
        return item.headline

    # Descriptions are HTML in both formats, and a standfirst is plain text.
    def item_description(self, item):
        return escape(item.standfirst or item.headline)

    # In the newsroom's time zone, as the pages give them.
    def item_pubdate(self, item):
        return timezone.localtime(item.published_at)

    def item_updateddate(self, item):
        return timezone.localtime(item.updated_at)

    def item_author_name(self, item):
        names = [byline.person.display_name for byline in item.bylines.all()]
        if len(names) > 1:
            return f"{', '.join(names[:-1])} and {names[-1]}"
        return names[0] if names else None

    def item_categories(self, item):
        section = [item.section.name] if item.section else []
        return section + [tag.name for tag in item.tags.all()]


class LatestFeed(ArticleFeed):
    def get_object(self, request):
        return None

    def list_key(self, obj):
        return FEEDS

    def subject(self, obj):
        return "latest stories"

    def scope(self, obj):
        return ""

    def link(self, obj):
        return reverse("articles:home")


class SectionFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def articles(self, section):
        return super().articles(section).filter(section=section)

    def subject(self, section):
        return section.name

    def scope(self, section):
        return f"in {section.name}"


class TagFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(published_tags(), slug=slug)

    def articles(self, tag):
        return super().articles(tag).filter(tags=tag)

    def subject(self, tag):
        return tag.name

    def scope(self, tag):
        return f"tagged {tag.name}"

    def link(self, tag):
        return reverse("articles:tag_detail", kwargs={"slug": tag.slug})


class EntityFeed(ArticleFeed):
    """The feed of one person, organisation or event; a merged one's leads to the survivor's.

    Like the record's page (entities/redirects.py), the old address redirects
    permanently, so a reader's subscription follows the merge.
    """

    model = None

    def get_object(self, request, slug):
        return get_object_or_404(self.model, slug=slug)

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except Http404:
            target = redirect_target(self.model, kwargs.get("slug", ""))
            if target is None:
                raise
            name = f"{request.resolver_match.namespace}:{request.resolver_match.url_name}"
            return HttpResponsePermanentRedirect(reverse(name, kwargs={"slug": target.slug}))


class PersonFeed(EntityFeed):
    """Stories by the person or quoting them."""

    model = Person

    def articles(self, person):
        # One IN over a union rather than joins, which would repeat a story the
        # person both wrote and is quoted in, and rather than two INs joined by
        # OR, which made PostgreSQL scan every published story (~320 ms at
        # 100,000) instead of looking up the person's few.
        written = ArticleAuthor.objects.filter(person=person).order_by().values("article")
        quoting = Quote.objects.filter(person=person).order_by().values("article")
        return super().articles(person).filter(pk__in=written.union(quoting))

    def subject(self, person):
        return person.display_name

    def scope(self, person):
        return f"by or quoting {person.display_name}"


class OrganisationFeed(EntityFeed):
    """Stories in which the desk confirmed the organisation is mentioned."""

    model = Organisation

    def articles(self, organisation):
        mentioned = Mention.objects.confirmed().filter(organisation=organisation)
        return super().articles(organisation).filter(pk__in=mentioned.values("article"))

    def subject(self, organisation):
        return organisation.name

    def scope(self, organisation):
        return f"mentioning {organisation.name}"


class EventFeed(EntityFeed):
    """Coverage of an event."""

    model = Event

    def articles(self, event):
        return super().articles(event).filter(events=event)

    def subject(self, event):
        return event.name

    def scope(self, event):
        return f"on {event.name}"


class LatestAtomFeed(LatestFeed):
    feed_type = Atom1Feed


class SectionAtomFeed(SectionFeed):
    feed_type = Atom1Feed


class TagAtomFeed(TagFeed):
    feed_type = Atom1Feed


class PersonAtomFeed(PersonFeed):
    feed_type = Atom1Feed


class OrganisationAtomFeed(OrganisationFeed):
    feed_type = Atom1Feed


class EventAtomFeed(EventFeed):
    feed_type = Atom1Feed
