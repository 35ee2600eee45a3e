"""The extract stage: a feed entry's own date beats a date htmldate guessed from the page, but not
a date the page states."""

from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest

from scrapers.fetching.feeds import FeedEntry
from scrapers.fetching.http import FetchResult, Outcome
from scrapers.models import Outlet
from scrapers.pipeline.extract import extract
from scrapers.pipeline.job import UrlJob

PAGES = Path(__file__).parent / "regression"
FEED_DATE = datetime(2024, 5, 20, 9, 0, tzinfo=UTC)


def _job(page):
    url = f"https://news.example.org/{page}"
    result = FetchResult(outcome=Outcome.OK, url=url, final_url=url, status=200,
                         body=(PAGES / page).read_bytes(),
                         headers={"content-type": "text/html; charset=utf-8"})
    scrape = SimpleNamespace(outlet=Outlet(name="Example", slug="example", languages="ru,ky,kk"),
                             adapter=None)
    job = UrlJob(scrape=scrape, link=url, entry=FeedEntry(link=url, published=FEED_DATE))
    job.result = result
    return job


@pytest.mark.parametrize(("page", "day", "method"), [
    ("kk_sidebar_content.html", FEED_DATE.date(), "feed"),  # the page's date is htmldate's guess
    ("ru_page_banner.html", datetime(2024, 3, 12).date(), "text"),  # the page states its date
])
def test_the_feed_date_replaces_only_a_guessed_date(page, day, method):
    job = _job(page)
    ctx = SimpleNamespace(settings=SimpleNamespace(min_text_chars=10))
    assert extract(ctx, job)
    assert job.article.published.date() == day
    assert job.article.date_method == method
