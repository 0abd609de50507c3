import re
from io import BytesIO
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template import Context, Template
from django.urls import reverse
from PIL import ExifTags, Image

from articles.factories import ArticleFactory, ArticlePhotoFactory, PhotoFactory
from articles.models import Photo, Rendition
from articles.renditions import make_renditions, render_photo

pytestmark = pytest.mark.django_db

GPS = {1: "N", 2: (22.0, 17.0, 30.0), 3: "E", 4: (114.0, 10.0, 0.0)}


def image_file(size=(2000, 1000), exif=None, colour="steelblue", image=None, kind="JPEG"):
    image = image or Image.new("RGB", size, colour)
    buffer = BytesIO()
    options = {"exif": exif} if exif is not None else {}
    image.save(buffer, kind, **options)
    return ContentFile(buffer.getvalue(), name=f"shot.{kind.lower()}")


def camera_exif(orientation=1):
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Newsroom camera"
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.IFD.GPSInfo] = GPS
    return exif


def opened(rendition):
    with default_storage.open(rendition.file.name) as stored:
        image = Image.open(BytesIO(stored.read()))
        image.load()
    return image


def picture(photo, **options):
    arguments = " ".join(f"{name}={value}" for name, value in options.items())
    template = Template(f"{{% load pictures %}}{{% picture photo {arguments} %}}")
    return template.render(Context({"photo": photo}))


def sizes_of(photo, image_format):
    return [r.width for r in photo.renditions.all() if r.format == image_format]


class CountingSaves:
    """Counts every image Pillow encodes, while still encoding it."""

    def __enter__(self):
        self.count = 0
        original = Image.Image.save

        def save(image, *args, **kwargs):
            self.count += 1
            return original(image, *args, **kwargs)

        self.patch = mock.patch.object(Image.Image, "save", save)
        self.patch.start()
        return self

    def __exit__(self, *exc):
        self.patch.stop()


# What is made ---------------------------------------------------------------


def test_saving_a_photo_makes_every_width_in_webp_and_jpeg():
    photo = PhotoFactory(image=image_file((2000, 1000)))
    widths = [320, 640, 960, 1280, 1920]
    assert sizes_of(photo, Rendition.Format.WEBP) == widths
    assert sizes_of(photo, Rendition.Format.JPEG) == widths
    for rendition in photo.renditions.all():
        image = opened(rendition)
        assert image.format == {"webp": "WEBP", "jpeg": "JPEG"}[rendition.format]
        assert image.size == (rendition.width, rendition.height)
        assert rendition.height == rendition.width // 2
        assert rendition.file.name.startswith(f"renditions/{photo.pk}/")


@pytest.mark.parametrize(
    ("size", "widths"),
    [((700, 500), [320, 640, 700]), ((64, 48), [64]), ((3000, 2000), [320, 640, 960, 1280, 1920])],
)
def test_never_wider_than_the_original(size, widths):
    photo = PhotoFactory(image=image_file(size))
    assert sizes_of(photo, Rendition.Format.JPEG) == widths
    assert sizes_of(photo, Rendition.Format.WEBP) == widths


def test_file_names_are_deterministic(django_capture_on_commit_callbacks):
    photo = PhotoFactory(image=image_file((700, 500)))
    names = sorted(r.file.name for r in photo.renditions.all())
    with django_capture_on_commit_callbacks(execute=True):
        Rendition.objects.filter(photo=photo).delete()
    make_renditions(Photo.objects.get(pk=photo.pk))
    assert sorted(r.file.name for r in photo.renditions.all()) == names


def test_a_file_another_process_is_writing_is_left_alone():
    # Two first views of a photo, in two workers, make its renditions at once:
    # neither may delete or overwrite the other's files.
    photo = PhotoFactory(image=image_file((700, 500)))
    theirs = {r.file.name: r.file.read() for r in photo.renditions.all()}
    Rendition.objects.filter(photo=photo).delete()  # Their rows are not committed yet.
    mine = make_renditions(Photo.objects.get(pk=photo.pk))
    for name, content in theirs.items():
        with default_storage.open(name) as stored:
            assert stored.read() == content
    assert not {r.file.name for r in mine} & set(theirs)
    assert all(default_storage.exists(r.file.name) for r in mine)


