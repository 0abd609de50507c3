import pytest

from articles import copydesk
from articles.factories import ArticleAuthorFactory, ArticleFactory, MentionFactory, QuoteFactory
from articles.models import Mention
from entities.factories import PersonFactory

pytestmark = pytest.mark.django_db


def unlinked_warnings(article):
    return [w for w in copydesk.review(article).warnings if "not linked" in w]


def test_a_known_person_named_but_not_linked_is_a_warning():
    PersonFactory(display_name="Marcus Tan Wei Ming", aliases=["Marcus Tan"])
    article = ArticleFactory(body="<p>Marcus Tan opened the summit.</p>")
    assert unlinked_warnings(article) == [
        "“Marcus Tan” matches Marcus Tan Wei Ming, who is not linked to this article."
    ]


def test_people_linked_by_mention_byline_or_quote_are_not_warned_about():
    mentioned, author, quoted = (
        PersonFactory(display_name=name) for name in ("Lena Okafor", "Priya Raman", "Ho Ka-yan")
    )
    article = ArticleFactory(body="<p>Lena Okafor, Priya Raman and Ho Ka-yan spoke.</p>")
    MentionFactory(article=article, person=mentioned, status=Mention.Status.CONFIRMED)
    ArticleAuthorFactory(article=article, person=author)
    QuoteFactory(article=article, person=quoted)
    assert unlinked_warnings(article) == []


def test_a_suggested_mention_still_counts_as_unlinked():
    person = PersonFactory(display_name="Lena Okafor")
    article = ArticleFactory(headline="Lena Okafor joins the board", body="<p>News.</p>")
    MentionFactory(article=article, person=person)
    assert len(unlinked_warnings(article)) == 1
