"""Signing webhook bodies with HMAC-SHA256, the way the README tells partners to check them.

The signed message is `<timestamp>.<body>`: a partner who checks the
timestamp is recent (five minutes, say) also refuses a delivery replayed later.
"""

import hashlib
import hmac

SIGNATURE_HEADER = "Newsdesk-Signature"
TIMESTAMP_HEADER = "Newsdesk-Timestamp"
EVENT_ID_HEADER = "Newsdesk-Event-Id"
EVENT_TYPE_HEADER = "Newsdesk-Event-Type"
VERSION = "v1"


def signature(secret, timestamp, body):
    message = f"{timestamp}.".encode() + body
    return f"{VERSION}=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def verify(secret, timestamp, body, header):
    """What a receiver does (see the README): compare in constant time."""
    return hmac.compare_digest(signature(secret, timestamp, body), header)
