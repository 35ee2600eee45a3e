"""The map of a settlement on a phone: drawn under the Content-Security-Policy over the text
of its location, at most 100 KB with Leaflet, and only text without JavaScript."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from places.models import SettlementPage
from sources.models import Source
from tests.browser.conftest import WAIT_MS
from tests.browser.measure import AXE, MAX_PAGE_BYTES, WeightMeter, axe_violations
from tests.browser.test_csp import COLLECT_VIOLATIONS

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def mapped_settlement(live_server, settings):
    """Ak-Jar from the seed, given approximate coordinates (the seed has none), on a site whose
    tile server is itself: every tile is the favicon, standing in for a real one."""
    if not AXE.exists():
        pytest.skip(f"{AXE} is missing: `make node_modules` installs axe-core")
    call_command("load_seed", "--no-translations", verbosity=0)
    settings.MAP_TILE_URL = live_server.url + "/static/img/favicon.svg?{z}/{x}/{y}"
    settings.MAP_TILE_ATTRIBUTION = "© Test tiles"
    settlement = SettlementPage.objects.get(slug="ak-jar", locale__language_code="en")
    SettlementPage.objects.filter(pk=settlement.pk).update(
        latitude=Decimal("42.8221"), longitude=Decimal("74.5205"),
        location_precision="approximate", location_source=Source.objects.first())
    return live_server.url + settlement.url


def new_page(browser, **options):
    context = browser.new_context(viewport={"width": 360, "height": 740}, **options)
    context.set_default_timeout(WAIT_MS)
    return context.new_page()


def test_the_map_is_drawn_light_accessible_and_under_the_policy(browser, mapped_settlement):
    page = new_page(browser)
    page.context.add_init_script(COLLECT_VIOLATIONS)
    weights = WeightMeter(page).weigh(page, mapped_settlement)
    expect(page.locator("#place-map .leaflet-interactive")).to_have_count(1)
    expect(page.locator("#place-map .leaflet-tile-loaded").first).to_be_attached()
    assert page.evaluate("window.cspViolations") == []
    assert any("leaflet.js" in url for url in weights)
    assert sum(weights.values()) <= MAX_PAGE_BYTES, weights
    assert axe_violations(page) == []
    page.context.close()


def test_without_javascript_the_location_is_text(browser, mapped_settlement):
    page = new_page(browser, java_script_enabled=False)
    page.goto(mapped_settlement)
    facts = page.locator("section[aria-labelledby=facts]")
    expect(facts).to_contain_text("42.8221, 74.5205 (approximate)")
    expect(page.locator("#place-map")).to_be_hidden()
    page.context.close()