def test_gps_and_other_exif_are_stripped():
    photo = PhotoFactory(image=image_file(exif=camera_exif()))
    with photo.image.open("rb") as original:
        assert Image.open(original).getexif().get_ifd(ExifTags.IFD.GPSInfo) == GPS
    for rendition in photo.renditions.all():
        image = opened(rendition)
        assert not image.getexif()
        assert "exif" not in image.info
        assert "xmp" not in image.info


def test_exif_orientation_is_applied():
    # Stored sideways, left half red: upright, the red half is on top.
    sideways = Image.new("RGB", (200, 100), "blue")
    sideways.paste((255, 0, 0), (0, 0, 100, 100))
    photo = PhotoFactory(image=image_file(image=sideways, exif=camera_exif(orientation=6)))
    assert (photo.width, photo.height) == (200, 100)
    [jpeg] = [r for r in photo.renditions.all() if r.format == Rendition.Format.JPEG]
    assert (jpeg.width, jpeg.height) == (100, 200)
    upright = opened(jpeg).convert("RGB")
    red, _, blue = upright.getpixel((50, 30))
    assert red > 200 and blue < 60
    red, _, blue = upright.getpixel((50, 170))
    assert red < 60 and blue > 200
    # The page reserves the upright shape, not the stored one.
    assert 'width="100" height="200"' in picture(photo)


def test_transparency_becomes_white_in_jpeg_and_stays_in_webp():
    clear = Image.new("RGBA", (100, 80), (0, 0, 0, 0))
    photo = PhotoFactory(image=image_file(image=clear, kind="PNG"))
    by_format = {r.format: opened(r) for r in photo.renditions.all()}
    assert by_format["jpeg"].mode == "RGB"
    assert min(by_format["jpeg"].getpixel((40, 40))) > 245
    assert by_format["webp"].mode == "RGBA"
    assert by_format["webp"].getpixel((40, 40))[3] == 0


# Made once ------------------------------------------------------------------


def test_pages_never_encode_a_photo_that_has_its_renditions(client):
    photo = PhotoFactory(image=image_file((700, 500)))
    article = ArticleFactory(lead_photo=photo)
    ArticlePhotoFactory(article=article, photo=PhotoFactory())
    made = set(Rendition.objects.values_list("pk", flat=True))
    with CountingSaves() as saves:
        for url in [article.get_absolute_url(), photo.get_absolute_url(), reverse("articles:home")]:
            assert client.get(url).status_code == 200
    assert saves.count == 0
    assert set(Rendition.objects.values_list("pk", flat=True)) == made


def test_a_photo_without_renditions_shows_a_placeholder_and_the_page_writes_nothing(
    client, django_assert_max_num_queries
):
    photo = PhotoFactory(image=image_file((1400, 700)))
    article = ArticleFactory(lead_photo=photo)
    Rendition.objects.filter(photo=photo).delete()
    with CountingSaves() as saves, mock.patch("articles.tasks.make_photo_renditions") as queued:
        content = client.get(article.get_absolute_url()).content.decode()
    assert saves.count == 0
    queued.enqueue.assert_not_called()
    assert not photo.renditions.exists()
    [img] = re.findall(r'<picture class="picture picture--placeholder">(<img [^>]+>)', content)
    assert 'src="data:image/svg+xml,' in img
    assert 'width="960" height="480"' in img
    assert photo.image.url not in content
    # Once the worker has made them, the page shows them.
    render_photo(photo.pk)
    assert photo.renditions.count() == 10
    assert "picture--placeholder" not in client.get(article.get_absolute_url()).content.decode()


