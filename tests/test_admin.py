import io
from html.parser import HTMLParser

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteMixin, RelatedFieldWidgetWrapper
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.forms import ModelChoiceField
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from taggit.models import Tag

from articles.factories import (
    ArticleFactory,
    MentionFactory,
    PhotoFactory,
    PhotoPersonFactory,
    SectionFactory,
)
from articles.models import (
    Article,
    ArticleAuthor,
    Correction,
    FrontPagePin,
    Mention,
    Page,
    PartnerKey,
    Photo,
    PhotoPerson,
    Section,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)
from entities.factories import (
    AppearanceFactory,
    DocumentFactory,
    EventFactory,
    EventSeriesFactory,
    EventSupportFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
)
from entities.models import (
    Document,
    Event,
    EventSeries,
    MergeRecord,
    Organisation,
    Person,
    Position,
)

pytestmark = pytest.mark.django_db

# Tables that grow without bound: a form must never list their rows in a <select>.
BIG_TABLES = {Article, Event, Organisation, Person, Photo, Position}

OBJECT_FACTORIES = {
    # Failed logins, kept by django-axes; read-only in the admin.
    AccessAttempt: lambda: AccessAttempt.objects.create(
        username="desk", ip_address="192.0.2.1", failures_since_start=2, attempt_time=timezone.now()
    ),
    AccessLog: lambda: AccessLog.objects.create(
        username="desk", ip_address="192.0.2.1", attempt_time=timezone.now()
    ),
    AccessFailureLog: lambda: AccessFailureLog.objects.create(
        username="desk", ip_address="192.0.2.1", attempt_time=timezone.now()
    ),
    Article: ArticleFactory,
    Document: DocumentFactory,
    Event: EventFactory,
    EventSeries: EventSeriesFactory,
    FrontPagePin: lambda: FrontPagePin.objects.create(article=ArticleFactory()),
    Group: lambda: Group.objects.create(name="Interns"),
    Mention: MentionFactory,
    MergeRecord: lambda: MergeRecord.objects.create(
        kind="person", merged_slug="tim-cheng-2", merged_name="Tim Cheng", person=PersonFactory()
    ),
    Organisation: OrganisationFactory,
    Page: lambda: Page.objects.create(slug="jobs", title="Jobs", content="<p>Hello.</p>"),
    Person: PersonFactory,
    Photo: PhotoFactory,
    PhotoPerson: PhotoPersonFactory,
    Position: PositionFactory,
    Section: SectionFactory,
    Tag: lambda: Tag.objects.create(name="robotics"),
    get_user_model(): lambda: get_user_model().objects.create_user("reporter"),
    Correction: lambda: Correction.objects.create(article=ArticleFactory(), text="Fixed."),
    PartnerKey: lambda: PartnerKey.objects.create(name="Partner", prefix="nd_x", key_hash="x"),
    WebhookEndpoint: lambda: WebhookEndpoint.objects.create(
        name="Partner", url="https://partner.example.org/", events=["article.published"]
    ),
    WebhookDelivery: lambda: WebhookDelivery.objects.create(
        event=WebhookEvent.objects.create(kind="article.published", article_ref=1),
        endpoint=WebhookEndpoint.objects.create(name="Partner", url="https://p.example.org/"),
    ),
}

# The task queue's results admin belongs to django-tasks-db and is tested there.
REGISTERED = sorted(
    (model for model in admin.site._registry if model._meta.app_label != "django_tasks_database"),
    key=lambda model: model._meta.label,
)
# Written only by the code that merges records; shown, never added.
# The webhooks' outbox is written by the workflow, never by hand; django-axes'
# records of logins by the login form.
READ_ONLY = {MergeRecord, WebhookDelivery, AccessAttempt, AccessLog, AccessFailureLog}


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


class SelectCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.selects = []

    def handle_starttag(self, tag, attrs):
        if tag == "select":
            self.selects.append(dict(attrs))


def autocomplete_widgets(html):
    collector = SelectCollector()
    collector.feed(html)
    return {
        (attrs["data-model-name"], attrs["data-field-name"])
        for attrs in collector.selects
        if "admin-autocomplete" in attrs.get("class", "").split()
    }


def relation_fields(response):
    """Every model-choice field of the form and of its inlines' forms."""
    forms = [response.context["adminform"].form]
    forms += [inline.formset.empty_form for inline in response.context["inline_admin_formsets"]]
    for form in forms:
        for name, field in form.fields.items():
            # Hidden ones carry a row's own key, never a list of rows.
            if isinstance(field, ModelChoiceField) and not field.widget.is_hidden:
                yield f"{type(form).__name__}.{name}", field


