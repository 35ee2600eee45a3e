"""What the stages pass between them: the run's shared tools, one outlet's scrape, one URL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from types import ModuleType

from django.utils import timezone

from ..fetching.articles import Article
from ..fetching.dedupe import NearDuplicateIndex
from ..fetching.feeds import FeedEntry
from ..fetching.http import Fetcher, FetchResult
from ..fetching.urls import canonical_url
from ..linking import Linker
from ..models import NewsItem, Outlet, UrlRecord
from .counts import Summary
from .settings import ScraperSettings

__all__ = ["MAX_URL", "OutletScrape", "ScrapeContext", "UrlJob", "canonical_or_raw",
           "local_date"]

#: the longest canonical address kept; longer ones are rejected
MAX_URL = 1000


@dataclass
class ScrapeContext:
    """One run's settings and tools. The linker and the near-duplicate index are built on
    first use, once per run."""

    settings: ScraperSettings
    fetcher: Fetcher
    progress: Callable[[str], None]
    since: dt.date | None = None
    limit: int | None = None
    given_linker: Linker | None = None

    @cached_property
    def linker(self) -> Linker:
        if self.given_linker is not None:
            return self.given_linker
        return Linker.from_db(threshold=self.settings.suggestion_threshold)

    @cached_property
    def dupes(self) -> NearDuplicateIndex:
        index = NearDuplicateIndex()
        since = timezone.now() - dt.timedelta(days=self.settings.dedupe_window_days)
        recent = NewsItem.objects.filter(first_seen_at__gte=since).values_list("pk", "text")
        for pk, text in recent.iterator():
            index.add(pk, text)
        return index


@dataclass
class OutletScrape:
    """One outlet in one run: its adapter, its counts, the addresses met so far."""

    outlet: Outlet
    adapter: ModuleType | None
    counts: Summary
    #: story pages fetched so far, against the run's --limit
    fetched: int = 0
    #: canonical addresses already handled in this run
    seen: set[str] = field(default_factory=set)


@dataclass
class UrlJob:
    """One URL on its way through the stages; each stage fills in what it learns."""

    scrape: OutletScrape
    link: str
    #: the feed or listing entry that named the URL (None for retries and refreshes)
    entry: FeedEntry | None
    now: dt.datetime = field(default_factory=timezone.now)
    canonical: str = ""
    #: the URL's record from earlier runs, locked for this job's transaction
    record: UrlRecord | None = None
    #: a stored story fetched again to look for edits
    refresh: bool = False
    #: whether a page was fetched for this URL (counted against --limit)
    fetched: bool = False
    result: FetchResult | None = None
    article: Article | None = None
    encoding: str = ""
    #: the story's own canonical address (may differ from the URL's, after redirects)
    item_canonical: str = ""

    @property
    def outlet(self) -> Outlet:
        return self.scrape.outlet

    @property
    def counts(self) -> Summary:
        return self.scrape.counts

    @property
    def attempts(self) -> int:
        """Attempts recorded for this URL before this job."""
        return self.record.attempts if self.record else 0


def canonical_or_raw(link: str) -> str:
    """The canonical form of ``link``, or the raw address (cut) when it has none."""
    try:
        return canonical_url(link)[:MAX_URL]
    except ValueError:
        return (link or "").strip()[:MAX_URL] or "(empty)"


def local_date(value: dt.datetime) -> dt.date:
    """The site's local date of a moment (a naive one is taken as UTC)."""
    if timezone.is_naive(value):
        value = timezone.make_aware(value, dt.UTC)
    return timezone.localtime(value).date()
