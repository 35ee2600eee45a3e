"""The API's docs page works offline and under the site's Content-Security-Policy: Chromium
renders Swagger UI from the site's own static files, lists the operations from the OpenAPI
description, runs one, and asks no other host for anything."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_csp import COLLECT_VIOLATIONS

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_docs_page_lists_the_operations_from_the_site_alone(live_server, browser):
    context = browser.new_context()
    context.add_init_script(COLLECT_VIOLATIONS)
    page = context.new_page()
    elsewhere = []
    page.on("request", lambda request: elsewhere.append(request.url)
            if not request.url.startswith((live_server.url, "data:")) else None)

    page.goto(f"{live_server.url}/api/v1/docs")

    expect(page.get_by_text("Ubada API").first).to_be_visible()
    expect(page.locator(".opblock-summary-path", has_text="/api/v1/promises").first
           ).to_be_visible()
    page.locator(".opblock-summary-path", has_text="/api/v1/cities").first.click()
    page.get_by_role("button", name="Try it out").click()
    with page.expect_response(lambda response: "/api/v1/cities" in response.url) as answer:
        page.get_by_role("button", name="Execute").click()
    assert answer.value.status == 200
    assert page.evaluate("window.cspViolations") == []
    assert elsewhere == []
    context.close()