# Revisions are shown on the article's revision pages, and who has an article
# open and its copy-desk items at the top of its change form.
# A webhook event is shown on each of its deliveries' pages.
SHOWN_ELSEWHERE = {
    "articles.HistoricalArticle",
    "articles.EditSession",
    "articles.WebhookEvent",
    "articles.CopyDeskItem",
}
# Made from a photo's image, never edited by hand; the API's rate counts.
DERIVED = {"articles.Rendition", "articles.RateLimitCounter"}


def test_every_model_is_editable_somewhere():
    editable = set(admin.site._registry)
    for model_admin in admin.site._registry.values():
        editable.update(inline.model for inline in model_admin.inlines)
    missing = [
        model._meta.label
        for app_label in ["entities", "articles"]
        for model in apps.get_app_config(app_label).get_models()
        if model not in editable and model._meta.label not in SHOWN_ELSEWHERE | DERIVED
    ]
    assert missing == []


def test_site_header(admin_client):
    response = admin_client.get(reverse("admin:index"))
    assert b"Newsdesk administration" in response.content


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_changelist_add_and_change_views_render(admin_client, model):
    obj = OBJECT_FACTORIES[model]()

    assert admin_client.get(admin_url(model, "changelist")).status_code == 200
    assert admin_client.get(admin_url(model, "add")).status_code == (
        403 if model in READ_ONLY else 200
    )
    assert admin_client.get(admin_url(model, "change", obj.pk)).status_code == 200


@pytest.mark.parametrize(
    "model",
    sorted(set(REGISTERED) - READ_ONLY, key=lambda model: model._meta.label),
    ids=lambda model: model._meta.label,
)
def test_relations_to_big_tables_use_autocomplete(admin_client, model):
    response = admin_client.get(admin_url(model, "add"))

    for label, field in relation_fields(response):
        if field.queryset.model in BIG_TABLES:
            widget = field.widget
            if isinstance(widget, RelatedFieldWidgetWrapper):
                widget = widget.widget
            assert isinstance(widget, AutocompleteMixin), label


MARKER = "Quokkamarker"


@pytest.fixture
def marked_rows():
    PersonFactory.create_batch(30, display_name=f"{MARKER} person")
    OrganisationFactory.create_batch(30, name=f"{MARKER} organisation")
    EventFactory.create_batch(30, name=f"{MARKER} event")
    PhotoFactory.create_batch(30, caption=f"{MARKER} photo")
    ArticleFactory.create_batch(30, headline=f"{MARKER} article")
    PositionFactory.create_batch(30, title=f"{MARKER} position")


@pytest.mark.parametrize(
    "url, expected",
    [
        (
            lambda: admin_url(Article, "add"),
            {
                ("article", "events"),
                ("article", "lead_photo"),
                ("articleauthor", "person"),
                ("articlephoto", "photo"),
                ("quote", "person"),
                ("quote", "event"),
                ("relatedlink", "target_article"),
            },
        ),
        (
            lambda: admin_url(Article, "change", ArticleFactory(headline="Plain story").pk),
            {("article", "events"), ("article", "lead_photo"), ("articleauthor", "person")},
        ),
        (
            lambda: admin_url(Event, "change", EventFactory(name="Plain forum").pk),
            {
                ("event", "hosts"),
                ("eventsupport", "organisation"),
                ("appearance", "person"),
                ("appearance", "position"),
            },
        ),
        (
            lambda: admin_url(Photo, "add"),
            {("photo", "event"), ("photo", "organisations_shown"), ("photoperson", "person")},
        ),
    ],
    ids=["article-add", "article-change", "event-change", "photo-add"],
)
def test_forms_load_big_tables_by_ajax_only(admin_client, marked_rows, url, expected):
    response = admin_client.get(url())

    html = response.content.decode()
    assert response.status_code == 200
    assert MARKER not in html
    assert expected <= autocomplete_widgets(html)


def test_article_form_renders_the_prose_editor(admin_client):
    response = admin_client.get(admin_url(Article, "add"))

    html = response.content.decode()
    assert "data-django-prose-editor-configurable" in html
    assert "django_prose_editor/editor.js" in html
    assert finders.find("django_prose_editor/editor.js")


def autocomplete_person_ids(client, term):
    response = client.get(
        reverse("admin:autocomplete"),
        {"term": term, "app_label": "articles", "model_name": "quote", "field_name": "person"},
    )
    assert response.status_code == 200
    return [result["id"] for result in response.json()["results"]]


@pytest.mark.parametrize(
    "alias, term",
    [
        ("Cheng Kwang-ting", "kwang-ting"),
        ("鄭光廷", "光廷"),
        ("Émile Cheng", "Émile"),
    ],
)
def test_autocomplete_finds_a_person_by_alias(admin_client, alias, term):
    person = PersonFactory(display_name="Tim Cheng", aliases=[alias])
    PersonFactory(display_name="Someone Else", aliases=["Nobody"])

    assert autocomplete_person_ids(admin_client, term) == [str(person.pk)]


