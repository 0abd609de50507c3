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


def result_rows(page):
    return page.split('id="result_list"', 1)[1].split("</table>", 1)[0]


def test_each_row_opens_its_mention_and_no_link_wraps_another(client, moderator):
    mention = MentionFactory()
    client.force_login(moderator)

    rows = result_rows(client.get(QUEUE).content.decode())

    assert f'href="{change_url(mention)}"' in rows
    depth = 0
    for piece in rows.split("<a")[1:]:
        # Every link closes before the next one opens.
        assert "</a>" in piece
        depth = piece.count("</a>")
        assert depth == 1


def test_accept_or_reject_one_row_in_one_click(client, moderator, reporter):
    first, second = MentionFactory(), MentionFactory()
    decide = reverse("admin:articles_mention_decide")
    client.force_login(moderator)

    page = client.get(QUEUE).content.decode()
    assert f'formaction="{decide}" name="decide" value="{first.pk}:confirmed"' in page
    response = client.post(decide, {"decide": f"{first.pk}:confirmed"}, HTTP_REFERER=QUEUE)
    client.post(decide, {"decide": f"{second.pk}:rejected"})
    refused = client.post(decide, {"decide": f"{second.pk}:suggested"})

    first.refresh_from_db()
    second.refresh_from_db()
    assert response.status_code == 302 and response.url == QUEUE
    assert (first.status, first.decided_by) == (Mention.Status.CONFIRMED, moderator)
    assert (second.status, second.decided_by) == (Mention.Status.REJECTED, moderator)
    assert refused.status_code == 302
    client.force_login(reporter)
    assert client.post(decide, {"decide": f"{first.pk}:rejected"}).status_code == 403
    first.refresh_from_db()
    assert first.status == Mention.Status.CONFIRMED


def test_snippets_are_short_in_the_queue_and_marked_on_the_mention(client, moderator):
    person = PersonFactory(display_name="Grace Ho")
    long_text = "The panel " + "heard many views " * 12 + "from Grace Ho, " + "and more " * 12
    mention = MentionFactory(person=person, snippet=long_text[:300])
    client.force_login(moderator)

    rows = result_rows(client.get(QUEUE).content.decode())
    page = client.get(change_url(mention)).content.decode()

    assert "<mark>Grace Ho</mark>" in rows
    cell = rows.split('class="field-short_snippet">', 1)[1].split("</td>", 1)[0]
    assert len(cell.replace("<mark>", "").replace("</mark>", "")) <= 100
    assert "<mark>Grace Ho</mark>" in page
    assert "newsdesk/admin/mentions.css" in client.get(QUEUE).content.decode()


def test_snippets_follow_the_body_when_it_is_edited(editor):
    from tests.workflow_helpers import change_url as article_url
    from tests.workflow_helpers import client_for, edit_data

    person = PersonFactory(display_name="Grace Ho")
    matching.names_changed()
    article = ArticleFactory(body="<p>Grace Ho opened the old lab.</p>", created_by=editor)
    suggest_mentions(article)
    client = client_for(editor)

    client.post(
        article_url(article),
        edit_data(client.get(article_url(article)), body="<p>Grace Ho opened the new lab.</p>"),
    )

    mention = Mention.objects.get(article=article, person=person)
    assert mention.snippet == "Grace Ho opened the new lab."


def test_wire_names_are_handed_to_moderators_never_a_refused_link(client, reporter, moderator):
    from articles.models import Article

    article = ArticleFactory(
        draft=True,
        created_by=reporter,
        wire_unknown_names=[
            {"kind": "person", "name": "Lena Okafor", "title": "chief scientist"},
            {"kind": "organisation", "name": "Tidal Arm Robotics"},
        ],
    )
    article_url = reverse("admin:articles_article_change", args=[article.pk])
    handover = reverse("admin:articles_article_names_handover", args=[article.pk])
    client.force_login(reporter)

    page = client.get(article_url).content.decode()
    assert "Add this" not in page
    assert "a moderator adds it" in page
    assert f'action="{handover}"' in page
    client.post(handover)

    article.refresh_from_db()
    assert article.names_handed_over_by == reporter
    assert f'action="{handover}"' not in client.get(article_url).content.decode()

    client.force_login(moderator)
    queue = client.get(QUEUE).content.decode()
    assert "Names from the wire handed over by the desk" in queue
    links = [
        chunk.split('"', 1)[0].replace("&amp;", "&")
        for chunk in queue.split('id="names-handed-over"', 1)[1].split('href="')[1:]
    ]
    assert links and all(client.get(link).status_code == 200 for link in links)
    client.post(handover, {"done": "1"})
    assert Article.objects.get(pk=article.pk).names_handed_over_at is None
    client.force_login(reporter)
    assert client.post(handover, {"done": "1"}).status_code == 403


