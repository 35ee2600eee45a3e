"""Archived news stories for the security tests (the seed has none)."""

from django.utils import timezone

from scrapers.models import NewsItem, NewsItemVersion, Outlet
from sources.models import Source


def news_story(url="https://okraina.example/news/1", *, cited=True, slug="okraina-security"):
    """A stored news story at `url` with one archived version; public when `cited` (only
    stories cited as sources are shown to the public). Made with .create(), as the scrapers
    make them: model validators do not run."""
    outlet, _created = Outlet.objects.get_or_create(
        slug=slug, defaults={"name": "Okraina", "home_page": "https://okraina.example/",
                             "feed_urls": "https://okraina.example/rss"})
    source = Source.objects.create(kind="news", title="Ak-Jar waits for water",
                                   url="https://okraina.example/news/1") if cited else None
    now = timezone.now()
    item = NewsItem.objects.create(
        outlet=outlet, canonical_url=url, url=url, title="Ak-Jar waits for water",
        text="Residents of Ak-Jar asked the city again for running water.",
        first_seen_at=now, last_fetched_at=now, source=source,
    )
    NewsItemVersion.objects.create(item=item, number=1, raw=b"", raw_sha256="0" * 64,
                                   raw_size=0, title=item.title, text=item.text, html="",
                                   fetched_at=now, final_url=url, http_status=200)
    return item
