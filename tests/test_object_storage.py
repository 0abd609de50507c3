"""Media on S3-compatible object storage, against a real S3 API server (moto) on 127.0.0.1.

The server is started for this module and stopped after it; each test gets a
bucket of its own.
"""

import io
import re
import sys
import urllib.error
import urllib.request
import uuid
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import ExifTags, Image

from articles.factories import ArticleFactory, PhotoFactory
from articles.models import Article, Photo, Rendition

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent.parent / "bench"))
from s3_server import S3Server

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def s3_server():
    with S3Server() as server:
        yield server


@pytest.fixture
def bucket(s3_server, settings):
    name = f"media-{uuid.uuid4().hex[:12]}"
    s3_server.create_bucket(name)
    settings.STORAGES = {**settings.STORAGES, "default": s3_server.storage_options(name)}
    return name


def objects(s3_server, bucket):
    listed = s3_server.client().list_objects_v2(Bucket=bucket)
    return sorted(item["Key"] for item in listed.get("Contents", []))


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.headers, response.read()


def jpeg_with_gps(size=(900, 600)):
    exif = Image.Exif()
    exif[ExifTags.IFD.GPSInfo] = {1: "N", 2: (22.0, 17.0, 30.0), 3: "E", 4: (114.0, 10.0, 0.0)}
    buffer = BytesIO()
    Image.new("RGB", size, "teal").save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def test_the_default_storage_is_the_bucket(s3_server, bucket):
    from newsdesk.media import serves_media
    from newsdesk.storage import MediaS3Storage

    default_storage.save("renditions/check.txt", ContentFile(b"hello"))
    assert objects(s3_server, bucket) == ["renditions/check.txt"]
    assert isinstance(Photo._meta.get_field("image").storage._wrapped, MediaS3Storage)
    # The bucket has addresses of its own: the site does not serve /media/.
    assert not serves_media()


def test_an_upload_and_its_renditions_are_objects_in_the_bucket(admin_client, s3_server, bucket):
    from django.urls import reverse

    url = reverse("admin:articles_photo_add")
    page = admin_client.get(url)
    assert page.status_code == 200
    response = admin_client.post(
        url,
        {
            "image": SimpleUploadedFile("shot.jpg", jpeg_with_gps(), content_type="image/jpeg"),
            "caption": "Harbour at dusk",
            "people_in_photo-TOTAL_FORMS": "0",
            "people_in_photo-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    photo = Photo.objects.get()
    keys = objects(s3_server, bucket)
    assert photo.image.name in keys
    made = list(photo.renditions.all())
    assert len(made) == 6
    assert {r.file.name for r in made} <= set(keys)
    assert not any(key.startswith("var/") or key.startswith("/") for key in keys)


def test_public_pages_link_renditions_in_the_bucket_never_the_original(client, s3_server, bucket):
    photo = PhotoFactory(image=ContentFile(jpeg_with_gps(), name="shot.jpg"))
    article = ArticleFactory(lead_photo=photo, headline="Harbour lights")
    html = client.get(article.get_absolute_url()).content.decode()
    addresses = set(re.findall(rf"{re.escape(s3_server.endpoint_url)}/[^\s\"']+", html))
    rendition_urls = {r.file.url for r in photo.renditions.all()}
    assert addresses and addresses <= rendition_urls | {
        url.replace("&", "&amp;") for url in rendition_urls
    }
    assert photo.image.name not in html
    for url in addresses:
        # Unsigned: the same on every page and host, so caches keep them.
        assert "Signature" not in url and "X-Amz" not in url
        status, headers, body = fetch(url)
        assert status == 200
        assert headers["Content-Type"] in ("image/webp", "image/jpeg")
        assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
        image = Image.open(BytesIO(body))
        assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)


def test_the_original_is_only_linked_with_a_signed_address(bucket):
    photo = PhotoFactory(image=ContentFile(jpeg_with_gps(), name="shot.jpg"))
    assert "X-Amz-Signature=" in photo.image.url
    assert fetch(photo.image.url)[0] == 200
    unsigned = photo.image.url.split("?")[0]
    with pytest.raises(urllib.error.HTTPError) as refused:
        fetch(unsigned)
    assert refused.value.code == 403


def test_export_and_import_through_the_bucket(s3_server, bucket, tmp_path, settings):
    photo = PhotoFactory(image=ContentFile(jpeg_with_gps(), name="shot.jpg"))
    ArticleFactory(lead_photo=photo)
    names = sorted([photo.image.name, *(r.file.name for r in photo.renditions.all())])
    directory = tmp_path / "export"
    call_command("export_newsroom", str(directory), stdout=io.StringIO())
    for name in names:
        assert (directory / "media" / name).is_file()

    # A new, empty bucket and database: the import fills both.
    fresh = f"media-{uuid.uuid4().hex[:12]}"
    s3_server.create_bucket(fresh)
    settings.STORAGES = {**settings.STORAGES, "default": s3_server.storage_options(fresh)}
    call_command("import_newsroom", str(directory), "--replace", stdout=io.StringIO())
    assert objects(s3_server, fresh) == names
    imported = Photo.objects.get()
    assert imported.renditions.count() == 6
    assert Article.objects.count() == 1
    assert Rendition.objects.filter(file__in=names).count() == 6
