import os
import shutil

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect, sync_playwright

from tests.factories import home

# Every transactional test (these, with their live server, and the SMTP alert test) asks for
# serialized_rollback: it starts from the database as migrations left it (Wagtail's groups and
# moderation workflow included), and its flush at teardown re-creates no content types, which
# would otherwise collide with the next such test's restore (pytest-django runs transactional
# tests after all the others).
CHROMIUM = "/usr/bin/chromium"
# How long a page, an action or an `expect` may take: Playwright's 5 s for `expect` is short for
# a machine busy with other jobs. The tests wait for what they look for, never a fixed time.
WAIT_MS = 60_000
# Closed network here: keep Chromium from reaching out at start-up.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing: `make browser` installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} is missing (make browser installs it)")
    # Playwright's sync API runs an event loop in this thread; Django must allow the ORM here.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    expect.set_options(timeout=WAIT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def phone(browser):
    """A page in a small, cheap-phone-sized viewport."""
    context = browser.new_context(viewport={"width": 360, "height": 640}, locale="ru-RU")
    context.set_default_timeout(WAIT_MS)
    context.set_default_navigation_timeout(WAIT_MS)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def admin_page(live_server, browser):
    """A page signed in to the admin as a superuser, on a site with its home page."""
    home()
    get_user_model().objects.create_superuser("boss", "boss@example.org", "right-pw")
    context = browser.new_context()
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "boss")
    page.fill("input[name=password]", "right-pw")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(live_server.url + "/admin/")
    yield page
    context.close()
