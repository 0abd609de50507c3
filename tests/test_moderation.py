import pytest
from django.urls import reverse

from articles.factories import ArticleFactory, MentionFactory
from articles.models import Mention
from articles.suggestions import suggest_mentions
from entities import matching
from entities.admin.prefill import person_add_url
from entities.factories import EventFactory, OrganisationFactory, PersonFactory
from entities.models import Organisation, Person

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:articles_mention_changelist")


def change_url(mention):
    return reverse("admin:articles_mention_change", args=[mention.pk])


def mention_data(mention, **changes):
    data = {
        "article": mention.article_id,
        "person": mention.person_id or "",
        "organisation": mention.organisation_id or "",
        "event": mention.event_id or "",
        "status": mention.status,
        "snippet": mention.snippet,
    }
    return {**data, **changes}


def test_the_queue_opens_on_suggestions_and_filters_by_kind_and_article(client, moderator):
    article = ArticleFactory()
    suggested = MentionFactory(article=article)
    MentionFactory(article=article, status=Mention.Status.CONFIRMED)
    elsewhere = MentionFactory(person=None, organisation=OrganisationFactory())
    client.force_login(moderator)

    def listed(**params):
        response = client.get(QUEUE, params)
        assert response.status_code == 200
        return set(response.context["cl"].result_list)

    assert listed() == {suggested, elsewhere}
    assert listed(entity="organisation") == {elsewhere}
    assert listed(article=article.pk) == {suggested}
    assert len(listed(article=article.pk, status="all")) == 2


@pytest.mark.parametrize("action, status", [("accept", "confirmed"), ("reject", "rejected")])
def test_moderators_accept_or_reject_many_at_once(client, moderator, action, status):
    chosen = MentionFactory.create_batch(2)
    untouched = MentionFactory()
    client.force_login(moderator)

    response = client.post(QUEUE, {"action": action, "_selected_action": [m.pk for m in chosen]})

    assert response.status_code == 302
    for mention in chosen:
        mention.refresh_from_db()
        assert mention.status == status
        assert mention.decided_by == moderator
        assert mention.decided_at is not None
    untouched.refresh_from_db()
    assert (untouched.status, untouched.decided_by) == ("suggested", None)


def test_reporters_cannot_decide(client, reporter):
    mention = MentionFactory()
    client.force_login(reporter)

    assert b'value="accept"' not in client.get(QUEUE).content
    client.post(QUEUE, {"action": "accept", "_selected_action": [mention.pk]})
    response = client.post(change_url(mention), mention_data(mention, status="confirmed"))

    assert response.status_code == 403
    mention.refresh_from_db()
    assert mention.status == "suggested"


def test_a_rejected_suggestion_is_not_made_again(client, moderator):
    person = PersonFactory(display_name="Tim Cheng")
    article = ArticleFactory(standfirst="Tim Cheng spoke.")
    matching.names_changed()
    suggest_mentions(article)
    mention = article.mentions.get()
    client.force_login(moderator)

    client.post(QUEUE, {"action": "reject", "_selected_action": [mention.pk]})

    assert suggest_mentions(article) == []
    assert list(article.mentions.values_list("person", "status")) == [(person.pk, "rejected")]


def test_a_suggestion_is_re_pointed_to_another_entity(client, moderator):
    mention = MentionFactory()
    other = OrganisationFactory()
    client.force_login(moderator)

    response = client.post(
        change_url(mention),
        mention_data(mention, person="", organisation=other.pk, status="confirmed"),
    )

    assert response.status_code == 302
    mention.refresh_from_db()
    assert (mention.person, mention.organisation, mention.status) == (None, other, "confirmed")
    assert mention.decided_by == moderator


@pytest.mark.parametrize("targets", ["none", "two"])
def test_re_pointing_needs_exactly_one_entity(client, moderator, targets):
    mention = MentionFactory()
    client.force_login(moderator)
    changes = {"person": ""} if targets == "none" else {"event": EventFactory().pk}

    response = client.post(change_url(mention), mention_data(mention, **changes))

    assert response.status_code == 200
    assert "exactly one person, organisation or event" in str(
        response.context["adminform"].form.non_field_errors()
    )


