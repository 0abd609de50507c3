"""Published content as plain dicts: what the API returns and what webhooks carry.

Every builder takes `absolute`, which turns a site path into a full address,
and reads only what its caller prefetched (see `articles.api.queries`). Nothing
here decides what is public: callers pass rows they got through
`Article.objects.published()` (or through rows that are public in their own
right: people, organisations, events).
"""

from functools import lru_cache

from django.urls import reverse
from django.utils import timezone

from articles.renditions import renditions_or_none
from newsdesk.sanitiser import sanitise_body


def iso(value):
    if value is None:
        return None
    if hasattr(value, "tzinfo"):
        return timezone.localtime(value).isoformat()
    return value.isoformat()


@lru_cache(maxsize=50_000)
def _path(name, key, value):
    return reverse(name, kwargs={key: value})


def path(name, **kwargs):
    """`reverse()` for one keyword, remembered: a page of results names the same
    people, sections and tags over and over, and reversing is most of its cost."""
    ((key, value),) = kwargs.items()
    return _path(name, key, value)


def api_path(name, **kwargs):
    return path(f"api:{name}", **kwargs)


def entity_ref(obj, name, page, api_name, absolute):
    return {
        "slug": obj.slug,
        "name": name,
        "url": absolute(path(page, slug=obj.slug)),
        "api_url": absolute(api_path(api_name, slug=obj.slug)),
    }


def person_ref(person, absolute):
    return entity_ref(
        person, person.display_name, "entities:person_detail", "person_detail", absolute
    )


def organisation_ref(organisation, absolute):
    return entity_ref(
        organisation,
        organisation.name,
        "entities:organisation_detail",
        "organisation_detail",
        absolute,
    )


def event_ref(event, absolute):
    return entity_ref(event, event.name, "entities:event_detail", "event_detail", absolute)


def article_path(article):
    return path("articles:article_detail", slug=article.slug)


def section_ref(section, absolute):
    if section is None:
        return None
    return {
        "slug": section.slug,
        "name": section.name,
        "url": absolute(path("articles:section_detail", slug=section.slug)),
    }


def rendition(item, absolute):
    return {
        "url": absolute(item.file.url),
        "width": item.width,
        "height": item.height,
        "format": item.format,
        "mime_type": item.mime_type,
    }


def photo(item, absolute, caption=None):
    """A photo as readers see it: renditions only, never the original upload."""
    if item is None:
        return None
    people = getattr(item, "confirmed_people", None)
    return {
        "id": item.pk,
        "url": absolute(path("articles:photo_detail", pk=item.pk)),
        "api_url": absolute(api_path("photo_detail", pk=item.pk)),
        "caption": caption or item.caption,
        "credit": item.credit,
        "alt_text": item.alt_text,
        "taken_on": iso(item.taken_on),
        "place": item.place,
        "photographer": person_ref(item.photographer, absolute) if item.photographer else None,
        "people_shown": [person_ref(p.person, absolute) for p in people or []],
        "renditions": [rendition(r, absolute) for r in renditions_or_none(item)],
    }


def listed(article, relation):
    """A story's bylines or tags: as a list when its query prefetched them into
    `<byline|tag>_list` (articles.api.queries), else through the relation."""
    found = getattr(article, f"{relation[:-1]}_list", None)
    return getattr(article, relation).all() if found is None else found


def article_ref(article, absolute):
    return {
        "id": article.pk,
        "slug": article.slug,
        "headline": article.headline,
        "url": absolute(article_path(article)),
        "api_url": absolute(api_path("article_detail", slug=article.slug)),
        "published_at": iso(article.published_at),
    }


def article_summary(article, absolute):
    return {
        **article_ref(article, absolute),
        "kicker": article.kicker,
        "standfirst": article.standfirst,
        "dateline": article.dateline,
        "section": section_ref(article.section, absolute),
        "bylines": [person_ref(byline.person, absolute) for byline in listed(article, "bylines")],
        "tags": [
            {
                "name": tag.name,
                "slug": tag.slug,
                "url": absolute(path("articles:tag_detail", slug=tag.slug)),
            }
            for tag in listed(article, "tags")
        ],
        "first_published_at": iso(article.first_published_at or article.published_at),
        "updated_at": iso(article.updated_at),
        "lead_photo": photo(article.lead_photo, absolute),
    }


def correction(item, absolute, with_article=False):
    data = {
        "id": item.pk,
        "kind": item.kind,
        "text": item.text,
        "date": iso(item.made_at),
        "url": absolute(f"{article_path(item.article)}#correction-{item.pk}"),
    }
    if with_article:
        data["article"] = article_ref(item.article, absolute)
    return data


