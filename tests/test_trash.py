import datetime
import io

import pytest
import time_machine
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import sharing, trash
from articles.factories import ArticleFactory, QuoteFactory, SectionFactory
from articles.models import Article, Quote, Transition
from tests.workflow_helpers import S, client_for, messages_of, staff_by_role

pytestmark = pytest.mark.django_db

TRASH_URL = reverse("admin:articles_article_trash")
CHANGELIST_URL = reverse("admin:articles_article_changelist")


@pytest.fixture
def users(make_staff):
    return staff_by_role(make_staff)


def delete_url(article):
    return reverse("admin:articles_article_delete", args=[article.pk])


def restore_url(article):
    return reverse("admin:articles_article_restore", args=[article.pk])


def trashed(article, user, days_ago=0):
    with time_machine.travel(timezone.now() - datetime.timedelta(days=days_ago), tick=False):
        trash.trash([article], user)
    article.refresh_from_db()
    return article


def test_admin_delete_moves_the_article_to_the_trash(users):
    article = ArticleFactory(headline="Harbour sensors go live")
    QuoteFactory(article=article)
    client = client_for(users["editor"])

    page = client.get(delete_url(article))
    assert "Move to the trash" in page.content.decode()
    response = client.post(delete_url(article), {"post": "yes"})

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.trashed_at is not None
    assert article.trashed_by == users["editor"]
    # Nothing went: the row, its status and its parts are all still there.
    assert article.status == S.PUBLISHED
    assert Quote.objects.filter(article=article).count() == 1
    assert any("moved to the trash" in message for message in messages_of(response))
    transition = Transition.objects.get(article=article, action="trash")
    assert transition.user == users["editor"]
    revision = article.history.first()
    assert revision.history_change_reason == "Moved to the trash."
    assert revision.history_user == users["editor"]


def test_bulk_delete_action_moves_the_articles_to_the_trash(users):
    chosen = [ArticleFactory(), ArticleFactory(draft=True)]
    kept = ArticleFactory()
    client = client_for(users["editor"])
    data = {"action": "delete_selected", ACTION_CHECKBOX_NAME: [a.pk for a in chosen]}

    confirm = client.post(CHANGELIST_URL, data)
    assert confirm.status_code == 200
    assert "Move to the trash" in confirm.content.decode()
    assert Article.objects.in_trash().count() == 0

    response = client.post(CHANGELIST_URL, {**data, "post": "yes"})

    assert response.status_code == 302
    assert set(Article.objects.in_trash()) == set(chosen)
    assert Article.objects.count() == 3
    assert kept.trashed_at is None


def test_trashed_articles_are_hidden_from_the_changelist_and_listed_in_the_trash(users):
    gone = trashed(ArticleFactory(headline="Chip plant plan shelved"), users["editor"], days_ago=3)
    ArticleFactory(headline="Robotics lab opens")
    client = client_for(users["editor"])

    listed = client.get(CHANGELIST_URL)
    assert [a.headline for a in listed.context["cl"].result_list] == ["Robotics lab opens"]
    assert TRASH_URL in listed.content.decode()

    page = client.get(TRASH_URL)
    assert page.status_code == 200
    (row,) = page.context["rows"]
    assert row["article"] == gone
    assert row["days_left"] == 27
    assert row["comes_back_as"] == "Unpublished"
    assert restore_url(gone) in page.content.decode()


def test_trash_page_queries_do_not_grow_with_its_size(users, django_assert_num_queries):
    client = client_for(users["editor"])
    for _ in range(2):
        trashed(ArticleFactory(), users["editor"])
    client.get(TRASH_URL)  # the session and permissions are cached from here on
    with CaptureQueriesContext(connection) as few:
        client.get(TRASH_URL)
    for _ in range(5):
        trashed(ArticleFactory(), users["owner"])

    with django_assert_num_queries(len(few.captured_queries)):
        page = client.get(TRASH_URL)

    assert len(page.context["rows"]) == 7


