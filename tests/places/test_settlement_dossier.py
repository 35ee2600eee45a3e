"""The settlement page a resident opens: its promises first, dates as the reader writes them,
and what it carries for the printed dossier (issue 11)."""

import re
from html import unescape

import pytest
from django.utils import timezone, translation

from core.partial_dates import PartialDate, sort_key
from places.models import SettlementPage
from promises.models import PromisePage


@pytest.fixture(autouse=True)
def english_afterwards():
    """A request to /ru/ leaves Russian active in this thread: give later tests English back."""
    with translation.override("en"):
        yield


def html_of(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def ak_jar(seeded):
    return SettlementPage.objects.get(slug="ak-jar", locale__language_code="en")


def test_the_promises_and_their_status_come_before_the_history(ak_jar, client):
    html = html_of(client, ak_jar.url)
    first_status = html.index('<span class="badge badge-', html.index('id="promises"'))
    assert html.index("<h1>Ak-Jar</h1>") < html.index('class="kind"') < first_status
    for later in ('id="about"', 'id="facts"', 'id="timeline"', 'id="by-status"'):
        assert first_status < html.index(later), later
    summary = ak_jar.summary.split("</p>")[0]
    assert first_status < html.index(summary)  # the history paragraph comes after
    live = PromisePage.objects.live().filter(settlements=ak_jar, locale=ak_jar.locale)
    scorecard = html[html.index('id="scorecard"'):html.index('id="promises"')]
    assert f"{live.count()} promises recorded." in scorecard
    broken = live.filter(status="broken").count()
    assert re.search(rf'badge-broken">Broken</span> {broken}<', scorecard)


def test_the_timeline_is_in_true_order_and_says_when_a_month_is_not_known(ak_jar, client):
    html = html_of(client, ak_jar.url)
    timeline = html[html.index('<ol class="timeline">'):]
    dates = re.findall(r'<time datetime="([0-9-]+)">', timeline)
    assert len(dates) > 9 and any(len(date) == 4 for date in dates)
    assert dates == sorted(dates, key=sort_key)
    assert "2011, month not known" in timeline


def test_dates_on_the_russian_page_are_lower_case_with_one_full_stop(ak_jar, client):
    html = html_of(client, "/ru" + ak_jar.url)
    text = unescape(re.sub(r"<[^>]+>", "", html))
    assert "данные на март 2005 г." in text  # the legal status "as of March 2005"
    assert "г.." not in text and "ж.." not in text
    shown = re.findall(r"<time datetime=\"[^\"]+\">([^<]+)</time>", html)
    assert shown and not [date for date in shown if re.search(r"[А-ЯЁ]", date)]


def test_a_year_end_deadline_reads_end_of_the_year(seeded, client):
    triangle = PromisePage.objects.get(
        slug="astana-triangle-legalisation-2012", locale__language_code="en")
    assert "end of 2012" in html_of(client, triangle.url)
    assert "конец 2012 года" in html_of(client, "/ru" + triangle.url)
    assert '<time datetime="2012-12-31">' in html_of(client, triangle.url)


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_the_print_footer_links_to_the_page_in_the_readers_language(ak_jar, client, language):
    html = html_of(client, f"/{language}{ak_jar.url}")
    address = f"http://testserver/{language}{ak_jar.url}"
    footer = html[html.index('class="print-only printed"'):]
    assert re.search(r'<svg [^>]*role="img" aria-label="[^"]*' + re.escape(address), footer)
    assert f'<span class="address">{address}</span>' in footer
    with translation.override(language):
        today = PartialDate.from_date(timezone.localdate()).display()
    assert today in unescape(footer)


def test_every_promise_lists_its_sources_with_an_address_for_paper(ak_jar, client):
    html = html_of(client, "/ru" + ak_jar.url)
    rows = html.split('<li class="promise-row">')[1:]
    assert len(rows) == PromisePage.objects.live().filter(
        settlements=ak_jar, locale=ak_jar.locale).count()
    for row in rows:
        sources = row[row.index('<p class="sources print-only" hidden>'):].split("</p>")[0]
        assert re.search(r'<a href="(https?://[^"]+)">', sources), row[:200]
