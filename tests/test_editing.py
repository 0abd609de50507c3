import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from articles import editing, sharing
from articles.factories import ArticleFactory
from articles.models import EditSession

pytestmark = pytest.mark.django_db


def test_second_editor_sees_who_has_the_article_open(editor, make_staff):
    other = make_staff("Editors", "other")
    article = ArticleFactory()
    assert editing.open_for_edit(article, editor) == []
    others = editing.open_for_edit(article, other)
    assert [s.user for s in others] == [editor]
    editing.close(article, editor)
    assert editing.open_for_edit(article, other) == []


def test_stale_sessions_are_ignored(editor, make_staff):
    other = make_staff("Editors", "other")
    article = ArticleFactory()
    editing.open_for_edit(article, editor)
    EditSession.objects.update(last_seen_at=timezone.now() - datetime.timedelta(hours=3))
    assert editing.open_for_edit(article, other) == []


def test_a_save_since_the_form_was_opened_is_a_conflict():
    article = ArticleFactory()
    opened_at_version = article.version
    article.headline = "Saved by someone else"
    article.save()
    with pytest.raises(editing.EditConflict) as conflict, transaction.atomic():
        editing.check_version(article.pk, opened_at_version)
    assert conflict.value.current.headline == "Saved by someone else"
    with transaction.atomic():
        assert editing.check_version(article.pk, article.version).pk == article.pk


class TestShareLinks:
    def test_a_fresh_link_resolves(self, editor):
        link = sharing.create(ArticleFactory(draft=True), editor)
        assert sharing.resolve(sharing.signed_token(link)) == link
        assert link.expires_at - link.created_at == sharing.DEFAULT_LIFETIME

    def test_an_expired_link_does_not(self, editor):
        link = sharing.create(ArticleFactory(draft=True), editor, lifetime=datetime.timedelta(0))
        assert sharing.resolve(sharing.signed_token(link)) is None

    def test_a_revoked_link_does_not(self, editor):
        link = sharing.create(ArticleFactory(draft=True), editor)
        sharing.revoke(link)
        assert sharing.resolve(sharing.signed_token(link)) is None

    @pytest.mark.parametrize("tamper", [lambda t: t[:-2] + "xx", lambda t: "a" + t, lambda t: ""])
    def test_a_tampered_token_does_not(self, editor, tamper):
        link = sharing.create(ArticleFactory(draft=True), editor)
        assert sharing.resolve(tamper(sharing.signed_token(link))) is None

    def test_the_raw_token_alone_is_not_enough(self, editor):
        link = sharing.create(ArticleFactory(draft=True), editor)
        assert sharing.resolve(link.token) is None
