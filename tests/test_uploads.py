"""Uploaded images are judged by their content; anything hostile is refused and nothing kept."""

import re
import struct
import zipfile
import zlib
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from articles.factories import ArticleFactory
from articles.models import Photo
from entities.models import Person
from newsdesk.images.uploads import validate_image_upload
from tests.test_admin import admin_url, management_data

pytestmark = pytest.mark.django_db

REFUSED = "This file is not an image we can use"
GPS = {1: "N", 2: (22.0, 17.0, 30.0), 3: "E", 4: (114.0, 10.0, 0.0)}


def encoded(kind="JPEG", size=(64, 48), noise=False, **options):
    image = Image.effect_noise(size, 80).convert("RGB") if noise else Image.new("RGB", size, "teal")
    buffer = BytesIO()
    image.save(buffer, kind, **options)
    return buffer.getvalue()


def with_gps():
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Newsroom camera"
    exif[ExifTags.IFD.GPSInfo] = GPS
    return encoded(size=(800, 600), exif=exif)


def png_declaring(width, height):
    """A tiny PNG whose header claims a picture of width x height pixels."""
    data = bytearray(encoded("PNG", size=(1, 1)))
    ihdr = bytearray(data[12:29])  # chunk type and data
    ihdr[4:12] = struct.pack(">II", width, height)
    data[12:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(ihdr)))
    return bytes(data)


def zip_bytes():
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.html", "<p>hello</p>")
    return buffer.getvalue()


def animated_gif():
    frames = [Image.new("P", (40, 30), index) for index in range(3)]
    buffer = BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return buffer.getvalue()


SVG = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.domain)</script><rect width='10' height='10'/></svg>"
)

HOSTILE = {
    "text renamed .jpg": ("notes.jpg", b"Minutes of the meeting, not a photo at all." * 20),
    "executable renamed .jpg": ("setup.jpg", b"MZ\x90\x00" + b"\x00" * 200),
    "truncated JPEG": ("cut.jpg", encoded(size=(400, 300), noise=True)[:4000]),
    "decompression bomb": ("bomb.png", png_declaring(100_000, 100_000)),
    "SVG with script": ("logo.svg.jpg", SVG),
    "SVG named .svg": ("logo.svg", SVG),
    "HTML page named .png": ("page.png", b"<!doctype html><html><script>alert(1)</script>"),
    "JPEG with a ZIP appended": ("poly.jpg", encoded() + zip_bytes()),
    "JPEG with script appended": ("poly2.jpg", encoded() + b"<script>alert(1)</script>"),
    "progressive JPEG with a ZIP appended": (
        "poly4.jpg",
        encoded(size=(300, 200), noise=True, progressive=True) + zip_bytes(),
    ),
    "JPEG with a program appended": ("poly3.jpg", encoded() + b"\x7fELF\x02\x01\x01" + b"\0" * 64),
    "PNG with HTML after IEND": ("poly.png", encoded("PNG") + b"<html><body onload=alert(1)>"),
    "GIF with script in a comment": (
        "poly.gif",
        encoded("GIF", comment=b"*/<script>alert(1)</script>"),
    ),
    "GIF with a ZIP appended": ("poly5.gif", encoded("GIF") + zip_bytes()),
    "GIF with a program appended": ("poly6.gif", encoded("GIF") + b"\x7fELF\x02\x01" + b"\0" * 64),
    "animated GIF with a ZIP appended": ("anim.gif", animated_gif() + zip_bytes()),
    "JPEG with an img onerror appended": (
        "poly7.jpg",
        encoded() + b'<img src=x onerror="alert(document.cookie)">',
    ),
    "JPEG with a meta refresh appended": (
        "poly8.jpg",
        encoded() + b'<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    ),
    "JPEG with a javascript link": ("poly9.jpg", encoded() + b"<a href='javascript:alert(1)'>"),
    "BMP, a format we do not take": ("old.bmp", encoded("BMP")),
    "TIFF, a format we do not take": ("scan.jpg", encoded("TIFF")),
    "empty file": ("empty.jpg", b""),
}


def media_files(settings):
    root = settings.MEDIA_ROOT
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def add_photo(client, name, data, content_type="image/jpeg"):
    url = admin_url(Photo, "add")
    return client.post(
        url,
        {
            **management_data(client.get(url)),
            "image": SimpleUploadedFile(name, data, content_type=content_type),
            "caption": "Uploaded in a test",
        },
    )


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_uploads_are_refused_and_nothing_is_stored(admin_client, settings, case):
    name, data = HOSTILE[case]
    response = add_photo(admin_client, name, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors.get("image", [])
    assert errors, f"{case} was accepted"
    if data:  # Django itself refuses an empty upload before the content check
        assert errors[0].startswith(REFUSED), errors
    assert not Photo.objects.exists()
    assert media_files(settings) == []


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (encoded(), None),
        (encoded(size=(300, 200), noise=True, progressive=True), None),
        (with_gps(), None),
        (b"plain text", "it is not a picture in a format we know"),
        (SVG, "it is markup (SVG, HTML or XML), not a photo"),
        (png_declaring(100_000, 100_000), "it has too many pixels"),
        (encoded() + zip_bytes(), "another file is hidden after the end of the image"),
        (encoded() + b"<svg onload=alert(1)>", "it contains script or markup"),
        (encoded("BMP"), "BMP files are not accepted"),
        (encoded("GIF"), None),
        (animated_gif(), None),
        (encoded("GIF") + zip_bytes(), "another file is hidden after the end of the image"),
        (encoded() + b"<img src=x onerror=alert(1)>", "it contains script or markup"),
        (encoded() + b"<META HTTP-EQUIV=refresh>", "it contains script or markup"),
    ],
)
def test_each_refusal_says_why(data, reason):
    upload = SimpleUploadedFile("x.jpg", data)
    if reason is None:
        validate_image_upload(upload)
        return
    with pytest.raises(ValidationError) as refused:
        validate_image_upload(upload)
    assert refused.value.messages == [f"{REFUSED}: {reason}."]


