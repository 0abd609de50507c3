from django import template

from articles.models import Rendition
from articles.renditions import renditions_or_none, share_rendition

register = template.Library()

# The `src` for browsers that ignore `srcset`: sharp enough for a column, not a banner.
FALLBACK_WIDTH = 960


def srcset(renditions):
    return ", ".join(f"{rendition.file.url} {rendition.width}w" for rendition in renditions)


@register.inclusion_tag("includes/picture.html")
def picture(photo, sizes="100vw", lazy=False, img_class=""):
    """A `<picture>` of the photo's renditions: WebP first, JPEG for the rest.

    Needs `renditions` prefetched on the photos of a list, or it costs a query a photo.
    """
    renditions = renditions_or_none(photo)
    webp = [r for r in renditions if r.format == Rendition.Format.WEBP]
    jpeg = [r for r in renditions if r.format == Rendition.Format.JPEG]
    fallback = max(
        (r for r in jpeg if r.width <= FALLBACK_WIDTH),
        key=lambda r: r.width,
        default=jpeg[0] if jpeg else None,
    )
    context = {"photo": photo, "sizes": sizes, "lazy": lazy, "img_class": img_class}
    if fallback is None:
        # No renditions (a broken file): nothing to show, since the original
        # may carry the photographer's location and is never published.
        return {**context, "src": ""}
    return {
        **context,
        "webp_srcset": srcset(webp),
        "jpeg_srcset": srcset(jpeg),
        "src": fallback.file.url,
        # The rendition's, not the photo's: an EXIF rotation swaps them.
        "width": fallback.width,
        "height": fallback.height,
    }


@register.simple_tag
def shared_image(photo):
    """The rendition link previews show for `photo`, or None."""
    return share_rendition(photo)
