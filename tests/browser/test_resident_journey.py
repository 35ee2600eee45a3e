"""A resident on a small phone: home page → their settlement → one promise made to it."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def seeded_server(live_server):
    call_command("load_seed", verbosity=0)
    return live_server


def test_resident_follows_their_settlement_to_a_promise(seeded_server, phone):
    phone.goto(seeded_server.url + "/")
    expect(phone.locator("h1").first).to_be_visible()

    phone.get_by_role("link", name="Ak-Jar", exact=True).first.click()
    # the next page's heading, not the one still on screen while the click navigates
    expect(phone.locator("h1")).to_have_text("Ak-Jar")
    body = phone.locator("main").inner_text()
    assert "Ак-Жар" in body  # the name residents use, shown beside the official one
    assert "15,000" in body or "15 000" in body or "15000" in body

    phone.get_by_role("link", name="Electricity and water for Ak-Jar", exact=True).first.click()
    expect(phone.locator("h1")).to_have_text("Electricity and water for Ak-Jar")
    main = phone.locator("main").inner_text()
    assert "November 2010" in main  # made: known only to the month, shown that way
    assert "Broken" in main
    assert "Bishkek city administration" in main
    assert "/record/" in main  # the "cite this" permalink

    # Fits a 360 px screen: nothing scrolls sideways.
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360


def test_pages_switch_to_russian(seeded_server, phone):
    phone.goto(seeded_server.url + "/ru/")
    expect(phone.locator("html")).to_have_attribute("lang", "ru")
