"""The photo form's metadata reader: a file in, the fields to prefill out, nothing stored."""

import datetime
import io

import pytest
from django.contrib.admin.widgets import AdminDateWidget
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.models import Photo, PhotoPerson
from entities.admin.prefill import person_add_url
from entities.factories import PersonFactory
from tests.test_admin import admin_url
from tests.test_photo_metadata import IIM, XMP_FULL, jpeg

pytestmark = pytest.mark.django_db

URL = reverse("admin:articles_photo_read_metadata")


def send(client, data, name="photo.jpg"):
    return client.post(URL, {"image": SimpleUploadedFile(name, data, "image/jpeg")})


def stored_files(settings):
    return [path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()]


def test_returns_the_fields_to_fill_and_the_people_matched(admin_client, settings):
    photographer = PersonFactory(display_name="Ann Lens")
    tim = PersonFactory(display_name="Tim Cheng Kwang-ting", aliases=["Tim Cheng"])
    ada = PersonFactory(display_name="Ada Wong")

    response = send(admin_client, jpeg(iim=IIM, xmp=XMP_FULL))

    assert response.status_code == 200
    data = response.json()
    assert data["fields"] == {
        "caption": "Ferries in Victoria Harbour",
        "alt_text": "Two ferries crossing the harbour",
        "credit": "XMP CREDIT / AGENCY",
        # As the admin's date widget writes a date, so that the form reads it back.
        "taken_on": AdminDateWidget().format_value(datetime.date(2024, 6, 1)),
        "place": "Kowloon",
    }
    assert data["copyright"] == "© 2024 Newsdesk"
    assert data["creator"] == {
        "name": "Ann Lens",
        "person": {"id": photographer.pk, "name": "Ann Lens"},
        "add_url": None,
    }
    assert data["people_shown"] == [
        {"name": "Tim Cheng", "person": {"id": tim.pk, "name": str(tim)}, "add_url": None},
        {"name": "Nobody Known", "person": None, "add_url": person_add_url("Nobody Known")},
        {"name": "Ada Wong", "person": {"id": ada.pk, "name": "Ada Wong"}, "add_url": None},
    ]
    # Reading is all it does.
    assert not Photo.objects.exists()
    assert not PhotoPerson.objects.exists()
    assert stored_files(settings) == []


def test_a_file_without_metadata_gives_nothing_to_fill(admin_client):
    data = send(admin_client, jpeg()).json()

    assert data == {"fields": {}, "copyright": "", "creator": None, "people_shown": []}


def test_a_long_caption_is_cut_to_the_field(admin_client):
    data = send(admin_client, jpeg(iim={(2, 110): "C" * 500})).json()

    assert data["fields"]["credit"] == "C" * Photo._meta.get_field("credit").max_length


@pytest.mark.parametrize("data", [b"", b"not an image at all", jpeg()[:50], b"GIF89a" + b"\0" * 20])
def test_a_file_that_is_not_an_image_is_refused(admin_client, settings, data):
    response = send(admin_client, data)

    assert response.status_code == 400
    assert response.json()["error"].startswith("This file is not an image we can use:")
    assert stored_files(settings) == []


def test_an_oversized_file_is_refused(admin_client, settings):
    settings.NEWSDESK = {**settings.NEWSDESK, "MAX_UPLOAD_BYTES": 100}

    response = send(admin_client, jpeg(iim=IIM))

    assert response.status_code == 400
    assert "more than the limit" in response.json()["error"]


def test_no_file_is_refused(admin_client):
    response = admin_client.post(URL)

    assert response.status_code == 400
    assert response.json() == {"error": "No file was sent."}


def test_only_post_is_answered(admin_client):
    assert admin_client.get(URL).status_code == 405


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = send(client, jpeg(iim=IIM))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("role", ["reporter", "editor", "moderator"])
def test_every_role_that_adds_photos_may_read_a_file(client, request, role):
    client.force_login(request.getfixturevalue(role))

    response = send(client, jpeg(iim=IIM))

    assert response.status_code == 200
    assert response.json()["fields"]["caption"] == IIM[(2, 120)]


def test_staff_who_may_not_add_or_change_photos_are_refused(client, django_user_model):
    staff = django_user_model.objects.create_user("clerk", password="pw", is_staff=True)
    client.force_login(staff)

    response = send(client, jpeg(iim=IIM))

    assert response.status_code == 403
    assert "error" in response.json()


def test_the_form_knows_where_to_send_a_file_and_loads_its_script(admin_client):
    page = admin_client.get(admin_url(Photo, "add")).content.decode()

    assert f'data-metadata-url="{URL}"' in page
    assert "articles/admin/photo_prefill.js" in page


def test_a_readable_image_with_odd_metadata_is_still_answered(admin_client):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, "PNG")

    response = send(admin_client, buffer.getvalue(), name="photo.png")

    assert response.status_code == 200
    assert response.json()["fields"] == {}
