import pytest
from django.urls import reverse

from articles.factories import ArticleFactory, MentionFactory
from articles.linking import link_first_mentions
from articles.models import Mention
from entities.factories import EventFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    return {
        "cui": PersonFactory(display_name="Cui Li", aliases=["Cui"]),
        "zte": OrganisationFactory(name="ZTE Corporation", short_name="ZTE"),
        "ey": OrganisationFactory(name="Ernst & Young"),
        "forum": EventFactory(name="Tech Cities Forum"),
    }


def link(entity, text):
    return f'<a href="{entity.get_absolute_url()}">{text}</a>'


def test_only_the_first_mention_is_linked(cast):
    body = "<p>Cui Li spoke first.</p><p>Later Cui Li spoke again.</p>"
    assert link_first_mentions(body, [cast["cui"]]) == (
        f"<p>{link(cast['cui'], 'Cui Li')} spoke first.</p><p>Later Cui Li spoke again.</p>"
    )


def test_the_first_form_used_is_linked_whichever_it_is(cast):
    body = "<p>ZTE said so, and ZTE Corporation agreed.</p>"
    assert link_first_mentions(body, [cast["zte"]]) == (
        f"<p>{link(cast['zte'], 'ZTE')} said so, and ZTE Corporation agreed.</p>"
    )


def test_existing_links_and_markup_are_left_alone(cast):
    body = (
        '<p><a href="https://example.org/">Cui Li</a> and <strong>Tech Cities Forum</strong> '
        "with Ernst &amp; Young.</p>"
    )
    result = link_first_mentions(body, [cast["cui"], cast["forum"], cast["ey"]])
    assert '<a href="https://example.org/">Cui Li</a>' in result
    assert f"<strong>{link(cast['forum'], 'Tech Cities Forum')}</strong>" in result
    assert link(cast["ey"], "Ernst &amp; Young") in result
    assert result.count("<a ") == 3


def test_entities_not_given_are_not_linked(cast):
    body = "<p>Cui Li met ZTE.</p>"
    assert link_first_mentions(body, [cast["zte"]]).count("<a ") == 1
    assert link_first_mentions(body, []) == body


def test_the_article_page_links_confirmed_mentions_only(client, cast):
    article = ArticleFactory(body="<p>Cui Li of ZTE opened the Tech Cities Forum.</p>")
    MentionFactory(article=article, person=cast["cui"], status=Mention.Status.CONFIRMED)
    MentionFactory(article=article, person=None, organisation=cast["zte"])
    MentionFactory(
        article=article, person=None, event=cast["forum"], status=Mention.Status.REJECTED
    )
    content = client.get(reverse("articles:article_detail", args=[article.slug])).content.decode()
    assert link(cast["cui"], "Cui Li") in content
    assert f'href="{cast["zte"].get_absolute_url()}">ZTE</a>' not in content
    assert f'href="{cast["forum"].get_absolute_url()}">Tech Cities Forum</a>' not in content
