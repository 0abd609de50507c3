"""Uploaded media served by the site itself, for a host with no proxy serving them.

Renditions (content-addressed: a new picture gets a new name) are public and
kept by browsers and CDNs for a year. Original uploads keep their camera
metadata, GPS position included, so only signed-in staff get them. Every file
carries its type, an ETag and Last-Modified, answers conditional and range
requests, and nothing outside MEDIA_ROOT, no folder listing and no hidden file
is ever served. A proxy in front can serve the same (see newsdesk/deploy/nginx.conf).
"""

import os
import re
import stat
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe, quote_etag

PUBLIC_PREFIX = "renditions/"
PUBLIC_CACHE = "public, max-age=31536000, immutable"
PRIVATE_CACHE = "private, no-cache"
TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".gif": "image/gif",
}
RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 64 * 1024


def serves_media():
    """Whether media are files under MEDIA_ROOT (not object storage with URLs of its own)."""
    return isinstance(default_storage, FileSystemStorage)


def resolve(path):
    """The file under MEDIA_ROOT that `path` names, or Http404."""
    parts = path.split("/")
    if any(not part or part.startswith(".") or "\\" in part or "\0" in part for part in parts):
        raise Http404("No such file.")
    root = Path(settings.MEDIA_ROOT).resolve()
    try:
        full = root.joinpath(*parts).resolve(strict=True)
    except (OSError, RuntimeError):
        raise Http404("No such file.") from None
    if not full.is_relative_to(root):
        raise Http404("No such file.")
    return full


def serve(request, path):
    if not path.startswith(PUBLIC_PREFIX) and not (
        request.user.is_authenticated and request.user.is_staff
    ):
        raise Http404("No such file.")
    full = resolve(path)
    try:
        handle = open(full, "rb")  # noqa: SIM115 (the response closes it)
    except OSError:
        raise Http404("No such file.") from None
    info = os.fstat(handle.fileno())
    if not stat.S_ISREG(info.st_mode):
        handle.close()
        raise Http404("No such file.")
    etag = quote_etag(f"{info.st_mtime_ns:x}-{info.st_size:x}")
    last_modified = int(info.st_mtime)
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is not None:
        handle.close()
        response = not_modified
    else:
        response = ranged(request, handle, info.st_size, etag, last_modified)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = PUBLIC_CACHE if path.startswith(PUBLIC_PREFIX) else PRIVATE_CACHE
    return response


def content_type(handle):
    return TYPES.get(Path(handle.name).suffix.lower(), "application/octet-stream")


def ranged(request, handle, size, etag, last_modified):
    """The whole file, or the one byte range asked for (206), or 416 for one past the end."""
    wanted = request.META.get("HTTP_RANGE", "")
    if_range = request.META.get("HTTP_IF_RANGE")
    if if_range and if_range != etag and parse_http_date_safe(if_range) != last_modified:
        wanted = ""  # The client's copy is of another version: send it all.
    match = RANGE.match(wanted.replace(" ", ""))
    kind = content_type(handle)
    if not match or match.groups() == ("", ""):
        # No range, or one we do not do (several at once): the whole file.
        return with_type(FileResponse(handle, content_type=kind), kind)
    first, last = match.groups()
    if first:
        start, end = int(first), min(int(last), size - 1) if last else size - 1
    else:
        start, end = max(0, size - int(last)), size - 1
    if start >= size or start > end:
        handle.close()
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    response = StreamingHttpResponse(
        read_range(handle, start, end - start + 1), status=206, content_type=kind
    )
    response["Content-Length"] = str(end - start + 1)
    response["Content-Range"] = f"bytes {start}-{end}/{size}"
    return with_type(response, kind)


def with_type(response, kind):
    if kind == "application/octet-stream":
        # Never shown inline: only images are meant to be here.
        response["Content-Disposition"] = "attachment"
    return response


def read_range(handle, start, length):
    with handle:
        handle.seek(start)
        while length > 0:
            data = handle.read(min(CHUNK, length))
            if not data:
                return
            length -= len(data)
            yield data
