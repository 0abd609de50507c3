import datetime
import re
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.admin.import_forms import sign_copy
from articles.factories import ArticleFactory
from articles.models import Article
from entities import matching
from entities.admin.prefill import organisation_add_url, person_add_url
from entities.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

URL = reverse("admin:articles_article_import")
FINTECH = Path(__file__).parent / "fixtures" / "wire" / "macao_fintech_week.txt"
HEADLINE = "Macao: fintech week draws a record crowd of start-ups"


@pytest.fixture(autouse=True)
def _fresh_matcher(monkeypatch):
    # The shared matcher outlives a test's database rows; never reuse one.
    monkeypatch.setattr(matching, "_built", (None, None))
    matching.names_changed()


@pytest.fixture
def copy():
    return FINTECH.read_text()


def preview(client, **data):
    return client.post(URL, {"preview": "1", **data})


def signed_from(response):
    return response.context["confirm"]["signed"].value()


def test_reporters_see_the_form_and_the_changelist_button(client, reporter):
    client.force_login(reporter)

    assert client.get(URL).status_code == 200
    changelist = client.get(reverse("admin:articles_article_changelist"))
    assert URL in changelist.content.decode()


def test_moderators_may_not_import(client, moderator):
    client.force_login(moderator)

    assert client.get(URL).status_code == 403
    assert client.post(URL, {"create": "1", "signed": sign_copy("x", "x")}).status_code == 403


def test_preview_shows_what_was_read_and_creates_nothing(client, reporter, copy):
    client.force_login(reporter)

    response = preview(client, text=copy)

    page = response.content.decode()
    assert response.status_code == 200
    assert HEADLINE in page
    assert response.context["story"].warnings
    assert "is not on file" in page
    assert not Article.objects.exists()


def test_an_uploaded_file_is_previewed_like_pasted_text(client, reporter):
    client.force_login(reporter)

    upload = SimpleUploadedFile("fintech.txt", FINTECH.read_bytes(), "text/plain")
    response = preview(client, upload=upload)

    assert HEADLINE in response.content.decode()


def test_create_makes_one_draft_owned_by_the_user(client, reporter, copy):
    client.force_login(reporter)
    signed = signed_from(preview(client, text=copy))

    response = client.post(URL, {"create": "1", "signed": signed})

    article = Article.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:articles_article_change", args=[article.pk])
    assert article.status == Article.Status.DRAFT
    assert article.headline == HEADLINE
    assert article.created_by == reporter
    # The importer's warnings are a note signed by whoever imported.
    (note,) = article.staff_notes.all()
    assert note.author == reporter
    assert str(note).startswith("Note by reporter on")


def test_altered_copy_is_refused(client, reporter, copy):
    client.force_login(reporter)
    signed = signed_from(preview(client, text=copy))
    # Another text's payload under the previewed copy's signature.
    payload = sign_copy(copy.replace("record", "modest"), "x").split(":")[0]
    tampered = ":".join([payload, *signed.split(":")[1:]])

    response = client.post(URL, {"create": "1", "signed": tampered})

    assert response.status_code == 200
    assert "altered" in response.content.decode()
    assert not Article.objects.exists()


def test_a_duplicate_is_refused_unless_the_box_is_ticked(client, editor, copy):
    client.force_login(editor)
    signed = signed_from(preview(client, text=copy))
    client.post(URL, {"create": "1", "signed": signed})

    again = preview(client, text=copy)
    assert again.context["duplicate"] == Article.objects.get()
    refused = client.post(URL, {"create": "1", "signed": signed})
    assert "already imported" in refused.content.decode()
    assert Article.objects.count() == 1

    forced = client.post(URL, {"create": "1", "signed": signed, "force": "on"})
    assert forced.status_code == 302
    assert Article.objects.count() == 2


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"Headline\x00\x01\x02\n\nBody.\n", "binary"),
        ("Caf\u00e9 owners cheer\n\nBody.\n".encode("latin-1"), "not UTF-8"),
        (b"", "empty"),
        (b"  \n\n", "empty"),
    ],
)
def test_bad_uploads_show_the_reason(client, reporter, data, reason):
    client.force_login(reporter)

    response = preview(client, upload=SimpleUploadedFile("bad.txt", data, "text/plain"))

    assert response.status_code == 200
    assert reason in response.content.decode()
    assert "story" not in response.context


