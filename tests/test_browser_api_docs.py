"""The API docs work in a real browser under the site's CSP, loading nothing from elsewhere."""

from urllib.parse import urlsplit

import pytest

from articles.factories import ArticleFactory
from tests.browser_support import browser_tests, screenshot

pytestmark = browser_tests


@pytest.mark.django_db(transaction=True)
def test_docs_page_runs_a_request_with_only_our_own_files(browser, live_server):
    ArticleFactory(headline="Harbour cranes work the night shift")
    own = urlsplit(live_server.url).netloc
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems, hosts = [], set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.on(
        "console",
        lambda message: message.type == "error" and problems.append(message.text),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    try:
        response = page.goto(f"{live_server.url}/api/docs/")
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.locator(".opblock-summary-path", has_text="/api/articles/").first.wait_for()
        operation = page.locator("#operations-articles-articles_api_routes_articles_article_list")
        operation.locator(".opblock-summary").click()
        operation.get_by_role("button", name="Try it out").click()
        operation.get_by_role("button", name="Execute").click()
        # The server's answer, not the documented responses below it.
        live = operation.locator(".live-responses-table")
        live.wait_for()
        assert live.locator("tbody .response-col_status").first.inner_text().strip() == "200"
        assert "Harbour cranes work the night shift" in live.inner_text()
        screenshot(page, "api-docs")
    finally:
        context.close()
    assert hosts - {own, ""} == set(), "the docs page loaded from another site"
    assert problems == []
