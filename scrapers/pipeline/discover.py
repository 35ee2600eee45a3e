"""Stage 1, discover: the story addresses of an outlet, from its adapter, feeds and listing
pages, and the addresses due again (retries, recent stories to check for edits)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from urllib.parse import urljoin

from bs4 import BeautifulSoup
from django.utils import timezone

from ..fetching.decoding import decode_html
from ..fetching.feeds import FeedEntry, parse_feed
from ..fetching.http import FetchResult, Outcome
from ..fetching.urls import canonical_url
from ..models import NewsItem, Outlet, UrlRecord, UrlState
from .job import OutletScrape, ScrapeContext

__all__ = ["Discovery", "discover", "due_again"]

log = logging.getLogger(__name__)


@dataclass
class Discovery:
    """What an outlet lists: entries newest first, one per canonical address."""

    entries: list[FeedEntry] = field(default_factory=list)
    #: feed URL → its ETag and Last-Modified, for conditional requests next time
    feed_state: dict = field(default_factory=dict)
    #: feeds and listing pages read (or unchanged)
    ok_sources: int = 0
    errors: list[str] = field(default_factory=list)


def discover(ctx: ScrapeContext, scrape: OutletScrape) -> Discovery:
    found = Discovery(feed_state=dict(scrape.outlet.feed_state or {}))
    custom = getattr(scrape.adapter, "discover", None)
    listed = custom(scrape.outlet, ctx.fetcher) if custom else None
    if listed is not None:
        found.entries, found.ok_sources = list(listed), 1
    else:
        for url in scrape.outlet.feed_list():
            _read_feed(ctx, scrape, url, found)
        for url in scrape.outlet.listing_list():
            _read_listing(ctx, scrape, url, found)
    found.entries = _unique_newest_first(scrape, found.entries)
    return found


def _read_feed(ctx: ScrapeContext, scrape: OutletScrape, url: str, found: Discovery) -> None:
    validators = found.feed_state.get(url, {})
    result = ctx.fetcher.fetch(url, etag=validators.get("etag"),
                               last_modified=validators.get("last_modified"))
    if result.outcome is Outcome.NOT_MODIFIED:
        found.ok_sources += 1
        return
    if not result.ok:
        found.errors.append(f"feed {url}: {result.outcome.value}: {result.error}")
        scrape.counts.failures[f"feed_{result.outcome.value}"] += 1
        return
    feed = parse_feed(result.body, result.final_url, result.content_type)
    if not feed.entries and (feed.bozo or not feed.version):
        found.errors.append(f"feed {url}: not a readable feed: {feed.error}")
        scrape.counts.failures["feed_unreadable"] += 1
        return
    if feed.bozo:
        log.warning("feed %s is malformed (%s); %d entries recovered",
                    url, feed.error, len(feed.entries))
    found.ok_sources += 1
    found.entries.extend(feed.entries)
    found.feed_state[url] = {"etag": result.etag or "",
                             "last_modified": result.last_modified or ""}


def _read_listing(ctx: ScrapeContext, scrape: OutletScrape, url: str,
                  found: Discovery) -> None:
    result = ctx.fetcher.fetch(url)
    if not result.ok:
        found.errors.append(f"listing {url}: {result.outcome.value}: {result.error}")
        scrape.counts.failures[f"listing_{result.outcome.value}"] += 1
        return
    found.ok_sources += 1
    found.entries.extend(listing_entries(scrape.outlet, result))


def listing_entries(outlet: Outlet, result: FetchResult) -> list[FeedEntry]:
    """The story links of a listing page, found with the outlet's link selector."""
    html, _encoding = decode_html(result.body, result.content_type)
    soup = BeautifulSoup(html, "lxml")
    try:
        links = soup.select(outlet.listing_link_selector)
    except Exception:  # a bad selector is reported, not fatal
        log.warning("outlet %s: bad link selector %r", outlet.slug,
                    outlet.listing_link_selector)
        return []
    entries = []
    for link in links:
        href = link.get("href") if link.name == "a" else None
        if href is None:
            anchor = link.find("a", href=True)
            href = anchor.get("href") if anchor else None
        if href:
            entries.append(FeedEntry(link=urljoin(result.final_url, str(href)),
                                     title=" ".join(link.get_text(" ").split())))
    return entries


def _unique_newest_first(scrape: OutletScrape, entries: list[FeedEntry]) -> list[FeedEntry]:
    """The entries the adapter keeps, the first of each canonical address, newest first."""
    keep = getattr(scrape.adapter, "keep_entry", None)
    unique: dict[str, FeedEntry] = {}
    for entry in entries:
        if keep and not keep(entry):
            continue
        try:
            key = canonical_url(entry.link)
        except ValueError:
            key = entry.link
        unique.setdefault(key, entry)
    return sorted(unique.values(), key=_newest_first)


def _newest_first(entry: FeedEntry) -> float:
    return -entry.published.timestamp() if entry.published else float("inf")


def due_again(ctx: ScrapeContext, scrape: OutletScrape) -> list[str]:
    """Retries that are due, then recent stories to check for edits, even if no longer
    listed (minus the addresses already handled in this run)."""
    now = timezone.now()
    settings = ctx.settings
    retries = UrlRecord.objects.filter(
        outlet=scrape.outlet, state=UrlState.RETRY, retry_after__lte=now
    ).exclude(canonical_url__in=scrape.seen).order_by("retry_after")
    recent = NewsItem.objects.filter(
        outlet=scrape.outlet, first_seen_at__gte=now - settings.refresh_window,
        last_fetched_at__lte=now - settings.refresh_after,
    ).exclude(canonical_url__in=scrape.seen).order_by("first_seen_at")
    return [*retries.values_list("url", flat=True), *recent.values_list("url", flat=True)]
