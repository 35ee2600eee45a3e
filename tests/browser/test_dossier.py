"""The settlement page in Chromium: its first promise on a phone's first screen, and printed on A4
as a dossier (every promise, source addresses, a QR code, numbers that keep both digits)."""

import io
import re
import unicodedata

import pytest
from django.core.management import call_command
from playwright.sync_api import expect
from pypdf import PdfReader

from places.models import SettlementPage

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def ak_jar_russian(live_server):
    call_command("load_seed", verbosity=0)
    ak_jar = SettlementPage.objects.get(slug="ak-jar", locale__language_code="en")
    return live_server.url + "/ru" + ak_jar.url


@pytest.fixture
def first_screen(browser):
    """A cheap phone's whole screen: 360 by 740 CSS pixels."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="ru-RU")
    context.set_default_timeout(60_000)
    page = context.new_page()
    yield page
    context.close()


def test_the_first_promise_status_is_on_the_first_screen(ak_jar_russian, first_screen):
    first_screen.goto(ak_jar_russian)
    badge = first_screen.locator(".promise-row .badge").first
    expect(badge).to_be_visible()
    box = badge.bounding_box()
    assert box["y"] + box["height"] <= 740, box
    scorecard = first_screen.locator(".status-counts").first.bounding_box()
    assert scorecard["y"] < box["y"]


def test_the_printed_page_is_a_dossier(ak_jar_russian, first_screen):
    page = first_screen
    page.goto(ak_jar_russian)
    headings = page.locator(".promise-row h3").all_inner_texts()
    titles = [" ".join(title.split()) for title in headings]
    assert len(titles) >= 5
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=False)))
    # NFKC: the PDF's text has ligatures ("ﬃ" in "officials")
    text = unicodedata.normalize("NFKC", "\n".join(sheet.extract_text() for sheet in pdf.pages))
    flat = " ".join(text.split())
    for title in titles:
        assert title in flat, title
    joined = re.sub(r"\s+", "", text)  # an address may wrap at any character on paper
    assert "(http://testserver/ru/sources/" in joined  # a source's address, spelled out
    assert "http://testserver/ru/bishkek/ak-jar/" in joined  # the QR code's address
    assert "Страницасоздана:" in joined
    # The citation's address once: it is the link's text, not added again after it.
    cite = re.sub(r"\s+", "", page.locator(".citation a").inner_text())
    assert joined.count(cite) == 1
    # Navigation, search and the follow box stay off paper.
    page.emulate_media(media="print")
    for hidden in (".site-header nav", ".site-header form", ".follow", ".site-footer"):
        expect(page.locator(hidden).first).to_be_hidden()
    qr = page.locator("svg.qr")
    expect(qr).to_be_visible()
    assert qr.bounding_box()["width"] >= 100
    assert "http://testserver/ru/bishkek/ak-jar/" in qr.get_attribute("aria-label")


def test_printed_list_numbers_keep_both_digits(ak_jar_russian, first_screen):
    page = first_screen
    page.goto(ak_jar_russian)
    page.emulate_media(media="print")
    items = page.locator("ol.timeline > li").count()
    assert items >= 10
    # The markers sit in the list's left padding: it must hold the widest number, "NN.".
    room, needed = page.evaluate("""() => {
        const list = document.querySelector('ol.timeline');
        const item = list.querySelector('li');
        const style = getComputedStyle(item);
        const context = document.createElement('canvas').getContext('2d');
        context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const widest = `${list.children.length}. `;
        return [parseFloat(getComputedStyle(list).paddingLeft), context.measureText(widest).width];
    }""")
    assert room >= needed, (room, needed)