def test_a_get_never_writes_to_the_database(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    photo = PhotoFactory(image=image_file((700, 500)))
    article = ArticleFactory(lead_photo=photo)
    Rendition.objects.filter(photo=photo).delete()
    with CaptureQueriesContext(connection) as queries:
        for url in [article.get_absolute_url(), photo.get_absolute_url(), reverse("articles:home")]:
            assert client.get(url).status_code == 200
    write = re.compile(r"[\s(]*(?:INSERT|UPDATE|DELETE|REPLACE|TRUNCATE)\b", re.IGNORECASE)
    assert [q["sql"] for q in queries if write.match(q["sql"])] == []


def test_saving_without_changing_the_image_encodes_nothing():
    photo = PhotoFactory(image=image_file((700, 500)))
    with CountingSaves() as saves:
        photo.caption = "New caption"
        photo.save()
    assert saves.count == 0


def test_a_new_image_gets_new_renditions_and_the_old_files_go(django_capture_on_commit_callbacks):
    photo = PhotoFactory(image=image_file((700, 500)))
    old = [r.file.name for r in photo.renditions.all()]
    with django_capture_on_commit_callbacks(execute=True):
        photo.image = image_file((400, 300), colour="orange")
        photo.save()
    renditions = list(photo.renditions.all())
    assert sorted({r.width for r in renditions}) == [320, 400]
    assert all(r.source == photo.image.name for r in renditions)
    assert not any(default_storage.exists(name) for name in old)
    assert all(default_storage.exists(r.file.name) for r in renditions)


def test_deleting_a_photo_deletes_its_renditions_and_files(django_capture_on_commit_callbacks):
    photo = PhotoFactory(image=image_file((700, 500)))
    names = [r.file.name for r in photo.renditions.all()]
    assert names and all(default_storage.exists(name) for name in names)
    with django_capture_on_commit_callbacks(execute=True):
        photo.delete()
    assert not Rendition.objects.exists()
    assert not any(default_storage.exists(name) for name in names)


# The markup -------------------------------------------------------------------


def test_picture_offers_webp_then_jpeg_from_the_stored_files():
    photo = PhotoFactory(image=image_file((700, 500)), alt_text="Delegates at the signing")
    html = picture(photo, sizes='"50vw"')
    renditions = {(r.format, r.width): r for r in photo.renditions.all()}
    [source] = re.findall(r'<source type="image/webp" srcset="([^"]+)" sizes="50vw">', html)
    [img] = re.findall(r"<img [^>]+>", html)
    assert html.index("<source") < html.index("<img")
    for image_format, srcset in [
        ("webp", source),
        ("jpeg", re.search(r'srcset="([^"]+)"', img)[1]),
    ]:
        candidates = [candidate.split(" ") for candidate in srcset.split(", ")]
        assert [width for _, width in candidates] == ["320w", "640w", "700w"]
        for url, width in candidates:
            rendition = renditions[(image_format, int(width[:-1]))]
            assert url == rendition.file.url
            assert default_storage.exists(rendition.file.name)
    assert f'src="{renditions[("jpeg", 700)].file.url}"' in img
    assert 'width="700" height="500"' in img
    assert 'alt="Delegates at the signing"' in img
    assert 'sizes="50vw"' in img


def test_lazy_only_when_asked():
    photo = PhotoFactory()
    assert 'loading="lazy"' in picture(photo, lazy="True")
    assert 'loading="eager"' in picture(photo)


def test_a_broken_image_shows_nothing_rather_than_the_original():
    photo = PhotoFactory(image=ContentFile(b"not a picture", name="broken.jpg"))
    assert not photo.renditions.exists()
    html = picture(photo)
    # The original may carry the photographer's position: it is never published.
    assert photo.image.url not in html
    assert "<img" not in html or "data:image/svg+xml" in html


def test_article_lead_is_eager_and_inline_photos_lazy(client):
    article = ArticleFactory(lead_photo=PhotoFactory())
    placed = ArticlePhotoFactory(article=article).photo
    images = re.findall(r"<img [^>]+>", client.get(article.get_absolute_url()).content.decode())
    lead = next(img for img in images if article.lead_photo.renditions.first().file.url in img)
    inline = next(img for img in images if placed.renditions.first().file.url in img)
    assert 'loading="eager"' in lead
    assert 'loading="lazy"' in inline
    for img in (lead, inline):
        assert re.search(r'width="\d+" height="\d+"', img)
        assert 'alt="' in img


# Off the reader's path ---------------------------------------------------------


def test_a_failure_is_recorded_once_with_its_reason_and_leaves_no_file(settings):
    photo = PhotoFactory(image=image_file((700, 500)))
    Rendition.objects.filter(photo=photo).delete()
    before = set(files_under(settings.MEDIA_ROOT / "renditions"))
    calls = []

    def failing_store(photo, image, image_format):
        calls.append(image.width)
        if len(calls) == 4:
            raise OSError("disk full")
        return original_store(photo, image, image_format)

    from articles import renditions

    original_store = renditions.store
    with mock.patch.object(renditions, "store", failing_store):
        render_photo(photo.pk)
    photo.refresh_from_db()
    assert photo.rendition_failure == "OSError: disk full"
    assert not photo.renditions.exists()
    # The three files written before the failure are gone again.
    assert set(files_under(settings.MEDIA_ROOT / "renditions")) == before
    # Saved again with the same file (a caption edit): not tried again.
    with mock.patch("articles.tasks.make_photo_renditions") as queued:
        photo.caption = "Edited"
        photo.save()
    queued.enqueue.assert_not_called()
    # A new file gets a new try, and the reason goes.
    photo.image = image_file((640, 480))
    photo.save()
    photo.refresh_from_db()
    assert photo.rendition_failure == ""
    assert photo.renditions.count() == 4


def files_under(folder):
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []


def test_the_admin_shows_why_a_photo_has_no_renditions(client, editor):
    photo = PhotoFactory(image=image_file((700, 500)))
    Photo.objects.filter(pk=photo.pk).update(rendition_failure="OSError: broken data stream")
    client.force_login(editor)
    page = client.get(reverse("admin:articles_photo_change", args=[photo.pk])).content.decode()
    assert "Could not be made: OSError: broken data stream" in page
    fine = PhotoFactory(image=image_file((640, 480)))
    listed = client.get(reverse("admin:articles_photo_changelist"), {"renditions": "failed"})
    assert listed.context["cl"].result_count == 1
    assert [p.pk for p in listed.context["cl"].result_list] == [photo.pk]
    assert fine.rendition_failure == ""


@pytest.mark.django_db(transaction=True)
def test_saving_queues_a_job_that_the_worker_runs(settings):
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    photo = PhotoFactory(image=image_file((700, 500)))
    # Saved, not yet encoded: the job waits in the database for the worker.
    assert not photo.renditions.exists()
    [job] = DBTaskResult.objects.all()
    assert job.task_path == "articles.tasks.make_photo_renditions"
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert photo.renditions.count() == 6
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        # Taller than WebP can encode at full width: narrowed to fit.
        ((1000, 20000), [(320, 6400), (640, 12800), (819, 16380)]),
        ((400, 40000), [(163, 16300)]),
        # Very wide: short renditions, at least a pixel high.
        ((20000, 10), [(320, 1), (640, 1), (960, 1), (1280, 1), (1920, 1)]),
    ],
)
def test_tall_and_wide_images_get_renditions_within_the_encoders_limits(size, expected):
    photo = PhotoFactory(image=image_file(size, kind="PNG"))
    assert Photo.objects.get(pk=photo.pk).rendition_failure == ""
    for image_format in ("webp", "jpeg"):
        made = [(r.width, r.height) for r in photo.renditions.all() if r.format == image_format]
        assert made == expected
    for rendition in photo.renditions.all():
        assert opened(rendition).size == (rendition.width, rendition.height)


