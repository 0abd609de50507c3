from django.core.files.base import ContentFile

from articles.demo.generator.words import IMAGE_COLOURS
from articles.demo.images import render
from articles.models import Photo

# Small, so that the renditions a page makes on first view are quick to encode.
SIZE = (640, 427)


def shared_images():
    """A handful of placeholder files every generated photo points at, written once."""
    storage = Photo._meta.get_field("image").storage
    names = []
    for number, colours in enumerate(IMAGE_COLOURS, start=1):
        name = f"photos/generated/newsroom-{number}.jpg"
        if not storage.exists(name):
            name = storage.save(
                name, ContentFile(render(f"Generated photo {number}", colours, SIZE))
            )
        names.append(name)
    return names
