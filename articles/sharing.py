"""Preview links for people without an account, such as a source checking a quote."""

import datetime

from django.core import signing
from django.urls import reverse
from django.utils import timezone

from articles.models import ShareLink

DEFAULT_LIFETIME = datetime.timedelta(hours=48)
_SALT = "articles.share-link"


def create(article, user, *, lifetime=DEFAULT_LIFETIME, note=""):
    now = timezone.now()
    return ShareLink.objects.create(
        article=article, created_by=user, created_at=now, expires_at=now + lifetime, note=note
    )


def signed_token(link):
    return signing.dumps(link.token, salt=_SALT)


def url_for(link):
    return reverse("articles:shared_preview", kwargs={"token": signed_token(link)})


def resolve(signed):
    """The active link behind a signed token, or None when tampered, expired, revoked or trashed."""
    try:
        token = signing.loads(signed, salt=_SALT)
    except signing.BadSignature:
        return None
    # A deleted article is gone for every reader, even one holding a link.
    link = (
        ShareLink.objects.select_related("article")
        .filter(token=token, article__trashed_at__isnull=True)
        .first()
    )
    return link if link is not None and link.is_active else None


def revoke(link):
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
