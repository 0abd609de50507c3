"""Choosing a photo in the admin fills its form from the file before anything is saved."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from articles.models import Photo, PhotoPerson
from entities.factories import PersonFactory
from newsdesk.roles import REPORTER, sync_role_groups
from tests.browser_support import browser_tests, close_context, screenshot
from tests.test_photo_metadata import IIM, XMP_FULL, jpeg

PASSWORD = "a-long-test-password"

pytestmark = browser_tests


@pytest.fixture
def page(browser, live_server, transactional_db, request):
    # A transactional test flushes the role groups the migrations made.
    sync_role_groups(apps)
    user = get_user_model().objects.create_user("reporter", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=REPORTER))
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "reporter")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + reverse("admin:index"))
    yield page
    screenshot(page, request.node.name)
    close_context(context)


def choose_file(page, data):
    page.set_input_files(
        "#id_image", files=[{"name": "ferries.jpg", "mimeType": "image/jpeg", "buffer": data}]
    )
    page.wait_for_selector("form[data-metadata-read]")


def test_choosing_a_file_fills_the_form_and_saving_suggests_people(page, live_server):
    photographer = PersonFactory(display_name="Ann Lens")
    tim = PersonFactory(display_name="Tim Cheng Kwang-ting", aliases=["Tim Cheng"])
    page.goto(live_server.url + reverse("admin:articles_photo_add"))
    page.fill("#id_place", "Typed by the editor")

    choose_file(page, jpeg(iim=IIM, xmp=XMP_FULL))

    assert page.input_value("#id_caption") == "Ferries in Victoria Harbour"
    assert page.input_value("#id_credit") == "XMP CREDIT / AGENCY"
    assert page.input_value("#id_alt_text") == "Two ferries crossing the harbour"
    assert page.input_value("#id_taken_on")
    assert page.input_value("#id_place") == "Typed by the editor"
    assert page.input_value("#id_photographer") == str(photographer.pk)
    note = page.inner_text(".photo-metadata-note")
    assert "Tim Cheng (Tim Cheng Kwang-ting)" in note
    assert "Nobody Known" in note
    assert "© 2024 Newsdesk" in note
    # Nothing is stored until the editor saves.
    assert not Photo.objects.exists()

    page.fill("#id_caption", "Ferries crossing Victoria Harbour at dusk")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")

    photo = Photo.objects.get()
    assert photo.caption == "Ferries crossing Victoria Harbour at dusk"
    assert photo.credit == "XMP CREDIT / AGENCY"
    assert photo.place == "Typed by the editor"
    assert photo.photographer == photographer
    assert list(photo.people_in_photo.values_list("person", "status")) == [
        (tim.pk, PhotoPerson.Status.SUGGESTED)
    ]
    assert "Named in the metadata, not on file" in page.content()


def test_a_file_that_is_not_an_image_gets_a_message_and_fills_nothing(page, live_server):
    page.goto(live_server.url + reverse("admin:articles_photo_add"))
    page.set_input_files(
        "#id_image", files=[{"name": "notes.jpg", "mimeType": "image/jpeg", "buffer": b"hello"}]
    )

    page.wait_for_selector(".photo-metadata-note:has-text('not an image')")
    assert page.input_value("#id_caption") == ""