def test_a_truncated_jpeg_is_called_damaged():
    upload = SimpleUploadedFile("x.jpg", encoded(size=(400, 300), noise=True)[:4000])
    with pytest.raises(ValidationError, match="damaged or incomplete"):
        validate_image_upload(upload)


def test_the_size_limit_comes_from_settings(admin_client, settings):
    data = encoded("PNG", size=(200, 200), noise=True)
    settings.NEWSDESK = {**settings.NEWSDESK, "MAX_UPLOAD_BYTES": len(data) - 1}
    response = add_photo(admin_client, "big.png", data)
    [error] = response.context["adminform"].form.errors["image"]
    assert error.startswith(f"{REFUSED}: it is 0.1 MB, more than the limit of 0 MB")
    assert not Photo.objects.exists()
    assert media_files(settings) == []
    settings.NEWSDESK = {**settings.NEWSDESK, "MAX_UPLOAD_BYTES": len(data)}
    assert add_photo(admin_client, "big.png", data).status_code == 302


def test_uploads_streamed_to_a_temporary_file_are_checked_too(admin_client, settings):
    # Above this size Django spools an upload to disk instead of memory.
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0
    response = add_photo(admin_client, "poly.jpg", encoded() + zip_bytes())
    assert response.context["adminform"].form.errors["image"][0].startswith(REFUSED)
    assert media_files(settings) == []
    assert add_photo(admin_client, "good.jpg", encoded()).status_code == 302
    assert Photo.objects.get().image.name.endswith(".jpg")


def test_the_default_size_limit_is_20_mb(settings):
    assert settings.NEWSDESK["MAX_UPLOAD_BYTES"] == 20 * 2**20


def test_the_pixel_limit_comes_from_settings(settings):
    settings.NEWSDESK = {**settings.NEWSDESK, "MAX_IMAGE_PIXELS": 100 * 100}
    with pytest.raises(ValidationError, match="101 x 100 pixels, more than the limit"):
        validate_image_upload(SimpleUploadedFile("x.png", encoded("PNG", size=(101, 100))))
    validate_image_upload(SimpleUploadedFile("x.png", encoded("PNG", size=(100, 100))))


def test_model_validation_refuses_too(settings):
    photo = Photo(image=SimpleUploadedFile("x.jpg", SVG), caption="c")
    with pytest.raises(ValidationError) as refused:
        photo.full_clean()
    assert refused.value.message_dict["image"][0].startswith(REFUSED)


def test_a_portrait_is_checked_the_same_way(admin_client, settings):
    url = admin_url(Person, "add")
    page = admin_client.get(url)
    response = admin_client.post(
        url,
        {
            **management_data(page),
            "display_name": "Poly Glot",
            "given_names": "Poly",
            "family_name": "Glot",
            "portrait": SimpleUploadedFile("me.jpg", encoded() + zip_bytes()),
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["portrait"][0].startswith(REFUSED)
    assert not Person.objects.exists()
    assert media_files(settings) == []


@pytest.mark.parametrize(
    ("kind", "extension"), [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp"), ("GIF", "gif")]
)
def test_good_images_are_stored_under_a_safe_unique_name(admin_client, kind, extension):
    # The name lies about the type and tries to climb out of the media folder.
    response = add_photo(admin_client, "../../<b>évil</b> name.exe.jpg", encoded(kind))
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert re.fullmatch(rf"photos/\d{{4}}/\d{{2}}/[0-9a-f]{{32}}\.{extension}", photo.image.name)
    assert (photo.width, photo.height) == (64, 48)


def test_two_uploads_of_the_same_name_never_collide(admin_client):
    add_photo(admin_client, "same.jpg", encoded())
    add_photo(admin_client, "same.jpg", encoded())
    first, second = Photo.objects.all()
    assert first.image.name != second.image.name


def test_renditions_drop_the_gps_position_the_original_keeps(admin_client):
    assert add_photo(admin_client, "shot.jpg", with_gps()).status_code == 302
    photo = Photo.objects.get()
    with photo.image.open("rb") as original:
        assert Image.open(original).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert photo.renditions.count() >= 2
    for rendition in photo.renditions.all():
        with rendition.file.open("rb") as stored:
            image = Image.open(BytesIO(stored.read()))
        assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert not image.getexif()


def test_public_pages_never_give_the_original_address(admin_client, client):
    add_photo(admin_client, "shot.jpg", with_gps())
    photo = Photo.objects.get()
    article = ArticleFactory(lead_photo=photo)
    article.placements.create(photo=photo)
    for url in [article.get_absolute_url(), photo.get_absolute_url(), "/"]:
        html = client.get(url).content.decode()
        assert any(rendition.file.url in html for rendition in photo.renditions.all())
        assert photo.image.url not in html, url
        # Not even the random part of its name, from which the address could be guessed.
        assert photo.image.name.rsplit("/", 1)[1].split(".")[0] not in html, url


def test_noisy_photos_are_not_mistaken_for_markup():
    """The wider markup check still passes real pixel data: many noisy images of each kind."""
    for seed in range(40):
        for kind in ("JPEG", "PNG", "WEBP", "GIF"):
            data = encoded(kind, size=(160 + seed, 120), noise=True)
            validate_image_upload(SimpleUploadedFile(f"n{seed}.{kind.lower()}", data))
