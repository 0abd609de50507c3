"""Corrections and clarifications: added to published stories, shown wherever the story goes."""

import datetime
import json
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import corrections, workflow
from articles.factories import ArticleFactory
from articles.models import Correction, Transition

pytestmark = pytest.mark.django_db
CORRECTIONS_READ = 'SELECT "articles_correction".'


def add(article, user, text="The plant opened in 2019, not 2018.", **kwargs):
    return corrections.add(article, user, text=text, **kwargs)


def test_correction_shows_at_the_foot_of_the_story(client, editor):
    article = ArticleFactory(headline="Solar ferry crosses the harbour")
    correction = add(article, editor)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "The plant opened in 2019, not 2018." in page
    assert f'id="correction-{correction.pk}"' in page
    assert timezone.localtime(correction.made_at).strftime("%-d %B %Y") in page


def test_correction_is_in_the_json_ld(client, editor):
    article = ArticleFactory()
    add(article, editor, kind=Correction.Kind.CLARIFICATION, text="The pilot ran for a year.")
    page = client.get(article.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    data = json.loads(block)
    assert data["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "Clarification: The pilot ran for a year.",
            "datePublished": data["correction"][0]["datePublished"],
        }
    ]


def test_a_story_without_corrections_reads_none(client, editor):
    plain, corrected = ArticleFactory(), ArticleFactory()
    add(corrected, editor)

    def correction_queries(article):
        with CaptureQueriesContext(connection) as queries:
            client.get(article.get_absolute_url())
        return [q for q in queries.captured_queries if q["sql"].startswith(CORRECTIONS_READ)]

    # The article's own query says whether it has any (the positive control reads them).
    assert correction_queries(plain) == []
    assert len(correction_queries(corrected)) == 1


def test_adding_one_is_recorded_in_the_history(editor):
    article = ArticleFactory()
    add(article, editor, text="The fund is HK$2 billion.")
    entry = Transition.objects.filter(article=article).latest("created_at")
    assert entry.action == "correct"
    assert entry.user == editor
    assert entry.note == "Correction added: The fund is HK$2 billion."


@pytest.mark.parametrize(
    "story, made_at, message",
    [
        ({"draft": True}, None, "published stories"),
        ({"status": "unpublished"}, None, "published stories"),
        ({}, timezone.now() + datetime.timedelta(days=1), "future"),
        ({}, timezone.now() - datetime.timedelta(days=30), "before the story"),
    ],
)
def test_refused_corrections_leave_nothing_behind(editor, story, made_at, message):
    article = ArticleFactory(**story)
    with pytest.raises(corrections.CorrectionError, match=message):
        add(article, editor, made_at=made_at)
    assert not Correction.objects.exists()
    assert not Transition.objects.filter(action="correct").exists()


def test_empty_text_is_refused(editor):
    with pytest.raises(corrections.CorrectionError, match="needs its text"):
        add(ArticleFactory(), editor, text="   ")


def test_corrections_log_newest_first_and_paged(client, editor):
    article = ArticleFactory()
    base = timezone.now() - datetime.timedelta(minutes=30)
    for n in range(23):
        add(article, editor, text=f"Fix number {n}.", made_at=base + datetime.timedelta(minutes=n))
    first = client.get(reverse("articles:correction_list")).content.decode()
    assert first.index("Fix number 22.") < first.index("Fix number 21.")
    assert "Fix number 2." not in first
    second = client.get(reverse("articles:correction_list"), {"page": 2}).content.decode()
    assert "Fix number 2." in second
    assert client.get(reverse("articles:correction_list"), {"page": 3}).status_code == 404
    assert client.get(reverse("articles:correction_list"), {"page": "last"}).status_code == 404


def test_corrections_of_stories_taken_down_leave_the_log(client, editor):
    article = ArticleFactory(headline="Tidal turbine approved")
    add(article, editor, text="The turbine is 12 metres tall.")
    workflow.apply(article, editor, "unpublish", note="Legal review.")
    for url in (
        reverse("articles:correction_list"),
        reverse("articles:feed_corrections_rss"),
        reverse("articles:feed_corrections_atom"),
        "/api/corrections/",
    ):
        text = client.get(url).content.decode()
        assert "12 metres" not in text, url
        assert "Tidal turbine" not in text, url


def test_corrections_feed(client, editor):
    article = ArticleFactory(headline="Tidal turbine approved")
    add(article, editor, text="The turbine is 12 metres tall.")
    for name in ("articles:feed_corrections_rss", "articles:feed_corrections_atom"):
        text = client.get(reverse(name)).content.decode()
        assert "Correction: Tidal turbine approved" in text
        assert "12 metres" in text
        assert f"#correction-{article.corrections.get().pk}" in text


def test_admin_adds_a_correction_through_the_service(editor):
    article = ArticleFactory()
    staff = Client()
    staff.force_login(editor)
    url = reverse("admin:articles_correction_add")
    form = staff.get(url, {"article": article.pk})
    assert form.status_code == 200
    now = timezone.localtime()
    response = staff.post(
        url,
        {
            "article": article.pk,
            "kind": "correction",
            "text": "The mayor spoke first.",
            "made_at_0": now.strftime("%Y-%m-%d"),
            "made_at_1": now.strftime("%H:%M:%S"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    correction = Correction.objects.get()
    assert correction.created_by == editor
    assert Transition.objects.filter(article=article, action="correct").exists()
    change_page = staff.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert "The mayor spoke first." in change_page.content.decode()
    assert "Add a correction or clarification" in change_page.content.decode()


def test_admin_refuses_a_correction_to_a_draft_with_a_message(editor):
    article = ArticleFactory(draft=True)
    staff = Client()
    staff.force_login(editor)
    now = timezone.localtime()
    response = staff.post(
        reverse("admin:articles_correction_add"),
        {
            "article": article.pk,
            "kind": "correction",
            "text": "Something.",
            "made_at_0": now.strftime("%Y-%m-%d"),
            "made_at_1": now.strftime("%H:%M:%S"),
        },
    )
    assert response.status_code == 200
    assert "Corrections are for published stories" in response.content.decode()
    assert not Correction.objects.exists()


def test_reporters_cannot_add_corrections(reporter):
    staff = Client()
    staff.force_login(reporter)
    assert staff.get(reverse("admin:articles_correction_add")).status_code == 403