def quote(item, absolute, with_article=True):
    data = {
        "id": item.pk,
        "text": item.text,
        "person": person_ref(item.person, absolute),
        "event": event_ref(item.event, absolute) if item.event else None,
        "url": absolute(f"{article_path(item.article)}#quote-{item.pk}"),
        "api_url": absolute(api_path("quote_detail", pk=item.pk)),
    }
    if with_article:
        data["article"] = article_ref(item.article, absolute)
    return data


def mentions(article, absolute):
    """Who and what the story mentions, as confirmed by a moderator (never mere suggestions)."""
    found = {"people": [], "organisations": [], "events": []}
    for mention in article.confirmed_mentions:
        if mention.person_id:
            found["people"].append(person_ref(mention.person, absolute))
        elif mention.organisation_id:
            found["organisations"].append(organisation_ref(mention.organisation, absolute))
        elif mention.event_id:
            found["events"].append(event_ref(mention.event, absolute))
    return found


def article_detail(article, absolute, blocks):
    """The whole story; `blocks` is `articles.story_blocks.story_blocks(article)`."""
    placements = [p for p in article.placements.all() if p.photo_id != article.lead_photo_id]
    return {
        **article_summary(article, absolute),
        "body": sanitise_body(article.body),
        "photos": [photo(p.photo, absolute, caption=p.caption) for p in placements],
        "quotes": [quote(q, absolute, with_article=False) for q in article.quotes.all()],
        "blocks": {
            "questions_and_answers": [
                {"question": pair.question, "answer": pair.answer} for pair in blocks["qa_pairs"]
            ],
            "key_issues": [{"title": i.title, "text": i.text} for i in blocks["key_issues"]],
            "pros": [point.text for point in blocks["pros"]],
            "cons": [point.text for point in blocks["cons"]],
        },
        "events": [event_ref(event, absolute) for event in article.events.all()],
        "mentions": mentions(article, absolute),
        "related_links": [
            {
                "label": link.label,
                "title": link.display_title,
                "url": absolute(link.href) if link.target_article_id else link.href,
            }
            for link in article.related_links.all()
            if link.href
        ],
        "corrections": [correction(c, absolute) for c in article.corrections.all()],
    }


def position(item, absolute):
    return {
        "title": item.title,
        "organisation": organisation_ref(item.organisation, absolute),
        "start_date": iso(item.start_date),
        "end_date": iso(item.end_date),
        "current": item.is_current,
    }


def person_summary(person, absolute):
    today = timezone.localdate()
    current = person.position_on(today)
    return {
        "id": person.pk,
        **person_ref(person, absolute),
        "family_name": person.family_name,
        "given_names": person.given_names,
        "english_name": person.english_name,
        "native_name": person.native_name,
        "current_position": position(current, absolute) if current else None,
    }


def person_detail(person, absolute):
    return {
        **person_summary(person, absolute),
        "bio": person.bio,
        "positions": [position(p, absolute) for p in person.positions.all()],
        "appearances": [
            {
                "event": event_ref(a.event, absolute),
                "role": a.role,
                "session": a.session,
                "position": a.position.title_with_organisation if a.position_id else None,
            }
            for a in person.appearances.all()
        ],
    }


def organisation_summary(organisation, absolute):
    return {
        "id": organisation.pk,
        **organisation_ref(organisation, absolute),
        "short_name": organisation.short_name,
        "kind": organisation.kind,
        "city": organisation.city,
        "website": organisation.website,
        "description": organisation.description,
        "parent": organisation_ref(organisation.parent, absolute) if organisation.parent else None,
    }


def event_summary(event, absolute):
    return {
        "id": event.pk,
        **event_ref(event, absolute),
        "kind": event.kind,
        "status": event.status,
        "start_date": iso(event.start_date),
        "end_date": iso(event.end_date),
        "venue": event.venue,
        "city": event.city,
        "hosts": [organisation_ref(o, absolute) for o in event.hosts.all()],
    }


def event_detail(event, absolute):
    return {
        **event_summary(event, absolute),
        "description": event.description,
        "supporters": [
            {"organisation": organisation_ref(s.organisation, absolute), "nature": s.nature}
            for s in event.supports.all()
        ],
        "appearances": [
            {
                "person": person_ref(a.person, absolute),
                "role": a.role,
                "session": a.session,
                "position": a.position.title_with_organisation if a.position_id else None,
            }
            for a in event.appearances.all()
        ],
        "documents": [
            {
                "title": d.title,
                "kind": d.kind,
                "released_on": iso(d.released_on),
                "url": d.url,
                "summary": d.summary,
                "publishers": [
                    organisation_ref(p.organisation, absolute) for p in d.publications.all()
                ],
            }
            for d in event.documents.all()
        ],
    }
