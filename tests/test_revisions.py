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


def whole_story(editor):
    """A story with one of each part, saved once more so a revision holds them all."""
    from articles.factories import (
        ArticleAuthorFactory,
        ArticlePhotoFactory,
        PhotoFactory,
        QAPairFactory,
        QuoteFactory,
        RelatedLinkFactory,
        SectionFactory,
    )
    from entities.factories import EventFactory, PersonFactory

    article = ArticleFactory(draft=True, section=SectionFactory(name="Policy"))
    ArticleAuthorFactory(article=article, person=PersonFactory(display_name="Ada Lam"))
    QuoteFactory(article=article, person=PersonFactory(display_name="Ben Ho"), text="We agree.")
    QAPairFactory(article=article, question="Why now?", answer="The funds came.")
    RelatedLinkFactory(article=article)
    ArticlePhotoFactory(article=article, photo=PhotoFactory(caption="The signing"))
    article.lead_photo = PhotoFactory(caption="The harbour")
    article.tags.add("fintech")
    article.events.add(EventFactory(name="Harbour Forum"))
    article.save()
    return article


def test_a_restore_brings_back_every_part_in_one_revision(editor):
    from articles import story_parts
    from entities.factories import PersonFactory

    article = whole_story(editor)
    whole = article.history.order_by("-history_id").first()
    before = story_parts.snapshot(article)
    assert whole.parts == before
    # Today's version: other parts everywhere.
    article.bylines.all().delete()
    article.bylines.create(person=PersonFactory(display_name="Cy Wu"))
    article.quotes.update(text="We disagree.")
    article.qa_pairs.all().delete()
    article.placements.all().delete()
    article.tags.set(["robots"])
    article.events.clear()
    article.section, article.lead_photo = None, None
    article.save()
    count = article.history.count()

    missing = revisions.restore(article, whole, editor)

    article.refresh_from_db()
    assert missing == []
    assert story_parts.snapshot(article) == before
    assert (article.section.name, article.lead_photo.caption) == ("Policy", "The harbour")
    assert article.history.count() == count + 1
    latest = article.history.order_by("-history_id").first()
    assert latest.parts == before
    assert latest.history_change_reason.startswith("Restored the revision of")


def test_the_diff_shows_each_part_readably(editor):
    article = whole_story(editor)
    old = article.history.order_by("-history_id").first()
    article.quotes.update(text="We disagree.")
    article.tags.add("robots")
    article.save()
    new = article.history.order_by("-history_id").first()

    diffs = {d.label: d for d in revisions.compare(old, new, parts=True)}

    quote = [(c.op, c.text) for c in diffs["Quotes"].chunks]
    assert ("equal", "Ben Ho · We") in quote
    assert ("delete", "agree.") in quote and ("insert", "disagree.") in quote
    tags = [(c.op, c.text.strip()) for c in diffs["Tags"].chunks]
    assert tags == [("equal", "fintech"), ("insert", "robots")]
    assert "Bylines" not in diffs  # unchanged parts are left out


def test_the_restore_note_gives_the_newsroom_time(editor, settings):
    import datetime

    import time_machine

    with time_machine.travel(datetime.datetime(2030, 1, 1, 23, 30, tzinfo=datetime.UTC)):
        article = ArticleFactory(draft=True)
    first = article.history.first()

    revisions.restore(article, first, editor)

    # 23:30 UTC is 07:30 the next morning in Hong Kong.
    latest = article.history.order_by("-history_id").first()
    assert latest.history_change_reason.startswith("Restored the revision of 2030-01-02 07:30")


def test_restore_on_a_live_story_asks_first_showing_what_changes(editor):
    from django.urls import reverse

    from tests.workflow_helpers import S, client_for, story

    article = story(editor, S.PUBLISHED, headline="Live headline")
    old = article.history.order_by("-history_id").first()
    article.headline = "Corrected headline"
    article.save()
    url = reverse("admin:articles_article_restore_revision", args=[article.pk, old.history_id])
    client = client_for(editor)

    asked = client.post(url)
    article.refresh_from_db()
    assert asked.status_code == 200
    assert article.headline == "Corrected headline"
    page = asked.content.decode()
    assert "is live" in page and "<ins>Live</ins>" in page and 'name="confirmed"' in page

    done = client.post(url, {"confirmed": "1"})
    article.refresh_from_db()
    assert done.status_code == 302
    assert article.headline == "Live headline"


def test_a_draft_is_restored_without_asking(editor):
    from django.urls import reverse

    from tests.workflow_helpers import S, client_for, story

    article = story(editor, S.DRAFT, headline="First")
    old = article.history.order_by("-history_id").first()
    article.headline = "Second"
    article.save()

    client_for(editor).post(
        reverse("admin:articles_article_restore_revision", args=[article.pk, old.history_id])
    )

    article.refresh_from_db()
    assert article.headline == "First"


def test_parts_changed_in_the_admin_are_named_in_the_revision(editor):
    from django.urls import reverse

    from tests.workflow_helpers import S, client_for, edit_data, story

    article = story(editor, S.DRAFT)
    client = client_for(editor)
    page = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    data = edit_data(page, tags="fintech, robots")

    client.post(reverse("admin:articles_article_change", args=[article.pk]), data)

    latest = article.history.order_by("-history_id").first()
    assert latest.parts["tags"] == ["fintech", "robots"]
    assert "Tags" in latest.history_change_reason


@pytest.mark.parametrize(
    "role, may", [("Editors", True), ("Reporters", False), ("Moderators", False)]
)
def test_photo_of_a_live_story_changes_only_with_its_rights_and_shows_in_its_history(
    make_staff, role, may
):
    from django.urls import reverse

    from articles.factories import PhotoFactory
    from tests.workflow_helpers import S, client_for, story

    user = make_staff(role, role.lower())
    photo = PhotoFactory(caption="Old caption")
    article = story(user, S.PUBLISHED, lead_photo=photo)
    client = client_for(user)
    url = reverse("admin:articles_photo_change", args=[photo.pk])
    page = client.get(url)
    form = page.context["adminform"].form
    data = {
        name: form[name].value() or ""
        for name in form.fields
        if name not in ("image", "organisations_shown")
    }
    data.update({"caption": "New caption", "people-TOTAL_FORMS": "0", "people-INITIAL_FORMS": "0"})
    for inline in page.context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})

    client.post(url, data)

    photo.refresh_from_db()
    latest = article.history.order_by("-history_id").first()
    assert ("caption" in form.fields) == may
    assert (photo.caption == "New caption") == may
    assert (latest.history_change_reason == "Photo “New caption” changed: Caption.") == may
