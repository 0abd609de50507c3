"""Background work of the articles app, run by `manage.py db_worker` (Django's tasks API)."""

from django_tasks import task

from articles import renditions


@task()
def make_photo_renditions(photo_id):
    """Resize and re-encode a saved photo, off the request that saved it."""
    renditions.render_photo(photo_id)
