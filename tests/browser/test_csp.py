"""No page breaks under the Content-Security-Policy (issue 10, item 6): Chromium loads the
public pages (autocomplete typing included) and a Wagtail edit page, and any CSP violation
(a `securitypolicyviolation` event or a console error about the policy) fails the test."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from places.models import SettlementPage
from promises.models import PromiseIndexPage, PromisePage

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]

COLLECT_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""


@pytest.fixture
def watched_page(browser):
    """A browser page recording CSP violations: (page, violations())."""
    context = browser.new_context()
    context.add_init_script(COLLECT_VIOLATIONS)
    page = context.new_page()
    console_errors = []
    page.on("console", lambda message: console_errors.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text else None)

    def violations():
        return page.evaluate("window.cspViolations") + console_errors

    yield page, violations
    context.close()


@pytest.fixture
def seeded_server(live_server):
    call_command("load_seed", "--no-translations", verbosity=0)
    return live_server


def test_public_pages_run_under_the_policy(seeded_server, watched_page):
    page, violations = watched_page
    urls = [
        "/",
        PromiseIndexPage.objects.get(locale__language_code="en").url,
        PromisePage.objects.live().first().url,
        SettlementPage.objects.live().get(title="Ak-Jar").url,
    ]
    for url in urls:
        response = page.goto(seeded_server.url + url)
        assert "default-src 'self'" in response.headers["content-security-policy"]
        assert violations() == [], url

    page.goto(seeded_server.url + "/search/?q=water")
    # the search page's own box: it stands in for the header's there
    with page.expect_response(lambda response: "/search/autocomplete/" in response.url):
        page.locator("#search-page-q").fill("")
        page.locator("#search-page-q").press_sequentially("Ak-J", delay=50)
    assert page.locator("datalist option").count() > 0
    assert violations() == []


def test_a_wagtail_edit_page_runs_under_the_admin_policy(seeded_server, watched_page):
    get_user_model().objects.create_superuser("boss", "boss@example.org", "right-pw")
    page, violations = watched_page
    page.goto(seeded_server.url + "/admin/login/")
    page.fill("input[name=username]", "boss")
    page.fill("input[name=password]", "right-pw")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(seeded_server.url + "/admin/")

    promise = PromisePage.objects.live().first()
    page.goto(f"{seeded_server.url}/admin/pages/{promise.pk}/edit/")
    page.wait_for_load_state("networkidle")
    assert page.locator("input[name=title]").input_value() == promise.title
    assert violations() == []
