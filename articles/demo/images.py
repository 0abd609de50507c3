"""Placeholder pictures for the demo photos, drawn at load time so the repository ships no
binaries and no one else's pictures."""

from io import BytesIO

from PIL import Image, ImageDraw, ImageFont

SIZE = (1200, 800)
_MARGIN = 60
_BAND = 190


def render(label, colours, size=SIZE):
    """A JPEG: a diagonal gradient between two colours with `label` on a dark band.

    The same arguments always give the same bytes.
    """
    width, height = size
    down = Image.linear_gradient("L").resize(size)
    across = Image.linear_gradient("L").rotate(90).resize(size)
    mask = Image.blend(down, across, 0.5)
    start, end = (Image.new("RGB", size, colour) for colour in colours)
    picture = Image.composite(end, start, mask).convert("RGBA")

    overlay = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    draw.rectangle([0, height - _BAND, width, height], fill=(0, 0, 0, 150))
    draw.text((_MARGIN, _MARGIN), "DEMO PHOTO", font=ImageFont.load_default(30), fill="white")
    font = _fitting_font(draw, label, width - 2 * _MARGIN)
    draw.text((_MARGIN, height - _BAND / 2), label, font=font, fill="white", anchor="lm")

    buffer = BytesIO()
    Image.alpha_composite(picture, overlay).convert("RGB").save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _fitting_font(draw, text, max_width, size=56):
    font = ImageFont.load_default(size)
    while size > 16 and draw.textlength(text, font=font) > max_width:
        size -= 4
        font = ImageFont.load_default(size)
    return font