def test_one_of_text_or_upload_is_needed(client, reporter, copy):
    client.force_login(reporter)
    upload = SimpleUploadedFile("fintech.txt", FINTECH.read_bytes(), "text/plain")

    assert "not both" in preview(client, text=copy, upload=upload).content.decode()
    assert "Paste the copy or upload a file." in preview(client).content.decode()


def test_an_imported_drafts_unknown_names_link_to_prefilled_add_forms(admin_client):
    known = OrganisationFactory(name="Harbour Robotics Institute")
    article = ArticleFactory(
        draft=True,
        wire_unknown_names=[
            {
                "kind": "person",
                "name": "Lena Okafor",
                "title": "chief scientist",
                "organisation": "Harbour Robotics Institute",
            },
            {"kind": "organisation", "name": "Tidal Arm Robotics", "acronym": None},
        ],
    )
    content = admin_client.get(
        reverse("admin:articles_article_change", args=[article.pk])
    ).content.decode()
    assert "Names from the wire not yet on file" in content
    person_link = person_add_url("Lena Okafor", "chief scientist", known.pk).replace("&", "&amp;")
    assert f'href="{person_link}"' in content
    assert f'href="{organisation_add_url("Tidal Arm Robotics")}"' in content


def test_articles_without_unknown_names_have_no_such_section(admin_client):
    article = ArticleFactory(draft=True)
    content = admin_client.get(
        reverse("admin:articles_article_change", args=[article.pk])
    ).content.decode()
    assert "Names from the wire not yet on file" not in content


CORPUS = Path(__file__).parent / "fixtures" / "wire_corpus" / "tuned"


def test_the_preview_names_a_story_already_on_file_about_the_event(client, reporter):
    from articles.models import Mention
    from entities.factories import EventFactory

    expo = EventFactory(
        name="Macao International Innovation Expo", start_date=datetime.date(2026, 5, 21)
    )
    earlier = ArticleFactory(headline="Start-ups from Lisbon to Luanda meet in Macao")
    Mention.objects.create(article=earlier, event=expo, status=Mention.Status.CONFIRMED)
    client.force_login(reporter)

    response = preview(client, text=(CORPUS / "agency_macao_expo.txt").read_text())

    page = response.content.decode()
    assert "Possibly told before" in page
    assert earlier.headline in page and expo.name in page
    assert reverse("admin:articles_article_change", args=[earlier.pk]) in page
    assert Article.objects.count() == 1


def test_add_links_carry_name_forms_acronym_parent_and_description(admin_client):
    university = OrganisationFactory(name="Harbour City University")
    client_page = admin_client.post(
        URL, {"preview": "1", "text": (CORPUS / "pr_quantum_partnership.txt").read_text()}
    )
    assert client_page.status_code == 200
    signed = signed_from(client_page)
    response = admin_client.post(URL, {"create": "1", "signed": signed})
    article = Article.objects.get()
    assert response.status_code == 302

    content = admin_client.get(
        reverse("admin:articles_article_change", args=[article.pk])
    ).content.decode()
    links = {}
    for href in re.findall(r'href="(/admin/entities/[^"]+/add/\?[^"]+)"', content):
        query = parse_qs(urlsplit(unescape(href)).query)
        label = query.get("name") or query.get("display_name") or query.get("title") or [href]
        links[label[0]] = query
    faculty = links["HCU Faculty of Science"]
    assert faculty["parent"] == [str(university.pk)]
    martin = links["Martin Yuen Ka-fai"]
    assert martin["aliases"] == ["Martin Yuen\nYuen Ka-fai\nMartin Yuen Ka Fai\nYuen Ka Fai"]
    assert (martin["family_name"], martin["given_names"], martin["english_name"]) == (
        ["Yuen"],
        ["Ka-fai"],
        ["Martin"],
    )
    assert martin["organisation"] == [str(university.pk)]
    cobaltline = links["Cobaltline Quantum"]
    assert cobaltline["description"] == ["a quantum hardware company"]


def test_an_organisation_link_carries_its_acronym():
    url = organisation_add_url("Hong Kong Productivity Council", acronym="HKPC", parent=7)
    assert "short_name=HKPC" in url and "parent=7" in url