def test_an_icc_profile_is_converted_to_srgb_and_dropped():
    from PIL import ImageCms

    # A big profile (some cameras' are megabytes) must not be copied into
    # every rendition: a 320 px thumbnail stays a few kilobytes.
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    big_profile = profile + b"\0" * 3_000_000
    buffer = BytesIO()
    Image.new("RGB", (700, 500), (0, 160, 80)).save(buffer, "JPEG", icc_profile=big_profile)
    converted = mock.Mock(wraps=ImageCms.profileToProfile)
    with mock.patch.object(ImageCms, "profileToProfile", converted):
        photo = PhotoFactory(image=ContentFile(buffer.getvalue(), name="green.jpg"))
    converted.assert_called_once()
    assert photo.renditions.count() == 6
    for rendition in photo.renditions.all():
        assert rendition.file.size < 50_000
        image = opened(rendition)
        assert "icc_profile" not in image.info
        red, green, _ = image.convert("RGB").getpixel((10, 10))
        assert abs(green - 160) < 12 and red < 20


def test_a_command_makes_the_renditions_that_are_missing():
    import io

    from django.core.management import call_command

    done = PhotoFactory(image=image_file((700, 500)))
    missing = PhotoFactory(image=image_file((640, 480)))
    failed = PhotoFactory(image=image_file((640, 480)))
    Rendition.objects.filter(photo__in=[missing, failed]).delete()
    Photo.objects.filter(pk=failed.pk).update(rendition_failure="OSError: broken")
    made = set(Rendition.objects.filter(photo=done).values_list("pk", flat=True))
    out = io.StringIO()
    call_command("make_renditions", "--now", stdout=out)
    assert "Made renditions of 1 photo(s)." in out.getvalue()
    assert missing.renditions.count() == 4
    assert not failed.renditions.exists()
    assert set(Rendition.objects.filter(photo=done).values_list("pk", flat=True)) == made
    call_command("make_renditions", "--retry-failed", stdout=out)
    assert failed.renditions.count() == 4
    assert Photo.objects.get(pk=failed.pk).rendition_failure == ""
