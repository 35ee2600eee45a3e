"""Bounded text fields in the admin count their characters while the editor types (Chromium)."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.factories import PromisePageFactory, home

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def signed_in(live_server, browser):
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


def test_the_quote_counts_its_characters_and_a_long_paste_is_not_cut(live_server, signed_in):
    promise = PromisePageFactory(quote="We will build a school.")
    page = signed_in
    page.goto(f"{live_server.url}/admin/pages/{promise.pk}/edit/")
    count = page.locator("#id_quote-character-count")
    expect(count).to_have_text("23/3000")

    quote = page.locator("#id_quote")
    quote.fill("ш" * 3001)
    expect(quote).to_have_value("ш" * 3001)  # not cut at the limit: the server says why
    expect(count).to_have_text("3001/3000")
    expect(count).to_have_class("w-help-text w-tabular-nums ubada-character-count "
                                "w-text-critical-200")
