"""The public pages on a cheap phone in all four languages (issue 11): no accessibility
violations (axe-core), nothing scrolls sideways at 320 px, the first result of a search and of
the promise list on the first screen at 360x740, at most 100 KB per page, and a favicon.

One seeded site and one browser page per language: each test walks every page and reports all
that is wrong at once."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import WAIT_MS
from tests.browser.measure import AXE, MAX_PAGE_BYTES, WeightMeter, axe_violations
from tests.factories import home

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LANGUAGE_PREFIXES = ["", "/ru", "/ky", "/kk"]
PAGES = {
    "home": "/",
    "promise list": "/promises/",
    "promise": "/promises/bishkek-ak-jar-electricity-water-2010/",
    "settlement": "/bishkek/ak-jar/",
    "city": "/bishkek/",
    "person": "/people/atambaev/",
    "body": "/bodies/bishkek-city-administration/",
    "methodology": "/methodology/",
    "search": "/search/?q=Ak-Jar",
    "sources": "/sources/",
}
# The first item of these lists must be on a 360x740 screen without scrolling.
FIRST_ITEMS = {"/search/?q=Ak-Jar": ".search-hit h3", "/promises/": ".promise-row h3"}


@pytest.fixture
def seeded_server(live_server):
    if not AXE.exists():
        pytest.skip(f"{AXE} is missing: `make node_modules` installs axe-core")
    call_command("load_seed", verbosity=0)
    return live_server


@pytest.fixture
def narrow_page(browser):
    """A 320 px wide page: the narrowest phones."""
    context = browser.new_context(viewport={"width": 320, "height": 740})
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    yield page
    context.close()


def problems_of(page, url, weights):
    """What is wrong with the page loaded at `url` at 320 px."""
    problems = []
    scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
    if scroll_width > page.evaluate("innerWidth"):
        problems.append(f"{url}: scrolls sideways ({scroll_width} px wide)")
    total = sum(weights.values())
    if total > MAX_PAGE_BYTES:
        problems.append(f"{url}: weighs {total} bytes: {weights}")
    problems += [f"{url}: {violation}" for violation in axe_violations(page)]
    return problems


def first_items_off_screen(page, base_url):
    """The lists whose first item a 360x740 screen does not show in full without scrolling."""
    page.set_viewport_size({"width": 360, "height": 740})
    late = []
    for path, selector in FIRST_ITEMS.items():
        page.goto(base_url + path)
        first = page.locator(selector).first
        expect(first).to_be_visible()
        box = first.bounding_box()
        if box["y"] + box["height"] > 740:
            late.append(f"{base_url}{path}: the first item ends at {box['y'] + box['height']} px")
    page.set_viewport_size({"width": 320, "height": 740})
    return late


def test_every_page_fits_a_phone_in_every_language(seeded_server, narrow_page):
    """One seeded site for the four languages (seeding is the slow part): every problem of
    every page is collected, then reported at once."""
    meter = WeightMeter(narrow_page)
    problems = []
    for prefix in LANGUAGE_PREFIXES:
        for path in PAGES.values():
            url = seeded_server.url + prefix + path
            weights = meter.weigh(narrow_page, url)
            expect(narrow_page.locator("h1").first).to_be_visible()
            problems += problems_of(narrow_page, url, weights)
        problems += first_items_off_screen(narrow_page, seeded_server.url + prefix)
    assert problems == []


def test_the_site_has_a_favicon(live_server, narrow_page):
    home()
    response = narrow_page.request.get(live_server.url + "/favicon.ico")
    assert response.status == 200
    assert response.headers["content-type"] == "image/x-icon"
    assert response.body()[:4] == b"\x00\x00\x01\x00"  # the ICO signature

    narrow_page.goto(live_server.url + "/ru/")
    icon = narrow_page.locator('link[rel="icon"][type="image/svg+xml"]')
    svg = narrow_page.request.get(live_server.url + icon.get_attribute("href"))
    assert svg.status == 200
    assert b"<svg" in svg.body()
