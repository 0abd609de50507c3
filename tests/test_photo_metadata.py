import datetime
import io
import struct

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape
from PIL import Image

from articles.copydesk import review
from articles.factories import ArticleFactory, PhotoFactory, PhotoPersonFactory
from articles.models import Photo, PhotoPerson
from entities.admin.prefill import person_add_url
from entities.factories import PersonFactory
from newsdesk.images.metadata import PhotoMetadata, read_metadata
from tests.test_admin import admin_url, management_data

IIM = {
    (2, 120): "Ships at anchor off Lamma Island",
    (2, 110): "IIM CREDIT / AGENCY",
    (2, 80): "Jane Shooter",
    (2, 116): "© 2024 Agency Ltd",
    (2, 55): "20240305",
    (2, 90): "Hong Kong",
}

XMP_FULL = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
    xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/"
    xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
    photoshop:Credit="XMP CREDIT / AGENCY"
    photoshop:DateCreated="2024-06-01T09:30:00+08:00">
   <dc:description><rdf:Alt>
    <rdf:li xml:lang="zh">船</rdf:li>
    <rdf:li xml:lang="x-default">Ferries in Victoria Harbour</rdf:li>
   </rdf:Alt></dc:description>
   <dc:creator><rdf:Seq><rdf:li>Ann Lens</rdf:li></rdf:Seq></dc:creator>
   <dc:rights><rdf:Alt><rdf:li xml:lang="x-default">© 2024 Newsdesk</rdf:li></rdf:Alt></dc:rights>
   <photoshop:City>Kowloon</photoshop:City>
   <Iptc4xmpExt:PersonInImage><rdf:Bag>
    <rdf:li>Tim Cheng</rdf:li>
    <rdf:li>Nobody Known</rdf:li>
    <rdf:li>Ada Wong</rdf:li>
   </rdf:Bag></Iptc4xmpExt:PersonInImage>
   <Iptc4xmpCore:AltTextAccessibility><rdf:Alt>
    <rdf:li xml:lang="x-default">Two ferries crossing the harbour</rdf:li>
   </rdf:Alt></Iptc4xmpCore:AltTextAccessibility>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""

XMP_CAPTION_ONLY = """<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/">
   <dc:description>
    <rdf:Alt><rdf:li xml:lang="x-default">From XMP</rdf:li></rdf:Alt>
   </dc:description>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>"""


def iim_block(datasets):
    return b"".join(
        struct.pack(">BBBH", 0x1C, record, number, len(value)) + value
        for (record, number), value in datasets.items()
    )


def app13(iim):
    """A Photoshop APP13 segment holding one IPTC-NAA resource, as agencies' tools write it."""
    padding = b"\x00" * (len(iim) % 2)
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(iim))
    payload = b"Photoshop 3.0\x00" + resource + iim + padding
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def jpeg(iim=None, xmp=None, encoding="utf-8"):
    buffer = io.BytesIO()
    options = {"xmp": xmp.encode("utf-8")} if xmp else {}
    Image.new("RGB", (40, 30), "steelblue").save(buffer, "JPEG", **options)
    data = buffer.getvalue()
    if iim:
        block = iim_block({key: value.encode(encoding) for key, value in iim.items()})
        # Straight after the start-of-image marker, where any reader looks.
        data = data[:2] + app13(block) + data[2:]
    return data


def test_reads_every_iim_field():
    metadata = read_metadata(io.BytesIO(jpeg(iim=IIM)))

    assert metadata == PhotoMetadata(
        caption="Ships at anchor off Lamma Island",
        credit="IIM CREDIT / AGENCY",
        creator="Jane Shooter",
        copyright="© 2024 Agency Ltd",
        date_created=datetime.date(2024, 3, 5),
        city="Hong Kong",
    )


def test_iim_text_that_is_not_utf8_is_read_as_latin1():
    metadata = read_metadata(io.BytesIO(jpeg(iim={(2, 90): "São Paulo"}, encoding="latin-1")))

    assert metadata.city == "São Paulo"


def test_reads_every_xmp_field_with_people_in_order():
    metadata = read_metadata(io.BytesIO(jpeg(xmp=XMP_FULL)))

    assert metadata == PhotoMetadata(
        caption="Ferries in Victoria Harbour",
        credit="XMP CREDIT / AGENCY",
        creator="Ann Lens",
        copyright="© 2024 Newsdesk",
        date_created=datetime.date(2024, 6, 1),
        city="Kowloon",
        persons_shown=["Tim Cheng", "Nobody Known", "Ada Wong"],
        alt_text="Two ferries crossing the harbour",
    )