def test_person_search_needs_every_word_somewhere(admin_client):
    person = PersonFactory(display_name="Tim Cheng", aliases=["鄭光廷"])
    PersonFactory(display_name="Tim Other", aliases=["光廷 Other"])

    assert autocomplete_person_ids(admin_client, "Cheng 光廷") == [str(person.pk)]
    assert autocomplete_person_ids(admin_client, "Cheng Nobody") == []


def test_organisation_changelist_searches_aliases(admin_client):
    hkust = OrganisationFactory(
        name="Hong Kong University of Science and Technology", aliases=["香港科技大學"]
    )
    OrganisationFactory()

    response = admin_client.get(admin_url(Organisation, "changelist"), {"q": "科技"})

    assert list(response.context["cl"].result_list) == [hkust]


def make_articles(n):
    for article in ArticleFactory.create_batch(n):
        ArticleFactory(draft=True, headline=f"Draft of {article.headline}")


def make_photos(n):
    PhotoFactory.create_batch(n, event=EventFactory())


def make_mentions(n):
    for _ in range(n):
        MentionFactory(person=None, organisation=OrganisationFactory())


@pytest.mark.parametrize(
    "model, make, rows_per_call",
    [
        (Article, make_articles, 2),
        (Person, PersonFactory.create_batch, 1),
        (Photo, make_photos, 1),
        (Mention, MentionFactory.create_batch, 1),
        (Mention, make_mentions, 1),
        (Position, PositionFactory.create_batch, 1),
        (Event, EventFactory.create_batch, 1),
        (Document, DocumentFactory.create_batch, 1),
    ],
    ids=[
        "article",
        "person",
        "photo",
        "mention-person",
        "mention-organisation",
        "position",
        "event",
        "document",
    ],
)
def test_changelist_queries_do_not_grow_with_rows(admin_client, model, make, rows_per_call):
    url = admin_url(model, "changelist")
    make(1)
    admin_client.get(url)  # Session and content types are cached from here on.

    with CaptureQueriesContext(connection) as one_row:
        response = admin_client.get(url)
    assert len(response.context["cl"].result_list) == rows_per_call

    make(29)
    with CaptureQueriesContext(connection) as thirty_rows:
        response = admin_client.get(url)
    assert len(response.context["cl"].result_list) == 30 * rows_per_call

    assert len(thirty_rows) == len(one_row)


def test_organisation_changelist_queries_do_not_grow_with_rows(admin_client):
    parent = OrganisationFactory(name="Parent University")
    url = admin_url(Organisation, "changelist")
    OrganisationFactory(parent=parent)
    admin_client.get(url)

    with CaptureQueriesContext(connection) as two_rows:
        admin_client.get(url)
    OrganisationFactory.create_batch(29, parent=parent)
    with CaptureQueriesContext(connection) as thirty_one_rows:
        response = admin_client.get(url)

    assert len(response.context["cl"].result_list) == 31
    assert len(thirty_one_rows) == len(two_rows)


def test_event_change_form_rows_cost_only_their_autocomplete_labels(admin_client):
    event = EventFactory()
    url = admin_url(Event, "change", event.pk)

    def add_rows(n):
        for position in PositionFactory.create_batch(n):
            AppearanceFactory(event=event, person=position.person, position=position)
        EventSupportFactory.create_batch(n, event=event)

    add_rows(2)
    admin_client.get(url)
    with CaptureQueriesContext(connection) as two_rows:
        admin_client.get(url)
    add_rows(2)
    with CaptureQueriesContext(connection) as four_rows:
        admin_client.get(url)

    # An appearance shows a person and a position, a supporter an organisation:
    # each selected value's label is one query, and nothing else is.
    assert len(four_rows) - len(two_rows) == 2 * 3


def management_data(response):
    """The management forms of every inline on an add page, all left empty."""
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update(
            {f"{management.prefix}-{key}": value for key, value in management.initial.items()}
        )
    return data


def test_adding_an_article_records_its_creator_and_sanitises_the_body(admin_client, admin_user):
    author = PersonFactory()
    url = admin_url(Article, "add")
    data = {
        **management_data(admin_client.get(url)),
        "headline": "Robots arrive at the harbour",
        "slug": "",
        "standfirst": "Cranes learn to drive themselves.",
        "body": "<p>The port <strong>automates</strong>.</p><script>alert(1)</script>",
        "kicker": "",
        "section": "",
        "tags": "robotics",
        "dateline": "Hong Kong",
        "contact_email": "",
        "lead_photo": "",
        "status": Article.Status.DRAFT,
        "published_at_0": "",
        "published_at_1": "",
        "bylines-TOTAL_FORMS": "1",
        "bylines-0-person": str(author.pk),
        "bylines-0-order": "0",
    }

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(headline="Robots arrive at the harbour")
    assert article.created_by == admin_user
    assert article.body == "<p>The port <strong>automates</strong>.</p>"
    assert article.slug == "robots-arrive-at-the-harbour"
    assert list(ArticleAuthor.objects.filter(article=article).values_list("person", flat=True)) == [
        author.pk
    ]
    assert list(article.tags.names()) == ["robotics"]