def test_re_pointing_to_an_entity_the_article_already_mentions_is_refused(client, moderator):
    mention = MentionFactory()
    existing = MentionFactory(article=mention.article)
    client.force_login(moderator)

    response = client.post(change_url(mention), mention_data(mention, person=existing.person_id))

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "already mentions" in str(errors["person"])
    assert change_url(existing) in str(errors["person"])
    mention.refresh_from_db()
    assert mention.person_id != existing.person_id


def test_the_person_form_opens_with_the_name_title_and_organisation(client, moderator):
    hkust = OrganisationFactory(name="HKUST")
    client.force_login(moderator)

    response = client.get(person_add_url("Tim Cheng", "vice-president", hkust))

    assert response.status_code == 200
    assert response.context["adminform"].form["display_name"].value() == "Tim Cheng"
    (positions,) = [inline.formset for inline in response.context["inline_admin_formsets"]]
    (form,) = positions.forms
    assert form["title"].value() == "vice-president"
    assert str(form["organisation"].value()) == str(hkust.pk)


def person_form(name, **extra):
    return {
        "display_name": name,
        "slug": "",
        "family_name": "",
        "given_names": "",
        "english_name": "",
        "native_name": "",
        "aliases": "",
        "bio": "",
        "positions-TOTAL_FORMS": "0",
        "positions-INITIAL_FORMS": "0",
        **extra,
    }


@pytest.mark.parametrize("name", ["tim  CHENG", "鄭光廷"])
def test_a_likely_duplicate_person_is_warned_about_until_confirmed(client, moderator, name):
    known = PersonFactory(display_name="Tim Cheng", aliases=["鄭光廷"])
    client.force_login(moderator)
    url = reverse("admin:entities_person_add")

    response = client.post(url, person_form(name))

    assert response.status_code == 200
    warning = str(response.context["adminform"].form.non_field_errors())
    assert "Possibly a duplicate" in warning
    assert reverse("admin:entities_person_change", args=[known.pk]) in warning
    assert Person.objects.count() == 1

    response = client.post(url, person_form(name, save_anyway="on"))

    assert response.status_code == 302
    assert Person.objects.count() == 2


def test_an_organisation_renamed_to_anothers_acronym_is_warned_about(client, moderator):
    OrganisationFactory(name="Hong Kong University of Science and Technology", short_name="HKUST")
    other = OrganisationFactory(name="Some Institute")
    client.force_login(moderator)
    url = reverse("admin:entities_organisation_change", args=[other.pk])
    data = {
        "name": "Some Institute",
        "slug": other.slug,
        "short_name": "",
        "aliases": "hkust",
        "kind": other.kind,
        "parent": "",
        "city": "",
        "website": "",
        "description": "",
    }

    response = client.post(url, data)
    assert response.status_code == 200
    assert "Possibly a duplicate" in str(response.context["adminform"].form.non_field_errors())

    # An edit that leaves the names alone is not held up by an old likeness.
    other.aliases = ["hkust"]
    other.save()
    # As the browser sends it: aliases have a callable default, so their form
    # field carries its initial value in a hidden input.
    response = client.post(url, {**data, "initial-aliases": "hkust", "city": "Hong Kong"})
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Organisation.objects.get(pk=other.pk).city == "Hong Kong"


def test_suggest_entities_from_the_article_changelist(client, editor, reporter):
    PersonFactory(display_name="Tim Cheng")
    article = ArticleFactory(standfirst="Tim Cheng spoke.")
    matching.names_changed()
    url = reverse("admin:articles_article_changelist")
    data = {"action": "suggest_entities", "_selected_action": [article.pk]}

    client.force_login(reporter)
    client.post(url, data)
    assert not article.mentions.exists()

    client.force_login(editor)
    response = client.post(url, data, follow=True)
    assert article.mentions.count() == 1
    assert "Made 1 suggestion(s)" in response.content.decode()