def test_xmp_wins_over_iim_field_by_field():
    metadata = read_metadata(io.BytesIO(jpeg(iim=IIM, xmp=XMP_CAPTION_ONLY)))

    assert metadata.caption == "From XMP"
    assert metadata.credit == "IIM CREDIT / AGENCY"
    assert metadata.date_created == datetime.date(2024, 3, 5)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not an image at all",
        jpeg()[:50],
        jpeg(xmp="<x:xmpmeta><unclosed"),
        jpeg(xmp='<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'),
        jpeg(iim={(2, 55): "20240000", (2, 120): "\x00"}),
        jpeg()[:2] + app13(b"\x1c\x02\x78\xff\xff") + jpeg()[2:],
    ],
)
def test_odd_files_give_empty_metadata(data):
    metadata = read_metadata(io.BytesIO(data))

    assert metadata == PhotoMetadata()
    assert not metadata


def test_reading_leaves_the_file_where_it_was():
    file = io.BytesIO(jpeg(iim=IIM))
    file.seek(7)

    read_metadata(file)

    assert file.tell() == 7


def upload(data):
    return SimpleUploadedFile("photo.jpg", data, content_type="image/jpeg")


def add_photo(client, **fields):
    url = admin_url(Photo, "add")
    response = client.post(url, {**management_data(client.get(url)), **fields}, follow=True)
    assert response.status_code == 200
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    return Photo.objects.get(), messages


def shown(photo, status):
    return [row.person for row in photo.people_in_photo.filter(status=status)]


@pytest.mark.django_db
def test_adding_a_photo_fills_empty_fields_and_suggests_the_people_shown(admin_client):
    photographer = PersonFactory(display_name="Ann Lens")
    tim = PersonFactory(display_name="Tim Cheng Kwang-ting", aliases=["Tim Cheng"])
    ada = PersonFactory(display_name="Ada Wong")

    photo, messages = add_photo(admin_client, image=upload(jpeg(iim=IIM, xmp=XMP_FULL)))

    assert photo.caption == "Ferries in Victoria Harbour"
    assert photo.credit == "XMP CREDIT / AGENCY"
    assert photo.alt_text == "Two ferries crossing the harbour"
    assert photo.taken_on == datetime.date(2024, 6, 1)
    assert photo.place == "Kowloon"
    assert photo.photographer == photographer
    assert [row.person for row in photo.people_in_photo.all()] == [tim, ada]
    assert [row.order for row in photo.people_in_photo.all()] == [0, 1]
    assert shown(photo, PhotoPerson.Status.SUGGESTED) == [tim, ada]
    assert not photo.people_shown.filter(photo_appearances__status="confirmed").exists()
    assert any(message.startswith("Prefilled from the image") for message in messages)
    assert any(message.startswith("Suggested as shown") for message in messages)
    assert "Named in the metadata, not on file: Nobody Known." in messages


@pytest.mark.django_db
def test_adding_a_photo_keeps_what_the_editor_typed(admin_client):
    chosen = PersonFactory(display_name="Chosen Photographer")
    PersonFactory(display_name="Ann Lens")
    listed = PersonFactory(display_name="Someone Else")
    ada = PersonFactory(display_name="Ada Wong")

    photo, _ = add_photo(
        admin_client,
        image=upload(jpeg(xmp=XMP_FULL)),
        caption="Typed caption",
        credit="TYPED CREDIT",
        place="Typed place",
        taken_on="2023-01-02",
        photographer=chosen.pk,
        **{
            "people_in_photo-TOTAL_FORMS": "1",
            "people_in_photo-0-person": listed.pk,
            "people_in_photo-0-order": "0",
            "people_in_photo-0-status": "confirmed",
        },
    )

    assert (photo.caption, photo.credit, photo.place) == (
        "Typed caption",
        "TYPED CREDIT",
        "Typed place",
    )
    assert photo.taken_on == datetime.date(2023, 1, 2)
    assert photo.photographer == chosen
    # The editor's own choice stands; the metadata only adds a suggestion after it.
    assert shown(photo, PhotoPerson.Status.CONFIRMED) == [listed]
    assert shown(photo, PhotoPerson.Status.SUGGESTED) == [ada]
    assert photo.people_in_photo.get(person=ada).order == 1
    # Only the empty field is filled.
    assert photo.alt_text == "Two ferries crossing the harbour"


@pytest.mark.django_db
def test_a_name_shared_by_two_people_is_not_matched(admin_client):
    PersonFactory(display_name="Ada Wong")
    PersonFactory(display_name="Ada Wong Mei-ling", aliases=["Ada Wong"])

    photo, messages = add_photo(admin_client, image=upload(jpeg(xmp=XMP_FULL)))

    assert not photo.people_in_photo.exists()
    assert photo.photographer is None
    assert (
        "Named in the metadata, not on file: Ann Lens, Tim Cheng, Nobody Known, Ada Wong."
        in messages
    )


@pytest.mark.django_db
def test_a_photo_without_metadata_adds_no_message(admin_client):
    photo, messages = add_photo(admin_client, image=upload(jpeg()), caption="Plain")

    assert photo.caption == "Plain"
    assert not any("metadata" in message or "Suggested" in message for message in messages)


