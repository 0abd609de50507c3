"""What the browser tests share: where Chromium is, how to skip without it, screenshots.

The Playwright `browser` fixture itself lives in conftest.py.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("NEWSDESK_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"

needs_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists(),
    reason=f"BROWSER TESTS SKIPPED: no Chromium at {CHROMIUM}. Install Debian's chromium "
    "package (make test does so when it runs as root) or set NEWSDESK_CHROMIUM.",
)

# Mark a module of browser tests with `pytestmark = browser_tests`.
browser_tests = [pytest.mark.browser, needs_chromium]


def screenshot(page, name):
    """Save the whole page, not only the viewport, as test-artifacts/<name>.png."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    return path


def close_context(context):
    """Close a browser context whose test is over, without its pages' goodbyes.

    A change form gives up its editing lease on leaving (a beacon sent from
    `pagehide`). Sent while the context closes, it reaches the live server when
    the test's database is being emptied, which on SQLite fails the teardown
    with "database table is locked". The test is over, so the beacon is
    silenced first; the lease's release is tested where it matters.
    """
    for page in context.pages:
        if not page.is_closed():
            page.evaluate("navigator.sendBeacon = () => true")
    context.close()
