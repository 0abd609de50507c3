import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import sharing
from articles.factories import ArticleFactory, QuoteFactory
from articles.models import Article

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def preview_url(article):
    return reverse("articles:preview", args=[article.pk])


def assert_private(response):
    cache_control = response.headers["Cache-Control"]
    assert "no-cache" in cache_control
    assert "no-store" in cache_control
    assert "max-age=0" in cache_control
    assert response.headers["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in response.content.decode()


@pytest.fixture
def draft():
    return ArticleFactory(draft=True, headline="Embargoed: harbour tunnel deal")


class TestStaffPreview:
    def test_renders_a_draft_in_the_article_page_marked_as_a_preview(self, client, editor, draft):
        QuoteFactory(article=draft, text="We signed it this morning.")
        client.force_login(editor)
        response = client.get(preview_url(draft))
        assert response.status_code == 200
        assert_private(response)
        assert "articles/article_detail.html" in [t.name for t in response.templates]
        content = response.content.decode()
        assert "Embargoed: harbour tunnel deal" in content
        assert "We signed it this morning." in content
        assert "Preview" in content and "Draft" in content
        assert reverse("admin:articles_article_change", args=[draft.pk]) in content

    def test_a_scheduled_article_says_when_it_goes_live_in_newsroom_time(self, client, editor):
        article = ArticleFactory(
            status=Article.Status.SCHEDULED,
            published_at=datetime.datetime(2030, 3, 1, 1, 30, tzinfo=datetime.UTC),
        )
        client.force_login(editor)
        content = client.get(preview_url(article)).content.decode()
        assert "Scheduled" in content
        assert "goes live" in content and "1 March 2030, 09:30" in content

    def test_the_public_page_has_no_banner_and_no_noindex(self, client):
        article = ArticleFactory()
        response = client.get(article.get_absolute_url())
        assert "preview-banner" not in response.content.decode()
        assert "X-Robots-Tag" not in response.headers
        assert 'content="noindex"' not in response.content.decode()

    def test_anonymous_visitors_are_sent_to_the_admin_login(self, client, draft):
        response = client.get(preview_url(draft))
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))
        assert "Embargoed" not in response.content.decode()

    def test_non_staff_users_are_refused(self, client, django_user_model, draft):
        client.force_login(django_user_model.objects.create_user("reader", password="pw"))
        response = client.get(preview_url(draft))
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))

    def test_staff_without_the_view_permission_are_refused(self, client, django_user_model, draft):
        client.force_login(
            django_user_model.objects.create_user("intern", password="pw", is_staff=True)
        )
        assert client.get(preview_url(draft)).status_code == 403

    @pytest.mark.parametrize("role", ["Editors", "Reporters", "Moderators"])
    def test_every_newsroom_role_may_preview(self, client, make_staff, draft, role):
        client.force_login(make_staff(role))
        assert client.get(preview_url(draft)).status_code == 200

    def test_an_unknown_article_is_not_found(self, client, editor):
        client.force_login(editor)
        assert client.get(reverse("articles:preview", args=[999_999])).status_code == 404

    def test_only_reads(self, client, editor, draft):
        client.force_login(editor)
        assert client.post(preview_url(draft)).status_code == 405


class TestRevisionPreview:
    @pytest.fixture
    def rewritten(self, draft):
        draft.headline = "Harbour tunnel deal signed"
        draft.save()
        return draft

    def url(self, article, revision):
        return reverse("articles:preview_revision", args=[article.pk, revision.history_id])

    def test_shows_the_old_headline_with_the_current_parts(self, client, editor, rewritten):
        QuoteFactory(article=rewritten, text="A good day for the harbour.")
        first = rewritten.history.earliest("history_id")
        client.force_login(editor)
        response = client.get(self.url(rewritten, first))
        assert response.status_code == 200
        assert_private(response)
        content = response.content.decode()
        assert "Embargoed: harbour tunnel deal" in content
        assert "Harbour tunnel deal signed" not in content
        assert "A good day for the harbour." in content
        assert "Revision of" in content
        assert preview_url(rewritten) in content

    def test_a_revision_of_another_article_is_not_found(self, client, editor, rewritten):
        other = ArticleFactory(draft=True)
        client.force_login(editor)
        revision = rewritten.history.earliest("history_id")
        assert client.get(self.url(other, revision)).status_code == 404

    def test_anonymous_visitors_are_sent_to_the_admin_login(self, client, rewritten):
        response = client.get(self.url(rewritten, rewritten.history.earliest("history_id")))
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))

    def test_moderators_who_may_not_read_history_are_refused(self, client, moderator, rewritten):
        client.force_login(moderator)
        response = client.get(self.url(rewritten, rewritten.history.earliest("history_id")))
        assert response.status_code == 403


class TestSharedPreview:
    @pytest.fixture
    def link(self, draft, editor):
        return sharing.create(draft, editor)

    def test_renders_the_article_read_only_for_anyone(self, client, link):
        response = client.get(sharing.url_for(link))
        assert response.status_code == 200
        assert_private(response)
        content = response.content.decode()
        assert "Embargoed: harbour tunnel deal" in content
        assert "Preview shared for checking — not published" in content
        assert "/admin/" not in content
        assert reverse("admin:articles_article_change", args=[link.article_id]) not in content

    def test_only_reads(self, client, link):
        assert client.post(sharing.url_for(link)).status_code == 405

    def test_an_expired_link_is_not_found(self, client, link, monkeypatch):
        url = sharing.url_for(link)
        assert client.get(url).status_code == 200
        later = link.expires_at + datetime.timedelta(seconds=1)
        monkeypatch.setattr("django.utils.timezone.now", lambda: later)
        assert client.get(url).status_code == 404

    def test_a_link_is_good_until_just_before_it_expires(self, client, link, monkeypatch):
        almost = link.expires_at - datetime.timedelta(seconds=1)
        monkeypatch.setattr("django.utils.timezone.now", lambda: almost)
        assert client.get(sharing.url_for(link)).status_code == 200

    def test_a_revoked_link_is_not_found(self, client, link):
        url = sharing.url_for(link)
        sharing.revoke(link)
        assert client.get(url).status_code == 404

    def test_a_tampered_token_is_not_found(self, client, link):
        token = sharing.signed_token(link)
        tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
        url = reverse("articles:shared_preview", kwargs={"token": tampered})
        assert client.get(url).status_code == 404

    def test_the_raw_token_without_its_signature_is_not_found(self, client, link):
        url = reverse("articles:shared_preview", kwargs={"token": link.token})
        assert client.get(url).status_code == 404

    def test_the_link_shows_the_article_as_it_is_now(self, client, link, draft):
        draft.headline = "Harbour tunnel deal: corrected figures"
        draft.save()
        content = client.get(sharing.url_for(link)).content.decode()
        assert "Harbour tunnel deal: corrected figures" in content

    def test_a_scheduled_article_is_still_absent_from_its_public_page(self, client, editor):
        article = ArticleFactory(
            status=Article.Status.SCHEDULED, published_at=timezone.now() + HOUR
        )
        link = sharing.create(article, editor)
        assert client.get(sharing.url_for(link)).status_code == 200
        assert client.get(article.get_absolute_url()).status_code == 404
