import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import dashboard, workflow
from articles.factories import ArticleFactory, MentionFactory
from articles.models import Article, Mention

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def panel_keys(user):
    return [panel.key for panel in dashboard.panels_for(user)]


def panel(user, key):
    return next(panel for panel in dashboard.panels_for(user) if panel.key == key)


def labels(panel):
    return [item.label for item in panel.items]


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def returned(reporter, editor, headline, note):
    article = ArticleFactory(draft=True, created_by=reporter, headline=headline)
    workflow.apply(article, reporter, "submit")
    workflow.apply(article, editor, "return", note=note)
    return article


class TestPanelsPerRole:
    def test_reporters_see_their_drafts_and_what_came_back_not_the_review_queue(self, reporter):
        assert panel_keys(reporter) == ["my_drafts", "returned", "scheduled", "published"]

    def test_editors_see_the_review_queue_not_returns(self, editor):
        assert panel_keys(editor) == ["my_drafts", "awaiting_review", "scheduled", "published"]

    def test_moderators_see_suggestions_and_no_drafts(self, moderator):
        assert panel_keys(moderator) == ["scheduled", "published", "suggestions"]

    def test_the_admin_index_shows_the_panels_and_keeps_the_app_list(self, client, reporter):
        draft = ArticleFactory(draft=True, created_by=reporter, headline="Tram fares review")
        client.force_login(reporter)
        content = client.get(reverse("admin:index")).content.decode()
        assert "My drafts" in content
        assert "Awaiting review" not in content
        assert f'href="{change_url(draft)}"' in content
        assert 'id="content-main"' in content and "app-articles" in content

    def test_the_admin_index_shows_editors_the_review_queue(self, client, editor):
        ArticleFactory(status=Article.Status.IN_REVIEW, headline="Port strike ends")
        client.force_login(editor)
        content = client.get(reverse("admin:index")).content.decode()
        assert "Awaiting review" in content and "Port strike ends" in content
        assert "Returned to you with notes" not in content


class TestPanelContents:
    def test_my_drafts_are_only_mine_and_only_drafts(self, reporter, make_staff):
        mine = ArticleFactory(draft=True, created_by=reporter, headline="Mine")
        ArticleFactory(draft=True, created_by=make_staff("Reporters", "other"), headline="Theirs")
        ArticleFactory(created_by=reporter, headline="Mine, published")
        drafts = panel(reporter, "my_drafts")
        assert labels(drafts) == ["Mine"]
        assert drafts.items[0].url == change_url(mine)

    def test_awaiting_review_lists_articles_in_review(self, editor):
        ArticleFactory(status=Article.Status.IN_REVIEW, headline="In review")
        ArticleFactory(draft=True, headline="Still a draft")
        assert labels(panel(editor, "awaiting_review")) == ["In review"]

    def test_returned_articles_carry_the_editors_note(self, reporter, editor):
        returned(reporter, editor, "Bridge repairs", "Check the cost figure with the department.")
        resubmitted = returned(reporter, editor, "Ferry timetable", "Needs a second source.")
        workflow.apply(resubmitted, reporter, "submit")
        ArticleFactory(draft=True, created_by=reporter, headline="Never submitted")
        items = panel(reporter, "returned").items
        assert [(item.label, item.detail) for item in items] == [
            ("Bridge repairs", "Check the cost figure with the department.")
        ]

    def test_scheduled_next_is_soonest_first_in_hong_kong_time(self, reporter):
        now = timezone.now()
        ArticleFactory(status=Article.Status.SCHEDULED, published_at=now + 5 * HOUR, headline="B")
        ArticleFactory(
            status=Article.Status.SCHEDULED,
            published_at=datetime.datetime(2099, 1, 1, 23, 15, tzinfo=datetime.UTC),
            headline="C",
        )
        ArticleFactory(status=Article.Status.SCHEDULED, published_at=now + HOUR, headline="A")
        ArticleFactory(status=Article.Status.SCHEDULED, published_at=now - HOUR, headline="Live")
        scheduled = panel(reporter, "scheduled")
        assert labels(scheduled) == ["A", "B", "C"]
        assert scheduled.items[-1].detail == "Fri 2 Jan, 07:15 HKT"

    def test_recently_published_is_newest_first_and_only_public(self, reporter):
        now = timezone.now()
        ArticleFactory(published_at=now - 2 * HOUR, headline="Older")
        ArticleFactory(published_at=now - HOUR, headline="Newer")
        ArticleFactory(status=Article.Status.UNPUBLISHED, headline="Withdrawn")
        assert labels(panel(reporter, "published")) == ["Newer", "Older"]

    def test_suggestions_count_links_to_the_filtered_changelist(self, client, moderator):
        MentionFactory.create_batch(2)
        MentionFactory(status=Mention.Status.CONFIRMED)
        suggestions = panel(moderator, "suggestions")
        assert suggestions.count == 2
        assert suggestions.link == (
            reverse("admin:articles_mention_changelist") + "?status__exact=suggested"
        )
        client.force_login(moderator)
        response = client.get(suggestions.link)
        assert response.status_code == 200
        assert response.context["cl"].result_count == 2


@pytest.mark.parametrize("role", ["Editors", "Reporters", "Moderators"])
def test_queries_do_not_grow_with_the_number_of_articles(make_staff, role):
    user = make_staff(role)
    dashboard.panels_for(user)  # Loads the user's permissions once.

    def queries():
        with CaptureQueriesContext(connection) as captured:
            dashboard.panels_for(user)
        return len(captured)

    few = queries()
    for status in [Article.Status.DRAFT, Article.Status.IN_REVIEW]:
        ArticleFactory.create_batch(12, status=status, published_at=None, created_by=user)
    ArticleFactory.create_batch(
        12, status=Article.Status.SCHEDULED, published_at=timezone.now() + HOUR
    )
    ArticleFactory.create_batch(12)
    MentionFactory.create_batch(3)
    assert queries() == few
    assert all(len(p.items) <= dashboard.LIMIT for p in dashboard.panels_for(user))
