"""Bounded text fields in the admin count their characters while the editor types (Chromium)."""

import pytest
from playwright.sync_api import expect

from tests.factories import PromisePageFactory

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_quote_counts_its_characters_and_a_long_paste_is_not_cut(live_server, admin_page):
    promise = PromisePageFactory(quote="We will build a school.")
    page = admin_page
    page.goto(f"{live_server.url}/admin/pages/{promise.pk}/edit/")
    count = page.locator("#id_quote-character-count")
    expect(count).to_have_text("23/3000")

    quote = page.locator("#id_quote")
    quote.fill("ш" * 3001)
    expect(quote).to_have_value("ш" * 3001)  # not cut at the limit: the server says why
    expect(count).to_have_text("3001/3000")
    expect(count).to_have_class("w-help-text w-tabular-nums ubada-character-count "
                                "w-text-critical-200")
