"""The Content-Security-Policy header: django-csp, from CONTENT_SECURITY_POLICY,
plus the one inline script the admin needs, allowed by its hash.

The other protective headers (nosniff, Referrer-Policy, Cross-Origin-Opener-
Policy, X-Frame-Options) come from Django's own SecurityMiddleware and
XFrameOptionsMiddleware and their settings.
"""

import base64
import hashlib
import re

from csp.middleware import CSPMiddleware
from django_prose_editor.widgets import prose_editor_media

_SCRIPT_BODY = re.compile(r"<script[^>]*>(.*)</script>", re.DOTALL)


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


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    _hashes = None

    @property
    def script_hashes(self):
        # Worked out on first use: resolving static addresses needs the app
        # registry and, in production, the static files manifest.
        if self._hashes is None:
            self._hashes = [script_hash(tag) for tag in trusted_inline_scripts()]
        return self._hashes

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        update = dict(parts.update or {})
        update["script-src"] = [*update.get("script-src", ()), *self.script_hashes]
        parts.update = update
        return parts
