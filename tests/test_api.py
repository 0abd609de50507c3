"""The content API: published content only, cursor pages, the site's filters, caching headers."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.factories import (
    ArticleAuthorFactory,
    ArticleFactory,
    ArticlePhotoFactory,
    KeyIssueFactory,
    MentionFactory,
    PhotoFactory,
    PhotoPersonFactory,
    QAPairFactory,
    QuoteFactory,
    RelatedLinkFactory,
    SectionFactory,
)
from articles.models import Article, Correction, Mention
from entities.factories import (
    AppearanceFactory,
    DocumentFactory,
    DocumentPublisherFactory,
    EventFactory,
    EventSupportFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
)

pytestmark = pytest.mark.django_db


def get(client, url, **params):
    response = client.get(url, params)
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return response


def ago(**kwargs):
    return timezone.now() - datetime.timedelta(**kwargs)


@pytest.fixture
def story():
    section = SectionFactory(name="Robotics")
    person = PersonFactory(display_name="Carmen Ho")
    organisation = OrganisationFactory(name="Harbour Authority")
    PositionFactory(person=person, organisation=organisation, title="director of research")
    event = EventFactory(name="Port Futures Forum")
    lead = PhotoFactory(caption="Cranes at dawn", credit="NEWSDESK")
    PhotoPersonFactory(photo=lead, person=person)
    article = ArticleFactory(
        headline="Robot cranes work the night shift",
        section=section,
        lead_photo=lead,
        body="<p>Ships now turn around <script>x()</script>faster.</p>",
        published_at=ago(hours=2),
    )
    article.tags.add("robotics")
    article.events.add(event)
    ArticleAuthorFactory(article=article, person=PersonFactory(display_name="Sam Writer"))
    QuoteFactory(article=article, person=person, event=event, text="The port never sleeps.")
    QAPairFactory(article=article, question="Who runs it?", answer="The authority.")
    KeyIssueFactory(article=article, title="Jobs", text="Drivers move indoors.")
    ArticlePhotoFactory(article=article, photo=PhotoFactory(caption="Control room"))
    RelatedLinkFactory(article=article, target_article=None, url="https://example.org/report/")
    Correction.objects.create(article=article, text="There are 12 cranes, not 10.")
    MentionFactory(article=article, person=person, status=Mention.Status.CONFIRMED)
    MentionFactory(article=article, person=None, organisation=organisation)  # only suggested
    return article


def test_article_list_and_detail(client, story):
    listing = get(client, "/api/articles/").json()
    assert [item["slug"] for item in listing["results"]] == [story.slug]
    assert listing["next"] is None
    summary = listing["results"][0]
    assert summary["section"]["name"] == "Robotics"
    assert [b["name"] for b in summary["bylines"]] == ["Sam Writer"]
    assert summary["lead_photo"]["caption"] == "Cranes at dawn"
    assert summary["lead_photo"]["renditions"], "renditions, never the original"
    assert all("/renditions/" in r["url"] for r in summary["lead_photo"]["renditions"])

    detail = get(client, summary["api_url"]).json()
    assert detail["headline"] == "Robot cranes work the night shift"
    assert "<script>" not in detail["body"]
    assert [q["text"] for q in detail["quotes"]] == ["The port never sleeps."]
    assert detail["quotes"][0]["event"]["name"] == "Port Futures Forum"
    assert detail["blocks"]["questions_and_answers"] == [
        {"question": "Who runs it?", "answer": "The authority."}
    ]
    assert [p["caption"] for p in detail["photos"]] == ["Control room"]
    assert [p["name"] for p in detail["lead_photo"]["people_shown"]] == ["Carmen Ho"]
    assert detail["related_links"][0]["url"] == "https://example.org/report/"
    assert [c["text"] for c in detail["corrections"]] == ["There are 12 cranes, not 10."]
    assert [t["slug"] for t in detail["tags"]] == ["robotics"]
    assert [p["name"] for p in detail["mentions"]["people"]] == ["Carmen Ho"]
    assert detail["mentions"]["organisations"] == []
    assert "contact_email" not in detail


def test_a_whole_story_takes_ten_queries_at_most(client, story, django_assert_num_queries):
    # The rate limit's count, the story, its links, events, mentions, placements,
    # quotes, blocks, and its photos' renditions and people, all photos at once:
    # ten; its corrections one more, only when it has any.
    for i in range(3):
        ArticlePhotoFactory(article=story, photo=PhotoFactory(caption=f"Berth {i}"))
    url = f"/api/articles/{story.slug}/"
    returns = connection.features.can_return_columns_from_insert
    # Inside one minute, whose first request made the rate limit's row.
    with time_machine.travel(timezone.now().replace(second=5), tick=False):
        get(client, url)
        with django_assert_num_queries(11 if returns else 12):
            detail = get(client, url).json()
        assert len(detail["photos"]) == 4 and all(p["renditions"] for p in detail["photos"])
        story.corrections.all().delete()
        with django_assert_num_queries(10 if returns else 11):
            detail = get(client, url).json()
        assert detail["corrections"] == [] and len(detail["photos"]) == 4


@pytest.mark.parametrize(
    "fields",
    [
        {"draft": True},
        {"status": Article.Status.IN_REVIEW, "published_at": None},
        {"status": Article.Status.UNPUBLISHED},
        {
            "status": Article.Status.SCHEDULED,
            "published_at": timezone.now() + datetime.timedelta(days=1),
        },
    ],
)
def test_unpublished_articles_are_not_found(client, fields):
    article = ArticleFactory(**fields)
    assert get(client, "/api/articles/").json()["results"] == []
    response = get(client, f"/api/articles/{article.slug}/")
    assert response.status_code == 404
    assert response.json() == {"detail": "No such article."}


def test_scheduled_story_appears_the_moment_it_is_due(client):
    due = timezone.now() + datetime.timedelta(hours=3)
    article = ArticleFactory(status=Article.Status.SCHEDULED, published_at=due)
    assert get(client, f"/api/articles/{article.slug}/").status_code == 404
    with time_machine.travel(due + datetime.timedelta(seconds=1)):
        assert get(client, f"/api/articles/{article.slug}/").status_code == 200
        assert get(client, "/api/articles/").json()["results"][0]["slug"] == article.slug


def test_cursor_pages_walk_every_story_once(client):
    base = ago(days=1)
    # Three stories share one publication time: the cursor breaks the tie by id.
    times = [base, base, base, *(base - datetime.timedelta(minutes=n) for n in range(1, 5))]
    articles = [ArticleFactory(published_at=when) for when in times]
    expected = [
        a.slug for a in sorted(articles, key=lambda a: (a.published_at, a.pk), reverse=True)
    ]
    seen, url, pages = [], "/api/articles/?limit=2", 0
    while url:
        page = get(client, url).json()
        seen += [item["slug"] for item in page["results"]]
        url, pages = page["next"], pages + 1
        assert pages < 10
    assert seen == expected
    assert pages == 4


def test_next_keeps_the_filters(client):
    section = SectionFactory(name="Robotics")
    for _ in range(3):
        ArticleFactory(section=section)
    ArticleFactory(section=SectionFactory(name="Energy"))
    page = get(client, "/api/articles/", section="robotics", limit=2).json()
    assert "section=robotics" in page["next"]
    rest = get(client, page["next"]).json()
    assert len(page["results"]) + len(rest["results"]) == 3
    assert rest["next"] is None


@pytest.mark.parametrize(
    "params",
    [
        {"cursor": "not-a-cursor"},
        {"cursor": "WyJ4Il0"},
        {"limit": 0},
        {"limit": 1000},
        {"section": "no-such-section"},
        {"published_after": "yesterday"},
        {"published_after": "2026-03-02", "published_before": "2026-03-01"},
        {"person": "bad\x00slug"},
    ],
)
def test_bad_input_is_a_clear_400(client, params):
    ArticleFactory()
    response = get(client, "/api/articles/", **params)
    assert response.status_code in (400, 422)
    assert response.json()["detail"]


def test_filters_are_the_listing_filters(client, story):
    other = ArticleFactory(headline="Solar ferries", section=SectionFactory(name="Energy"))
    person = story.quotes.get().person

    def slugs(**params):
        return [item["slug"] for item in get(client, "/api/articles/", **params).json()["results"]]

    assert slugs(section="robotics") == [story.slug]
    assert slugs(tag="robotics") == [story.slug]
    assert slugs(person=person.slug) == [story.slug]
    assert slugs(event=story.events.get().slug) == [story.slug]
    assert set(slugs()) == {story.slug, other.slug}
    day = timezone.localdate(story.published_at)
    assert story.slug in slugs(published_after=day.isoformat(), published_before=day.isoformat())


def test_people_organisations_events_photos_quotes(client, story):
    person = story.quotes.get().person
    event = story.events.get()
    AppearanceFactory(person=person, event=event)
    host = OrganisationFactory(name="Port Lab")
    event.hosts.add(host)
    EventSupportFactory(event=event, organisation=OrganisationFactory(name="Shipping Guild"))
    document = DocumentFactory(event=event, title="Crane index")
    DocumentPublisherFactory(document=document, organisation=host)

    people = get(client, "/api/people/").json()["results"]
    assert {p["name"] for p in people} >= {"Carmen Ho", "Sam Writer"}
    detail = get(client, f"/api/people/{person.slug}/").json()
    assert detail["positions"][0]["title"] == "director of research"
    assert detail["appearances"][0]["event"]["name"] == "Port Futures Forum"
    assert detail["current_position"]["organisation"]["name"] == "Harbour Authority"

    organisations = get(client, "/api/organisations/").json()["results"]
    assert "Port Lab" in {o["name"] for o in organisations}
    assert get(client, f"/api/organisations/{host.slug}/").json()["name"] == "Port Lab"

    found = get(client, "/api/events/", organisation=host.slug).json()["results"]
    assert [e["slug"] for e in found] == [event.slug]
    detail = get(client, f"/api/events/{event.slug}/").json()
    assert [h["name"] for h in detail["hosts"]] == ["Port Lab"]
    assert detail["supporters"][0]["organisation"]["name"] == "Shipping Guild"
    assert detail["documents"][0]["publishers"][0]["name"] == "Port Lab"
    assert detail["appearances"][0]["person"]["name"] == "Carmen Ho"

    photos = get(client, "/api/photos/").json()["results"]
    assert {p["caption"] for p in photos} == {"Cranes at dawn", "Control room"}
    assert get(client, f"/api/photos/{story.lead_photo_id}/").status_code == 200
    quotes = get(client, "/api/quotes/", person=person.slug).json()["results"]
    assert [q["text"] for q in quotes] == ["The port never sleeps."]
    assert quotes[0]["article"]["slug"] == story.slug

    sections = get(client, "/api/sections/").json()
    assert [s["slug"] for s in sections] == ["robotics"]
    corrections = get(client, "/api/corrections/").json()["results"]
    assert corrections[0]["article"]["slug"] == story.slug


def test_photos_and_quotes_of_hidden_stories_are_not_found(client):
    hidden = ArticleFactory(draft=True, lead_photo=PhotoFactory(caption="Secret"))
    quote = QuoteFactory(article=hidden, person=PersonFactory())
    assert get(client, "/api/photos/").json()["results"] == []
    assert get(client, f"/api/photos/{hidden.lead_photo_id}/").status_code == 404
    assert get(client, "/api/quotes/").json()["results"] == []
    assert get(client, f"/api/quotes/{quote.pk}/").status_code == 404


def test_list_queries_do_not_grow_with_the_page(client, django_assert_max_num_queries):
    def stories(n):
        for _ in range(n):
            article = ArticleFactory(lead_photo=PhotoFactory())
            article.tags.add("robotics")
            ArticleAuthorFactory(article=article)

    stories(2)
    with django_assert_max_num_queries(12) as few:
        get(client, "/api/articles/")
    stories(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        get(client, "/api/articles/")


def test_the_etag_follows_the_content(client, story, settings):
    settings.NEWSDESK = {**settings.NEWSDESK, "PAGE_CACHE_SECONDS": 600}
    first = get(client, "/api/articles/")
    # Strong, and no Last-Modified: to the second it cannot tell two versions apart.
    assert first["ETag"] and not first["ETag"].startswith("W/")
    assert "Last-Modified" not in first
    again = client.get("/api/articles/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["X-Cache"] == "hit"

    story.headline = "Robot cranes work every shift"
    story.save()
    changed = client.get("/api/articles/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    assert changed.json()["results"][0]["headline"] == "Robot cranes work every shift"


def test_unpublishing_changes_the_etag_at_once(client, story, editor, settings):
    settings.NEWSDESK = {**settings.NEWSDESK, "PAGE_CACHE_SECONDS": 600}
    url = f"/api/articles/{story.slug}/"
    etag = get(client, url)["ETag"]
    workflow.apply(story, editor, "unpublish", note="Legal asked.")
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 404


def test_openapi_document_and_docs_page(client):
    schema = get(client, "/api/openapi.json").json()
    paths = schema["paths"]
    for path in (
        "/api/articles/",
        "/api/articles/{slug}/",
        "/api/people/",
        "/api/organisations/",
        "/api/events/",
        "/api/photos/",
        "/api/quotes/",
        "/api/corrections/",
        "/api/sections/",
    ):
        assert path in paths, path
    assert "PartnerKey" in schema["components"]["securitySchemes"]
    docs = Client().get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    assert '"validatorUrl": null' in html
    assert "Content-Security-Policy" in docs.headers


def test_api_urls_reverse():
    assert reverse("api:article_list") == "/api/articles/"


@pytest.mark.parametrize(
    "url",
    [
        "/api/articles/bad%00slug/",
        "/api/people/%00/",
        "/api/quotes/?person=bad%00slug",
        "/api/photos/abc/",
        "/api/events/?year=notayear",
        "/api/events/?when=tomorrow",
        "/api/organisations/?kind=spaceship",
    ],
)
def test_hostile_input_is_refused_cleanly(client, url):
    response = client.get(url)
    assert response.status_code in (400, 404, 422)


def test_cached_list_changes_the_moment_a_scheduled_story_is_due(client, settings):
    settings.NEWSDESK = {**settings.NEWSDESK, "PAGE_CACHE_SECONDS": 600}
    ArticleFactory(headline="Already out")
    due = timezone.now() + datetime.timedelta(minutes=5)
    scheduled = ArticleFactory(status=Article.Status.SCHEDULED, published_at=due)
    before = get(client, "/api/articles/")
    assert get(client, "/api/articles/")["X-Cache"] == "hit"
    with time_machine.travel(due + datetime.timedelta(seconds=1)):
        after = client.get("/api/articles/", HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert after.json()["results"][0]["slug"] == scheduled.slug


def test_unknown_api_addresses_answer_json(client):
    response = client.get("/api/nothing-here/")
    assert response.status_code == 404
    assert "/api/docs/" in response.json()["detail"]
    # A missing slash is added, as on the site.
    moved = client.get("/api/articles", {"limit": 5})
    assert moved.status_code == 301
    assert moved["Location"] == "/api/articles/?limit=5"


def test_schemas_take_plain_dicts_as_they_are_and_objects_through_ninjas_getter():
    from types import SimpleNamespace

    from articles.api import schemas

    data = {"slug": "harbour", "name": "Harbour", "url": "https://example.org/sections/harbour/"}
    assert schemas.SectionRef.model_validate(data).model_dump() == data
    # An object's attributes are read, and a callable one called, as ninja does.
    obj = SimpleNamespace(slug="harbour", name=lambda: "Harbour", url=data["url"])
    assert schemas.SectionRef.model_validate(obj).model_dump() == data
