from django.core.management.base import BaseCommand
from django.db.models import Exists, OuterRef

from articles import renditions
from articles.models import Photo, Rendition


class Command(BaseCommand):
    help = (
        "Make the renditions of every photo that has none for its current file (photos "
        "uploaded before renditions were made in the background, or restored from a "
        "backup without them). By default each is queued for the background worker "
        "(manage.py db_worker); --now makes them in this process instead, showing progress. "
        "Photos whose file failed before are left alone unless --retry-failed is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now", action="store_true", help="Make them here and now, not in the worker."
        )
        parser.add_argument(
            "--retry-failed",
            action="store_true",
            help="Also try photos whose renditions failed before (the reason is cleared).",
        )

    def handle(self, *args, now=False, retry_failed=False, **options):
        from articles.tasks import make_photo_renditions

        current = Rendition.objects.filter(photo=OuterRef("pk"), source=OuterRef("image"))
        missing = Photo.objects.exclude(image="").filter(~Exists(current)).order_by("pk")
        if not retry_failed:
            missing = missing.filter(rendition_failure="")
        ids = list(missing.values_list("pk", flat=True))
        if retry_failed:
            Photo.objects.filter(pk__in=ids).update(rendition_failure="")
        for number, photo_id in enumerate(ids, start=1):
            if now:
                renditions.render_photo(photo_id)
            else:
                make_photo_renditions.enqueue(photo_id)
            if number % 50 == 0 and options["verbosity"] >= 1:
                self.stdout.write(f"  {number} of {len(ids)}")
        failed = Photo.objects.filter(pk__in=ids).exclude(rendition_failure="").count()
        done = "Made renditions of" if now else "Queued renditions of"
        self.stdout.write(self.style.SUCCESS(f"{done} {len(ids)} photo(s)."))
        if now and failed:
            self.stderr.write(
                self.style.WARNING(f"{failed} could not be made; the admin shows why.")
            )
