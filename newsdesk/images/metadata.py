"""What a photo file says about itself: the IPTC fields agencies and cameras fill in.

Both the old IPTC IIM block and XMP are read; where both give a field, XMP
wins, as it is the one current software keeps up to date.
"""

import datetime
import logging
from dataclasses import dataclass, field, fields

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeElementTree
from PIL import Image, IptcImagePlugin

logger = logging.getLogger(__name__)


RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
DC = "{http://purl.org/dc/elements/1.1/}"
PHOTOSHOP = "{http://ns.adobe.com/photoshop/1.0/}"
IPTC_CORE = "{http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/}"
IPTC_EXT = "{http://iptc.org/std/Iptc4xmpExt/2008-02-29/}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

IIM_FIELDS = {
    (2, 120): "caption",
    (2, 110): "credit",
    (2, 80): "creator",
    (2, 116): "copyright",
    (2, 55): "date_created",
    (2, 90): "city",
}

XMP_FIELDS = {
    f"{DC}description": "caption",
    f"{PHOTOSHOP}Credit": "credit",
    f"{DC}creator": "creator",
    f"{DC}rights": "copyright",
    f"{PHOTOSHOP}DateCreated": "date_created",
    f"{PHOTOSHOP}City": "city",
    f"{IPTC_EXT}PersonInImage": "persons_shown",
    f"{IPTC_CORE}AltTextAccessibility": "alt_text",
}


@dataclass
class PhotoMetadata:
    caption: str = ""
    credit: str = ""
    creator: str = ""
    copyright: str = ""
    date_created: datetime.date | None = None
    city: str = ""
    persons_shown: list[str] = field(default_factory=list)
    alt_text: str = ""

    def __bool__(self):
        return any(getattr(self, f.name) for f in fields(self))


def read_metadata(file):
    """The metadata of an image file or path; empty, never an error, for anything odd."""
    position = file.tell() if hasattr(file, "tell") else None
    try:
        if position is not None:
            file.seek(0)
        with Image.open(file) as image:
            return _merge(_from_iim(image), _from_xmp(_xmp_packet(image)))
    except Exception:
        # An upload is still a photo without its metadata; whatever the file
        # holds must never stop it being saved.
        logger.info("Unreadable photo metadata", exc_info=True)
        return PhotoMetadata()
    finally:
        if position is not None:
            file.seek(position)


def _merge(iim, xmp):
    return PhotoMetadata(
        **{f.name: getattr(xmp, f.name) or getattr(iim, f.name) for f in fields(PhotoMetadata)}
    )


def _from_iim(image):
    try:
        info = IptcImagePlugin.getiptcinfo(image) or {}
    except Exception:
        logger.info("Unreadable IPTC block", exc_info=True)
        return PhotoMetadata()
    values = {}
    for key, name in IIM_FIELDS.items():
        raw = info.get(key)
        if raw is None:
            continue
        # A repeated dataset (several by-lines) comes as a list.
        parts = [_decode(part) for part in (raw if isinstance(raw, list) else [raw])]
        values[name] = ", ".join(part for part in parts if part)
    values["date_created"] = _iim_date(values.get("date_created", ""))
    return PhotoMetadata(**values)


def _decode(raw):
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        # Files from before UTF-8 was declared in IIM are nearly always Latin-1.
        text = raw.decode("latin-1")
    return " ".join(text.replace("\x00", "").split())


def _iim_date(text):
    try:
        return datetime.datetime.strptime(text, "%Y%m%d").date()
    except ValueError:
        # Unknown parts are written as zeros ("20240000"): not a date to keep.
        return None


def _xmp_packet(image):
    # Pillow finds the packet in every format it reads (JPEG's APP1, PNG's
    # iTXt, WebP's and TIFF's own chunks); PNG's may come as text.
    packet = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp")
    if isinstance(packet, str):
        packet = packet.encode("utf-8")
    return packet or b""


def _from_xmp(packet):
    if not packet:
        return PhotoMetadata()
    # XMP never needs a DTD: defusedxml refuses one, and with it entity
    # expansion and external references, whatever the packet's encoding.
    try:
        root = SafeElementTree.fromstring(packet.strip(b"\x00 \t\r\n"), forbid_dtd=True)
    except (SafeElementTree.ParseError, DefusedXmlException):
        logger.info("Unreadable or refused XMP packet", exc_info=True)
        return PhotoMetadata()
    values = {}
    for description in root.iter(f"{RDF}Description"):
        # A simple property may be written as an attribute or as an element.
        for attribute, text in description.attrib.items():
            name = XMP_FIELDS.get(attribute)
            if name and name not in values:
                values[name] = [" ".join(text.split())]
        for element in description:
            name = XMP_FIELDS.get(element.tag)
            if name and name not in values:
                values[name] = _xmp_values(element)
    persons_shown = values.pop("persons_shown", [])
    texts = {name: ", ".join(items) for name, items in values.items()}
    texts["date_created"] = _xmp_date(texts.get("date_created", ""))
    return PhotoMetadata(**texts, persons_shown=persons_shown)


def _xmp_values(element):
    """The text of a property: one item for a simple value, each item of an array in order."""
    for container in ("Alt", "Bag", "Seq"):
        array = element.find(f"{RDF}{container}")
        if array is None:
            continue
        items = array.findall(f"{RDF}li")
        if container == "Alt":
            # A language alternative: the default language, else the first given.
            default = [item for item in items if item.get(XML_LANG) == "x-default"]
            items = (default or items)[:1]
        return [text for item in items if (text := " ".join((item.text or "").split()))]
    text = " ".join((element.text or "").split())
    return [text] if text else []


def _xmp_date(text):
    # XMP dates may stop at the year or month; only a whole day is a date here.
    try:
        return datetime.date.fromisoformat(text[:10])
    except ValueError:
        return None