def test_changing_an_article_keeps_its_creator(admin_client):
    creator = get_user_model().objects.create_user("reporter")
    article = ArticleFactory(draft=True, created_by=creator)
    url = admin_url(Article, "change", article.pk)
    data = {
        **management_data(admin_client.get(url)),
        "headline": "A new headline",
        "slug": article.slug,
        "opened_version": article.version,
        "status": Article.Status.DRAFT,
        "published_at_0": "",
        "published_at_1": "",
    }

    response = admin_client.post(url, data)

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "A new headline"
    assert article.created_by == creator


def png(name="photo.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "steelblue").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_adding_a_photo_records_its_uploader(admin_client, admin_user):
    url = admin_url(Photo, "add")
    data = {
        **management_data(admin_client.get(url)),
        "image": png(),
        "caption": "Cranes at dawn",
        "alt_text": "Container cranes",
    }

    response = admin_client.post(url, data)

    assert response.status_code == 302
    photo = Photo.objects.get(caption="Cranes at dawn")
    assert photo.uploaded_by == admin_user
    assert (photo.width, photo.height) == (40, 30)


def test_photo_thumbnail_in_changelist_and_change_form(admin_client):
    photo = PhotoFactory()
    thumbnail = f'<img src="{photo.image.url}" alt="{photo.alt_text}"'

    assert thumbnail in admin_client.get(admin_url(Photo, "changelist")).content.decode()
    assert thumbnail in admin_client.get(admin_url(Photo, "change", photo.pk)).content.decode()


@pytest.mark.parametrize("value, expected", [("yes", ["shown"]), ("no", ["empty"])])
def test_photo_has_people_filter(admin_client, value, expected):
    shown = PhotoFactory(caption="shown")
    shown.people_shown.add(PersonFactory())
    PhotoFactory(caption="empty")

    response = admin_client.get(admin_url(Photo, "changelist"), {"has_people": value})

    assert [photo.caption for photo in response.context["cl"].result_list] == expected


@pytest.mark.parametrize("kind", ["person", "organisation", "event"])
def test_mention_entity_kind_filter(admin_client, kind):
    article = ArticleFactory()
    mentions = {
        "person": MentionFactory(article=article),
        "organisation": MentionFactory(
            article=article, person=None, organisation=OrganisationFactory()
        ),
        "event": MentionFactory(article=article, person=None, event=EventFactory()),
    }

    response = admin_client.get(admin_url(Mention, "changelist"), {"entity": kind})

    assert list(response.context["cl"].result_list) == [mentions[kind]]


def test_deciding_a_mention_records_who_and_when(admin_client, admin_user):
    mention = MentionFactory()
    data = {
        "article": mention.article_id,
        "person": mention.person_id,
        "status": Mention.Status.CONFIRMED,
        "snippet": mention.snippet,
    }

    response = admin_client.post(admin_url(Mention, "change", mention.pk), data)

    assert response.status_code == 302
    mention.refresh_from_db()
    assert mention.decided_by == admin_user
    assert mention.decided_at is not None


def pages_added_by(model):
    """The URL of each page the model's admin adds to Django's own, with 1 for every id."""
    prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
    djangos = {"changelist", "add", "history", "delete", "change"}
    return [
        reverse(f"admin:{pattern.name}", kwargs=dict.fromkeys(pattern.pattern.converters, 1))
        for pattern in admin.site._registry[model].get_urls()
        if pattern.name and pattern.name.removeprefix(prefix) not in djangos
    ]


@pytest.mark.parametrize("model, count", [(Article, 13), (Photo, 1), (Mention, 1)])
def test_pages_an_admin_adds_are_for_staff_only(client, admin_client, model, count):
    pages = pages_added_by(model)
    assert len(pages) == count
    login = reverse("admin:login")

    def sent_to_login(response):
        return response.status_code == 302 and response.url.startswith(login)

    assert not any(sent_to_login(admin_client.get(url)) for url in pages)
    for user in [None, get_user_model().objects.create_user("reader", password="x")]:
        if user:
            client.force_login(user)
        for url in pages:
            assert sent_to_login(client.get(url)), url
            assert sent_to_login(client.post(url)), url
