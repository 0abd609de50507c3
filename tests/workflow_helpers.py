"""What the admin workflow tests share: one user per role and a form's post data."""

import datetime
import itertools

from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.factories import ArticleAuthorFactory, ArticleFactory
from articles.models import Article

S = Article.Status
ROLES = ["owner", "other_reporter", "editor", "moderator", "superuser"]
DESK = {"editor", "superuser"}


def staff_by_role(make_staff):
    return {
        "owner": make_staff("Reporters", "owner"),
        "other_reporter": make_staff("Reporters", "other"),
        "editor": make_staff("Editors", "editor"),
        "moderator": make_staff("Moderators", "moderator"),
        "superuser": get_user_model().objects.create_superuser("chief", password="pw"),
    }


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


_NUMBERS = itertools.count(1)


def distinct_headline():
    """A headline no other story's looks like: the factory's differ in a number only,
    which the copy desk rightly takes for a possible duplicate."""
    return f"Desk story {next(_NUMBERS)}"


def story(owner, status=S.DRAFT, **kwargs):
    """An article that passes the copy desk, so only the rules under test can refuse it."""
    live = status in (S.SCHEDULED, S.PUBLISHED)
    kwargs.setdefault("headline", distinct_headline())
    article = ArticleFactory(
        status=status,
        published_at=timezone.now() - datetime.timedelta(hours=1) if live else None,
        created_by=owner,
        **kwargs,
    )
    ArticleAuthorFactory(article=article)
    return article


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def edit_data(response, **changes):
    """What the change form posts when only its main fields are touched."""
    form = response.context["adminform"].form
    article = form.instance
    data = {
        "headline": article.headline,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": article.body,
        "kicker": article.kicker,
        "section": article.section_id or "",
        "dateline": article.dateline,
        "contact_email": article.contact_email,
        "opened_version": form["opened_version"].value(),
    }
    for inline in response.context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        # No inline rows are posted: existing ones stay as they are.
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return {**data, **changes}


def later_in_hong_kong(hours=24):
    return timezone.localtime(timezone.now() + datetime.timedelta(hours=hours)).strftime(
        "%Y-%m-%dT%H:%M"
    )