@pytest.mark.django_db
def test_the_change_form_lists_names_not_on_file_with_an_add_link(admin_client):
    PersonFactory(display_name="Ann Lens")
    photo, _ = add_photo(admin_client, image=upload(jpeg(xmp=XMP_FULL)))

    page = admin_client.get(admin_url(Photo, "change", photo.pk)).content.decode()

    assert "Named in the metadata, not on file" in page
    for name in ["Tim Cheng", "Nobody Known", "Ada Wong"]:
        assert escape(person_add_url(name)) in page
    assert escape(person_add_url("Ann Lens")) not in page

    # Once the person is on file the name leaves the list.
    PersonFactory(display_name="Nobody Known")
    page = admin_client.get(admin_url(Photo, "change", photo.pk)).content.decode()
    assert escape(person_add_url("Nobody Known")) not in page


@pytest.mark.django_db
def test_a_photo_with_every_name_on_file_has_no_such_list(admin_client):
    photo, _ = add_photo(admin_client, image=upload(jpeg(iim=IIM)))
    PersonFactory(display_name="Jane Shooter")

    page = admin_client.get(admin_url(Photo, "change", photo.pk)).content.decode()

    assert "not on file" not in page


@pytest.mark.django_db
def test_a_rejected_suggestion_is_not_suggested_again(admin_client):
    tim = PersonFactory(display_name="Tim Cheng")
    ada = PersonFactory(display_name="Ada Wong")
    photo, _ = add_photo(admin_client, image=upload(jpeg(xmp=XMP_FULL)))
    photo.people_in_photo.filter(person=tim).update(status=PhotoPerson.Status.REJECTED)
    photo.people_in_photo.filter(person=ada).delete()

    # The same file uploaded again in its place.
    url = admin_url(Photo, "change", photo.pk)
    form = admin_client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in ("image", "organisations_shown")
    }
    data["taken_on"] = photo.taken_on.isoformat()
    response = admin_client.post(
        url,
        {
            **data,
            **management_data(admin_client.get(url)),
            "people_in_photo-TOTAL_FORMS": "1",
            "people_in_photo-INITIAL_FORMS": "1",
            "people_in_photo-0-id": photo.people_in_photo.get().pk,
            "people_in_photo-0-photo": photo.pk,
            "people_in_photo-0-person": tim.pk,
            "people_in_photo-0-order": "0",
            "people_in_photo-0-status": "rejected",
            "image": upload(jpeg(xmp=XMP_FULL)),
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert shown(photo, PhotoPerson.Status.REJECTED) == [tim]
    # A person deleted from the list is a new face for the new file.
    assert shown(photo, PhotoPerson.Status.SUGGESTED) == [ada]


@pytest.mark.django_db
def test_only_confirmed_people_are_shown_to_readers(client):
    photo = PhotoFactory()
    ArticleFactory(lead_photo=photo)
    confirmed, suggested, rejected = (
        PersonFactory(display_name=name) for name in ["Cora Firmed", "Sue Jested", "Rex Jected"]
    )
    for order, (person, status) in enumerate(
        [(confirmed, "confirmed"), (suggested, "suggested"), (rejected, "rejected")]
    ):
        PhotoPersonFactory(photo=photo, person=person, order=order, status=status)

    page = client.get(photo.get_absolute_url()).content.decode()
    assert "Cora Firmed" in page
    assert "Sue Jested" not in page
    assert "Rex Jected" not in page

    # The photo is on the confirmed person's page and on no one else's.
    photo_url = photo.get_absolute_url()
    assert photo_url in client.get(confirmed.get_absolute_url()).content.decode()
    assert photo_url not in client.get(suggested.get_absolute_url()).content.decode()
    assert photo_url not in client.get(rejected.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_the_copy_desk_counts_only_confirmed_people_shown():
    photo = PhotoFactory(caption="A panel")
    article = ArticleFactory(lead_photo=photo)
    row = PhotoPersonFactory(photo=photo, status=PhotoPerson.Status.SUGGESTED)
    warning = "The caption of photo “A panel” names no people shown."

    assert warning in review(article).warnings

    row.status = PhotoPerson.Status.CONFIRMED
    row.save()
    assert warning not in review(article).warnings


@pytest.mark.django_db
def test_the_queue_opens_on_suggestions_and_decides_them(client, moderator):
    client.force_login(moderator)
    waiting = PhotoPersonFactory(status=PhotoPerson.Status.SUGGESTED)
    other = PhotoPersonFactory(status=PhotoPerson.Status.SUGGESTED)
    decided = PhotoPersonFactory(status=PhotoPerson.Status.CONFIRMED)
    url = admin_url(PhotoPerson, "changelist")

    listed = list(client.get(url).context["cl"].result_list)
    assert set(listed) == {waiting, other}

    for action, row, status in [("confirm", waiting, "confirmed"), ("reject", other, "rejected")]:
        response = client.post(url, {"action": action, "_selected_action": [row.pk]})
        assert response.status_code == 302
        row.refresh_from_db()
        assert row.status == status
    decided.refresh_from_db()
    assert decided.status == PhotoPerson.Status.CONFIRMED
    assert not client.get(url).context["cl"].result_list