def test_snippets_follow_the_text_on_any_save_not_only_the_admins(editor):
    from articles import revisions, workflow
    from articles.models import Article
    from tests.workflow_helpers import S, story

    person = PersonFactory(display_name="Grace Ho")
    matching.names_changed()
    article = story(editor, S.IN_REVIEW, body="<p>Grace Ho opened the old lab.</p>")
    suggest_mentions(article)

    def snippet():
        return Mention.objects.get(article=article, person=person).snippet

    # A script's plain save() of an instance read from the database.
    loaded = Article.objects.get(pk=article.pk)
    loaded.body = "<p>Grace Ho opened the new lab.</p>"
    loaded.save()
    assert snippet() == "Grace Ho opened the new lab."

    # The same instance saved again, and a headline change.
    loaded.headline = "Grace Ho cuts the ribbon"
    loaded.save()
    assert snippet() == "Grace Ho cuts the ribbon"

    # A save that leaves the text alone leaves a moderator's snippet alone.
    Mention.objects.filter(article=article).update(snippet="as the moderator left it")
    workflow.apply(article, editor, "publish", note="Checked")
    loaded.refresh_from_db()
    loaded.save(update_fields=["dateline"])
    assert snippet() == "as the moderator left it"

    # A revision restore brings the old text back, and its snippet.
    first = article.history.order_by("history_id").first()
    revisions.restore(article, first, editor)
    assert snippet() == "Grace Ho opened the old lab."


def test_a_new_name_in_the_changed_body_becomes_a_suggestion(editor):
    from articles.models import Article

    PersonFactory(display_name="Grace Ho")
    newcomer = PersonFactory(display_name="Ivan Petrov")
    matching.names_changed()
    article = ArticleFactory(body="<p>Grace Ho opened the lab.</p>", created_by=editor)
    suggest_mentions(article)

    article = Article.objects.get(pk=article.pk)
    article.body = "<p>Grace Ho and Ivan Petrov opened the lab.</p>"
    article.save()

    mention = Mention.objects.get(article=article, person=newcomer)
    assert (mention.status, mention.snippet) == (
        Mention.Status.SUGGESTED,
        "Grace Ho and Ivan Petrov opened the lab.",
    )


@pytest.mark.parametrize("role", ["moderator", "editor", "reporter"])
def test_nobody_is_offered_a_link_or_button_in_the_queue_that_answers_403(client, role, request):
    import re

    user = request.getfixturevalue(role)
    mention = MentionFactory()
    decide = reverse("admin:articles_mention_decide")
    client.force_login(user)
    may_decide = user.has_perm("articles.change_mention")

    for url in (QUEUE, change_url(mention)):
        page = client.get(url).content.decode()
        content = page.split('id="content"', 1)[1]
        links = {
            href.replace("&amp;", "&")
            for href in re.findall(r'href="([^"#]+)"', content)
            if href.startswith(("/admin/", "?"))
        }
        assert links
        for link in links:
            target = url + link if link.startswith("?") else link
            assert client.get(target).status_code != 403, (role, url, link)
        assert (f'formaction="{decide}"' in page) == (may_decide and url == QUEUE)
        if url != QUEUE:
            assert ("Add a person" in page) == (role == "moderator")
    if may_decide:
        client.post(decide, {"decide": f"{mention.pk}:confirmed"})
        mention.refresh_from_db()
        assert mention.status == Mention.Status.CONFIRMED
