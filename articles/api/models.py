"""Partner API keys and the rate-limit counters kept in the database."""

import hashlib
import secrets

from django.db import models
from django.utils import timezone

KEY_PREFIX = "nd_"


def hash_key(raw_key):
    # Keys are long random strings, not passwords: one SHA-256 is enough, and
    # lets a request's key be found by an indexed lookup of its hash.
    return hashlib.sha256(raw_key.encode()).hexdigest()


class PartnerKey(models.Model):
    """A partner's key to the content API: raises their rate limit.

    Only the key's hash is stored; the key itself is shown once, when it is
    created in the admin. `prefix` (its first characters) tells keys apart.
    """

    name = models.CharField(max_length=200, help_text="The partner, e.g. “Harbour Daily”.")
    contact = models.CharField(
        max_length=200, blank=True, help_text="Who to call about this key (staff only)."
    )
    prefix = models.CharField(max_length=16, editable=False, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    requests_per_minute = models.PositiveIntegerField(
        default=600, help_text="Requests allowed per minute with this key."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = "partner API key"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(requests_per_minute__gte=1),
                name="partnerkey_positive_limit",
                violation_error_message="A key must allow at least one request a minute.",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self):
        return self.revoked_at is None

    def issue(self):
        """A new random key for this row: sets the hash and prefix, returns the key once."""
        raw = KEY_PREFIX + secrets.token_urlsafe(32)
        self.prefix = raw[:10]
        self.key_hash = hash_key(raw)
        return raw


class RateLimitCounter(models.Model):
    """Requests counted in one window, for sites whose cache is not shared by processes."""

    bucket = models.CharField(max_length=100, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.bucket}: {self.count}"
