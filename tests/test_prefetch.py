"""`prefetch_when_read` (newsdesk/prefetch.py): no query until a relation is read,
then one for the whole batch."""

import pytest
from django.db.models import Prefetch

from articles.factories import ArticleAuthorFactory, ArticleFactory
from articles.models import Article, ArticleAuthor
from newsdesk.prefetch import prefetch_when_read

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories():
    for _ in range(3):
        ArticleAuthorFactory.create_batch(2, article=ArticleFactory())
    return list(Article.objects.order_by("pk"))


def test_nothing_is_fetched_until_read(stories, django_assert_num_queries):
    with django_assert_num_queries(0):
        prefetch_when_read(stories, "bylines")


def test_the_first_read_fetches_for_the_whole_batch(stories, django_assert_num_queries):
    bylines = ArticleAuthor.objects.select_related("person")
    prefetch_when_read(stories, Prefetch("bylines", queryset=bylines))
    with django_assert_num_queries(1):
        names = [
            [byline.person.display_name for byline in story.bylines.all()] for story in stories
        ]
    assert [len(story_names) for story_names in names] == [2, 2, 2]


def test_two_copies_of_one_row_both_get_it(stories, django_assert_num_queries):
    twin = Article.objects.get(pk=stories[0].pk)
    prefetch_when_read([*stories, twin], "bylines")
    with django_assert_num_queries(1):
        assert len(twin.bylines.all()) == 2
        assert len(stories[0].bylines.all()) == 2
