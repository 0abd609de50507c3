"""The Content-Security-Policy header, built from the NEWSDESK_CSP setting.

Django 5.2 has no CSP support of its own. Django 6.0 adds a middleware and a
SECURE_CSP setting; a header that something earlier in the chain (that
middleware, or a view) already set is left alone, so moving to it later is a
settings change. The other protective headers (nosniff, Referrer-Policy,
Cross-Origin-Opener-Policy, X-Frame-Options) come from Django's own
SecurityMiddleware and XFrameOptionsMiddleware and their settings.
"""

import base64
import hashlib
import re

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django_prose_editor.widgets import prose_editor_media

HEADER = "Content-Security-Policy"
_SCRIPT_BODY = re.compile(r"<script[^>]*>(.*)</script>", re.DOTALL)


def build_policy(directives, script_hashes=()):
    """`{"script-src": ["'self'"], ...}` as `script-src 'self'; ...`.

    `script_hashes` are added to script-src: the inline scripts allowed by content.
    """
    parts = []
    for name, sources in directives.items():
        if isinstance(sources, str):
            raise ImproperlyConfigured(
                f"NEWSDESK_CSP[{name!r}] must be a list of sources, not a string."
            )
        if name == "script-src":
            sources = [*sources, *script_hashes]
        parts.append(" ".join([name, *sources]))
    return "; ".join(parts)


def script_hash(script_tag):
    """The CSP source that allows exactly this `<script>…</script>`'s content."""
    content = _SCRIPT_BODY.fullmatch(str(script_tag).strip()).group(1)
    digest = hashlib.sha256(content.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def trusted_inline_scripts():
    """The one inline script the admin needs: the rich-text editor's import map.

    An import map has to be inline, and it only maps module names to our own
    static files; allowing it by hash keeps every other inline script blocked.
    Its content holds the static files' (hashed, in production) addresses, so
    the hash is worked out at run time rather than written down.
    """
    return [prose_editor_media().render_importmap()[0]]


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self._policy = None

    @property
    def policy(self):
        # Built on first use: resolving static addresses needs the app registry
        # and, in production, the static files manifest.
        if self._policy is None:
            hashes = [script_hash(tag) for tag in trusted_inline_scripts()]
            self._policy = build_policy(settings.NEWSDESK_CSP, hashes)
        return self._policy

    def __call__(self, request):
        response = self.get_response(request)
        # Django's debug error pages are styled and scripted inline; they only
        # exist with DEBUG on, never for readers.
        if settings.DEBUG and response.status_code >= 400:
            return response
        if HEADER not in response:
            response[HEADER] = self.policy
        return response
