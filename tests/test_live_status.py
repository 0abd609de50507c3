"""A scheduled story whose time has come is published everywhere the desk looks, with no job run."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles import dashboard, workflow
from articles.models import Article
from tests.workflow_helpers import S, change_url, client_for, story

pytestmark = pytest.mark.django_db

GO_LIVE = datetime.datetime(2030, 3, 5, 1, 0, tzinfo=datetime.UTC)
BEFORE = GO_LIVE - datetime.timedelta(seconds=1)
AFTER = GO_LIVE + datetime.timedelta(seconds=1)


@pytest.fixture
def scheduled(reporter, editor):
    with time_machine.travel(GO_LIVE - datetime.timedelta(days=1), tick=False):
        article = story(reporter, S.DRAFT, headline="Harbour deal signed")
        workflow.apply(article, reporter, "submit")
        workflow.apply(article, editor, "schedule", published_at=GO_LIVE)
    return article


def listed(client, **query):
    response = client.get(reverse("admin:articles_article_changelist"), query)
    return response, {article.pk for article in response.context["cl"].result_list}


@pytest.mark.parametrize(
    "moment, shown", [(BEFORE, "Scheduled"), (GO_LIVE, "Published"), (AFTER, "Published")]
)
def test_status_is_told_at_read_time_across_the_boundary(scheduled, editor, moment, shown):
    with time_machine.travel(moment, tick=False):
        client = client_for(editor)
        scheduled.refresh_from_db()
        public = set(Article.objects.published().values_list("pk", flat=True))
        _, published = listed(client, status="published")
        _, upcoming = listed(client, status="scheduled")
        list_page, _ = listed(client)
        change_page = client.get(change_url(scheduled)).content.decode()
        history = client.get(
            reverse("admin:articles_article_revisions", args=[scheduled.pk])
        ).content.decode()
        recent = [item.label for item in dashboard.recently_published().items]
        next_up = [item.label for item in dashboard.scheduled_next().items]
        told = scheduled.live_status.label

    live = shown == "Published"
    assert scheduled.status == S.SCHEDULED  # nothing flipped the stored field
    assert told == shown
    # The admin's filter agrees with the public site at every instant.
    assert published == public
    assert (scheduled.pk in published, scheduled.pk in upcoming) == (live, not live)
    assert f'<td class="field-current_status">{shown}</td>' in list_page.content.decode()
    assert f"Status: {shown}" in change_page or f"<strong>{shown}</strong>" in change_page
    assert f"<td>{shown}</td>" in history
    assert ("Harbour deal signed" in recent, "Harbour deal signed" in next_up) == (live, not live)


def test_annotation_agrees_with_the_property(scheduled, reporter):
    draft = story(reporter, S.DRAFT)
    for moment in (BEFORE, AFTER):
        with time_machine.travel(moment, tick=False):
            annotated = dict(Article.objects.with_live_status().values_list("pk", "live_status"))
            for article in Article.objects.filter(pk__in=[scheduled.pk, draft.pk]):
                assert annotated[article.pk] == article.live_status


def test_unpublishing_a_due_scheduled_story_is_offered_and_works(scheduled, editor):
    with time_machine.travel(AFTER, tick=False):
        scheduled.refresh_from_db()
        assert "unpublish" in [a.name for a in workflow.available_actions(editor, scheduled)]
        workflow.apply(scheduled, editor, "unpublish", note="Embargo broken")
        assert not Article.objects.published().filter(pk=scheduled.pk).exists()
        assert scheduled.live_status == S.UNPUBLISHED
        assert timezone.now() == AFTER
