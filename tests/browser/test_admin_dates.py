"""While an editor types a date in the admin, the form says what it understood (Chromium)."""

import pytest
from playwright.sync_api import expect

from tests.factories import PromisePageFactory

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_made_on_field_says_what_was_typed(live_server, admin_page):
    promise = PromisePageFactory(made="2010-11")
    page = admin_page
    page.goto(f"{live_server.url}/admin/pages/{promise.pk}/edit/")
    understood = page.locator("#id_made-understood")
    expect(understood).to_have_text("November 2010, month precision")

    made = page.locator("#id_made")
    made.fill("")
    made.press_sequentially("март 2013")
    expect(understood).to_have_text("March 2013, month precision")

    made.fill("2013-13")
    expect(understood).to_contain_text("There is no month 13")

    made.fill("by the end of September 2013")  # longer than the stored form's 10 characters
    expect(made).to_have_value("by the end of September 2013")
    expect(understood).to_have_text("September 2013, month precision")

    made.fill("")
    expect(understood).to_contain_text("Type it as the source gives it")
