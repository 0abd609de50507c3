import pytest

from articles import revisions
from articles.factories import ArticleFactory
from articles.models import Article

pytestmark = pytest.mark.django_db


def test_every_save_keeps_a_revision():
    article = ArticleFactory(headline="First headline", draft=True)
    article.headline = "Second headline"
    article.save()
    article.headline = "Third headline"
    article.save()
    assert list(article.history.order_by("history_id").values_list("headline", flat=True)) == [
        "First headline",
        "Second headline",
        "Third headline",
    ]


def test_word_diff_marks_only_the_changed_words():
    chunks = revisions.word_diff("The forum opened on Thursday", "The forum closed on Thursday")
    assert [(c.op, c.text) for c in chunks] == [
        ("equal", "The forum"),
        ("delete", "opened"),
        ("insert", "closed"),
        ("equal", "on Thursday"),
    ]


def test_compare_reads_the_body_as_text_with_paragraph_breaks():
    old = ArticleFactory.build(
        headline="Same", standfirst="", body="<p>One <b>bold</b> line.</p><p>Two.</p>"
    )
    new = ArticleFactory.build(
        headline="Same", standfirst="Added", body="<p>One bold line.</p><p>Three.</p>"
    )
    diffs = {d.name: d for d in revisions.compare(old, new)}
    assert not diffs["headline"].changed
    assert [(c.op, c.text) for c in diffs["standfirst"].chunks] == [("insert", "Added")]
    body = [(c.op, c.text) for c in diffs["body"].chunks]
    assert ("delete", "Two.") in body and ("insert", "Three.") in body
    assert all("<" not in text for _, text in body)


def test_restore_creates_a_new_revision_and_keeps_the_old_ones(editor):
    article = ArticleFactory(headline="Original", body="<p>Original text.</p>")
    article.headline, article.body = "Rewritten", "<p>New text.</p>"
    article.save()
    first = article.history.order_by("history_id").first()

    revisions.restore(article, first, editor)

    article.refresh_from_db()
    assert (article.headline, article.body) == ("Original", "<p>Original text.</p>")
    assert article.history.count() == 3
    latest = article.history.order_by("-history_id").first()
    assert latest.history_user == editor
    assert "Restored" in latest.history_change_reason
    assert list(article.history.order_by("history_id").values_list("headline", flat=True)) == [
        "Original",
        "Rewritten",
        "Original",
    ]


def test_restore_does_not_change_publication(editor):
    article = ArticleFactory(draft=True)
    draft_revision = article.history.first()
    article.status = Article.Status.PUBLISHED
    article.published_at = article.created_at
    article.save()
    revisions.restore(article, draft_revision, editor)
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