def test_trashed_article_is_never_public(client, users):
    section = SectionFactory(name="Robotics")
    article = ArticleFactory(section=section, headline="Drone corridor approved")
    article.tags.add("drones")
    url = article.get_absolute_url()
    assert client.get(url).status_code == 200
    link = sharing.create(article, users["editor"])

    trashed(article, users["editor"])

    assert not article.is_public
    assert article not in Article.objects.published()
    assert client.get(url).status_code == 404
    assert client.get(sharing.url_for(link)).status_code == 404
    pages = [
        reverse("articles:home"),
        reverse("articles:article_list"),
        reverse("articles:archive"),
        section.get_absolute_url(),
        reverse("articles:feed_latest_rss"),
        reverse("articles:feed_latest_atom"),
        reverse("sitemap_section", kwargs={"section": "articles"}),
        reverse("sitemap_news"),
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        assert b"Drone corridor approved" not in response.content, page
    assert client.get(reverse("articles:tag_detail", kwargs={"slug": "drones"})).status_code == 404


@pytest.mark.parametrize(
    "status, comes_back_as",
    [
        (S.PUBLISHED, S.UNPUBLISHED),
        (S.SCHEDULED, S.UNPUBLISHED),
        (S.DRAFT, S.DRAFT),
        (S.IN_REVIEW, S.IN_REVIEW),
        (S.UNPUBLISHED, S.UNPUBLISHED),
    ],
)
def test_restore_within_the_retention(client, users, status, comes_back_as):
    live = status in Article.LIVE_STATUSES
    article = ArticleFactory(
        status=status, published_at=timezone.now() - datetime.timedelta(days=40) if live else None
    )
    trashed(article, users["editor"], days_ago=29)

    response = client_for(users["editor"]).post(restore_url(article))

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.trashed_at is None and article.trashed_by is None
    assert article.status == comes_back_as
    restored = Transition.objects.get(article=article, action="restore")
    assert (restored.from_status, restored.to_status) == (status, comes_back_as)
    assert restored.user == users["editor"]
    assert article.history.first().history_change_reason.startswith("Restored from the trash.")
    # A live story taken down does not go back before readers by itself.
    assert client.get(article.get_absolute_url()).status_code == 404


def test_restore_is_refused_after_the_retention(users):
    article = trashed(ArticleFactory(), users["editor"], days_ago=31)

    response = client_for(users["editor"]).post(restore_url(article))

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.trashed_at is not None
    assert any("too long" in message for message in messages_of(response))


@pytest.mark.parametrize("role", ["owner", "other_reporter", "moderator"])
def test_only_those_who_may_delete_see_the_trash_or_restore(users, role):
    article = trashed(ArticleFactory(created_by=users["owner"], draft=True), users["editor"])
    client = client_for(users[role])

    assert client.get(TRASH_URL).status_code == 403
    assert client.post(restore_url(article)).status_code == 403
    assert client.post(delete_url(ArticleFactory(created_by=users["owner"]))).status_code == 403
    article.refresh_from_db()
    assert article.trashed_at is not None


def test_slug_of_a_trashed_article_stays_reserved(users):
    article = trashed(ArticleFactory(headline="Quantum lab expands"), users["editor"])

    newcomer = ArticleFactory(headline="Quantum lab expands")

    assert newcomer.slug != article.slug


def test_purge_trash_deletes_only_articles_past_the_retention(users):
    old = trashed(ArticleFactory(headline="Old item"), users["editor"], days_ago=31)
    QuoteFactory(article=old)
    recent = trashed(ArticleFactory(headline="Recent item"), users["editor"], days_ago=10)
    live = ArticleFactory()

    dry = io.StringIO()
    call_command("purge_trash", "--dry-run", stdout=dry)
    assert "Would delete: Old item" in dry.getvalue()
    assert "1 article(s)" in dry.getvalue()
    assert Article.objects.filter(pk=old.pk).exists()

    out = io.StringIO()
    call_command("purge_trash", stdout=out)

    assert "Deleted 1 article(s)" in out.getvalue()
    assert "1 remain in the trash" in out.getvalue()
    assert set(Article.objects.all()) == {recent, live}
    assert not Quote.objects.filter(article_id=old.pk).exists()

    # Once its time is up, the recent one goes too.
    with time_machine.travel(timezone.now() + datetime.timedelta(days=21), tick=False):
        call_command("purge_trash", stdout=io.StringIO())
    assert list(Article.objects.all()) == [live]


def test_trash_days_setting(settings, users):
    settings.NEWSDESK = {**settings.NEWSDESK, "TRASH_DAYS": 7}
    article = trashed(ArticleFactory(), users["editor"], days_ago=8)

    assert list(trash.purge_due()) == [article]
    assert trash.days_left(article) == 0
