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
        # No renditions yet (the worker has not made them) or none possible (a
        # broken file): a blank box of the photo's shape holds its place, since
        # the original may carry the photographer's location and is never published.
        return {**context, **placeholder(photo)}
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


def placeholder(photo):
    """A blank image of the photo's proportions, at most FALLBACK_WIDTH wide."""
    if not photo or not photo.width or not photo.height:
        return {"src": ""}
    width = min(photo.width, FALLBACK_WIDTH)
    height = max(1, round(photo.height * width / photo.width))
    svg = (
        "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' "
        f"viewBox='0 0 {width} {height}'%3E%3Crect width='{width}' height='{height}' "
        "fill='%23e4e4e7'/%3E%3C/svg%3E"
    )
    return {"src": svg, "width": width, "height": height, "placeholder": True}
