"""The scraping pipeline: feeds → story pages → archive → duplicates → links to promises.

Every URL met ends in exactly one recorded state (:class:`~scrapers.models.UrlRecord`):

* ``stored``: a new :class:`~scrapers.models.NewsItem` (or a new version of one);
* ``duplicate``: of an existing item, by the same canonical address (after redirects or a
  ``<link rel=canonical>``) or by near-duplicate text;
* ``rejected``: with the fetch outcome or the pipeline check as reason (``http_error``,
  ``robots_disallowed``, ``bad_content_type``, ``no_text``, ``older_than_since``...);
* ``retry``: with ``retry_after`` (timeouts, connection errors, 429, 5xx; and stories over
  ``--limit``, ``deferred`` to the next run).

A rerun fetches nothing already stored, duplicated or finally rejected; stored stories still
in a feed are fetched again only after ``SCRAPER_REFRESH_AFTER_HOURS`` and while younger than
``SCRAPER_REFRESH_WINDOW_DAYS``, with a conditional GET; an edit with different text becomes a
new version. One outlet failing never stops the others.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .adapters import load_adapter
from .fetching.articles import Article, extract_article
from .fetching.decoding import decode_html
from .fetching.dedupe import NearDuplicateIndex, normalise_text
from .fetching.feeds import FeedEntry, parse_feed
from .fetching.http import Fetcher, FetchResult, Outcome
from .fetching.urls import canonical_url
from .linking import Linker
from .models import (
    LANGUAGE_CODES,
    DuplicateKind,
    NewsItem,
    NewsItemVersion,
    Outlet,
    ScrapeRun,
    Suggestion,
    UrlRecord,
    UrlState,
    compress,
    sha256,
)

log = logging.getLogger(__name__)

__all__ = ["Pipeline", "ScrapeLocked", "Summary", "make_fetcher", "run_scrape"]

#: Rejections that are looked at again on the next run (they depend on the run's options).
RECONSIDERED = frozenset({"older_than_since"})
RETRYABLE = frozenset({Outcome.RETRY_LATER, Outcome.TIMEOUT, Outcome.CONNECTION_ERROR})
RETRYABLE_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
MAX_URL = 1000


def _setting(name: str, default: Any) -> Any:
    return getattr(settings, name, default)


def make_fetcher() -> Fetcher:
    """A Fetcher configured from the SCRAPER_* settings."""
    return Fetcher(
        _setting("SCRAPER_CONTACT_URL", "") or settings.WAGTAILADMIN_BASE_URL,
        allow_loopback=_setting("SCRAPER_ALLOW_LOOPBACK", False),
        connect_timeout=_setting("SCRAPER_CONNECT_TIMEOUT", 10.0),
        read_timeout=_setting("SCRAPER_READ_TIMEOUT", 20.0),
        deadline=_setting("SCRAPER_DEADLINE", 60.0),
        max_bytes=_setting("SCRAPER_MAX_BYTES", 5 * 1024 * 1024),
        max_redirects=_setting("SCRAPER_MAX_REDIRECTS", 5),
        max_retries=_setting("SCRAPER_MAX_RETRIES", 2),
        backoff_base=_setting("SCRAPER_BACKOFF_BASE", 2.0),
        max_retry_wait=_setting("SCRAPER_MAX_RETRY_WAIT", 60.0),
        politeness_delay=_setting("SCRAPER_POLITENESS_DELAY", 2.0),
    )


@dataclass
class Summary:
    outlets: int = 0
    outlets_failed: list[str] = field(default_factory=list)
    urls: int = 0
    fetched: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    rejected: int = 0
    retries: int = 0
    deferred: int = 0
    known: int = 0
    waiting: int = 0
    suggestions: int = 0
    failures: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    def merge(self, other: Summary) -> None:
        for name in ("outlets", "urls", "fetched", "new", "updated", "unchanged", "duplicates",
                     "rejected", "retries", "deferred", "known", "waiting", "suggestions"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.outlets_failed.extend(other.outlets_failed)
        self.failures.update(other.failures)

    def as_dict(self) -> dict:
        data = {name: getattr(self, name) for name in (
            "outlets", "urls", "fetched", "new", "updated", "unchanged", "duplicates",
            "rejected", "retries", "deferred", "known", "waiting", "suggestions")}
        data["outlets_failed"] = list(self.outlets_failed)
        data["failures"] = dict(sorted(self.failures.items()))
        data["seconds"] = round(self.seconds, 2)
        return data

    def lines(self) -> list[str]:
        lines = [
            f"Outlets: {self.outlets} ({len(self.outlets_failed)} failed"
            + (f": {', '.join(self.outlets_failed)}" if self.outlets_failed else "") + ")",
            f"URLs met: {self.urls}; fetched: {self.fetched}; new: {self.new}; "
            f"updated: {self.updated}; unchanged: {self.unchanged}; "
            f"duplicates: {self.duplicates}; already known: {self.known}",
            f"Rejected: {self.rejected}; retries scheduled: {self.retries} "
            f"(+{self.deferred} deferred by --limit, {self.waiting} not yet due); "
            f"suggestions: {self.suggestions}",
        ]
        if self.failures:
            lines.append("Failures by reason: " + ", ".join(
                f"{reason}: {count}" for reason, count in sorted(self.failures.items())))
        else:
            lines.append("Failures by reason: none")
        lines.append(f"Time: {self.seconds:.1f} s")
        return lines


class ScrapeLocked(Exception):
    """Another run is still going."""


def _entry_key(entry: FeedEntry) -> tuple:
    published = entry.published.timestamp() if entry.published else float("-inf")
    return (-published,)


class Pipeline:
    """Scrape outlets. One instance per run: it holds the compiled linker and the
    near-duplicate index, built once on first use."""

    def __init__(
        self,
        *,
        fetcher: Fetcher | None = None,
        since: dt.date | None = None,
        limit: int | None = None,
        progress: Callable[[str], None] | None = None,
        linker: Linker | None = None,
    ) -> None:
        self.fetcher = fetcher or make_fetcher()
        self._own_fetcher = fetcher is None
        self.since = since
        if limit is None:
            limit = _setting("SCRAPER_MAX_ARTICLES_PER_OUTLET", 0) or None
        self.limit = limit
        self.progress = progress or (lambda message: None)
        self._linker = linker
        self._dupes: NearDuplicateIndex | None = None
        self.summary = Summary()
        self.min_text = _setting("SCRAPER_MIN_TEXT_CHARS", 150)
        self.dup_threshold = _setting("SCRAPER_NEAR_DUPLICATE_THRESHOLD", 0.9)
        self.retry_delay = _setting("SCRAPER_RETRY_DELAY_SECONDS", 3600)
        self.max_attempts = _setting("SCRAPER_MAX_ATTEMPTS", 5)
        self.refresh_after = dt.timedelta(hours=_setting("SCRAPER_REFRESH_AFTER_HOURS", 12))
        self.refresh_window = dt.timedelta(days=_setting("SCRAPER_REFRESH_WINDOW_DAYS", 3))

    def close(self) -> None:
        if self._own_fetcher:
            self.fetcher.close()

    # -- shared per run ----------------------------------------------------------------------

    @property
    def linker(self) -> Linker:
        if self._linker is None:
            self._linker = Linker.from_db()
        return self._linker

    @property
    def dupes(self) -> NearDuplicateIndex:
        if self._dupes is None:
            index = NearDuplicateIndex()
            since = timezone.now() - dt.timedelta(
                days=_setting("SCRAPER_DEDUPE_WINDOW_DAYS", 60)
            )
            for pk, text in NewsItem.objects.filter(first_seen_at__gte=since).values_list(
                "pk", "text"
            ).iterator():
                index.add(pk, text)
            self._dupes = index
        return self._dupes

    # -- running -----------------------------------------------------------------------------

    def run(self, outlets: Iterable[Outlet]) -> Summary:
        started = time.monotonic()
        try:
            for outlet in outlets:
                self.summary.merge(self._run_outlet_safely(outlet))
        finally:
            self.summary.seconds = time.monotonic() - started
            self.close()
        return self.summary

    def _run_outlet_safely(self, outlet: Outlet) -> Summary:
        part = Summary(outlets=1)
        try:
            self.run_outlet(outlet, part)
        except Exception as error:  # one outlet failing never stops the others
            log.exception("outlet %s failed", outlet.slug)
            part.outlets_failed.append(outlet.slug)
            part.failures["outlet_error"] += 1
            message = f"{type(error).__name__}: {error}"
            self.progress(f"{outlet.name}: FAILED ({message})")
            now = timezone.now()
            Outlet.objects.filter(pk=outlet.pk).update(
                last_run_at=now, last_error_at=now, last_error=message[:2000],
                consecutive_failures=outlet.consecutive_failures + 1,
            )
        return part

    def run_outlet(self, outlet: Outlet, part: Summary | None = None) -> Summary:
        part = part if part is not None else Summary(outlets=1)
        adapter = load_adapter(outlet.adapter)
        entries, feed_state, ok_sources, errors = self._discover(outlet, adapter, part)
        self.progress(
            f"{outlet.name}: {len(entries)} stories listed"
            + (f" ({len(errors)} sources failed)" if errors else "")
        )
        seen: set[str] = set()
        fetched = 0
        for entry in entries:
            outcome = self._process(outlet, adapter, entry.link, entry, part, fetched)
            seen.add(outcome.canonical)
            fetched += outcome.fetched
        # retries that are due, and recent stories to check for edits, even if no longer listed
        now = timezone.now()
        due = list(UrlRecord.objects.filter(
            outlet=outlet, state=UrlState.RETRY, retry_after__lte=now
        ).exclude(canonical_url__in=seen).order_by("retry_after").values_list("url", flat=True))
        due += list(NewsItem.objects.filter(
            outlet=outlet, first_seen_at__gte=now - self.refresh_window,
            last_fetched_at__lte=now - self.refresh_after,
        ).exclude(canonical_url__in=seen).order_by("first_seen_at").values_list("url",
                                                                                 flat=True))
        for url in due:
            if _canonical_or_raw(url) in seen:
                continue
            outcome = self._process(outlet, adapter, url, None, part, fetched)
            seen.add(outcome.canonical)
            fetched += outcome.fetched

        now = timezone.now()
        outlet.last_run_at = now
        outlet.feed_state = feed_state
        if ok_sources:
            outlet.last_success_at = now
            outlet.consecutive_failures = 0
        else:
            outlet.consecutive_failures += 1
        if errors:
            outlet.last_error_at = now
            outlet.last_error = "; ".join(errors)[:2000]
        if not ok_sources:
            part.outlets_failed.append(outlet.slug)
        outlet.save(update_fields=[
            "last_run_at", "feed_state", "last_success_at", "consecutive_failures",
            "last_error_at", "last_error",
        ])
        self.progress(
            f"{outlet.name}: {part.new} new, {part.updated} updated, {part.duplicates} "
            f"duplicates, {part.rejected} rejected, {part.retries} retries, "
            f"{part.suggestions} suggestions"
        )
        return part

    # -- discovering stories -----------------------------------------------------------------

    def _discover(
        self, outlet: Outlet, adapter: Any, part: Summary
    ) -> tuple[list[FeedEntry], dict, int, list[str]]:
        state = dict(outlet.feed_state or {})
        ok_sources, errors = 0, []
        entries: list[FeedEntry] = []
        custom = getattr(adapter, "discover", None)
        found = custom(outlet, self.fetcher) if custom else None
        if found is not None:
            entries, ok_sources = list(found), 1
        else:
            for url in outlet.feed_list():
                validators = state.get(url, {})
                result = self.fetcher.fetch(
                    url, etag=validators.get("etag"),
                    last_modified=validators.get("last_modified"),
                )
                if result.outcome is Outcome.NOT_MODIFIED:
                    ok_sources += 1
                    continue
                if not result.ok:
                    errors.append(f"feed {url}: {result.outcome.value}: {result.error}")
                    part.failures[f"feed_{result.outcome.value}"] += 1
                    continue
                feed = parse_feed(result.body, result.final_url, result.content_type)
                if not feed.entries and (feed.bozo or not feed.version):
                    errors.append(f"feed {url}: not a readable feed: {feed.error}")
                    part.failures["feed_unreadable"] += 1
                    continue
                if feed.bozo:
                    log.warning("feed %s is malformed (%s); %d entries recovered",
                                url, feed.error, len(feed.entries))
                ok_sources += 1
                entries.extend(feed.entries)
                state[url] = {"etag": result.etag or "",
                              "last_modified": result.last_modified or ""}
            for url in outlet.listing_list():
                result = self.fetcher.fetch(url)
                if not result.ok:
                    errors.append(f"listing {url}: {result.outcome.value}: {result.error}")
                    part.failures[f"listing_{result.outcome.value}"] += 1
                    continue
                ok_sources += 1
                entries.extend(self._listing_entries(outlet, result))
        keep = getattr(adapter, "keep_entry", None)
        unique: dict[str, FeedEntry] = {}
        for entry in entries:
            if keep and not keep(entry):
                continue
            try:
                key = canonical_url(entry.link)
            except ValueError:
                key = entry.link
            unique.setdefault(key, entry)
        ordered = sorted(unique.values(), key=_entry_key)
        return ordered, state, ok_sources, errors

    def _listing_entries(self, outlet: Outlet, result: FetchResult) -> list[FeedEntry]:
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

    # -- one URL -----------------------------------------------------------------------------

    def _process(
        self, outlet: Outlet, adapter: Any, link: str, entry: FeedEntry | None,
        part: Summary, fetched_so_far: int,
    ) -> _Outcome:
        part.urls += 1
        try:
            with transaction.atomic():
                return self._process_url(outlet, adapter, link, entry, part, fetched_so_far)
        except Exception as error:  # never let one page stop the run
            log.exception("processing %s failed", link)
            detail = "".join(traceback.format_exception_only(type(error), error)).strip()
            canonical = _canonical_or_raw(link)
            with transaction.atomic():
                record = UrlRecord.objects.filter(canonical_url=canonical).first()
                if record is None or record.state != UrlState.STORED:
                    self._reject(outlet, canonical, link, record, "pipeline_error", detail,
                                 part)
                else:
                    part.failures["refresh_pipeline_error"] += 1
            return _Outcome(canonical, 0)

    def _process_url(
        self, outlet: Outlet, adapter: Any, link: str, entry: FeedEntry | None,
        part: Summary, fetched_so_far: int,
    ) -> _Outcome:
        now = timezone.now()
        link = link.strip()
        try:
            canonical = canonical_url(link)
        except ValueError:
            canonical = _canonical_or_raw(link)
            self._reject(outlet, canonical, link, None, Outcome.INVALID_URL.value,
                         "not an absolute http(s) address", part)
            return _Outcome(canonical, 0)
        if len(canonical) > MAX_URL:
            self._reject(outlet, canonical[:MAX_URL], link[:2000], None, "url_too_long",
                         f"address longer than {MAX_URL} characters", part)
            return _Outcome(canonical[:MAX_URL], 0)

        record = (
            UrlRecord.objects.select_for_update(of=("self",))
            .select_related("news_item")
            .filter(canonical_url=canonical)
            .first()
        )
        refresh = False
        if record is not None:
            if record.state == UrlState.STORED:
                if not self._due_for_refresh(record, now):
                    part.known += 1
                    return _Outcome(canonical, 0)
                refresh = True
            elif record.state == UrlState.DUPLICATE or (
                record.state == UrlState.REJECTED and record.reason not in RECONSIDERED
            ):
                part.known += 1
                return _Outcome(canonical, 0)
            elif record.state == UrlState.RETRY and record.retry_after > now:
                part.waiting += 1
                return _Outcome(canonical, 0)

        if (
            not refresh and self.since and entry is not None and entry.published
            and _local_date(entry.published) < self.since
        ):
            self._reject(outlet, canonical, link, record, "older_than_since",
                         f"published {entry.published:%Y-%m-%d}, before {self.since}", part)
            return _Outcome(canonical, 0)
        if self.limit is not None and fetched_so_far >= self.limit:
            if not refresh:
                self._retry(outlet, canonical, link, record, "deferred",
                            "over --limit; left for the next run", now, part,
                            count_attempt=False)
                part.deferred += 1
                part.retries -= 1
            return _Outcome(canonical, 0)

        prepare = getattr(adapter, "prepare_url", None)
        target = prepare(link) if prepare else link
        result = self.fetcher.fetch(
            target,
            etag=(record.etag or None) if refresh else None,
            last_modified=(record.last_modified or None) if refresh else None,
        )
        part.fetched += 1
        if result.ok:
            self._store(outlet, adapter, canonical, link, record, result, entry, refresh, part)
            return _Outcome(canonical, 1)
        if refresh:
            record.last_seen_at = now
            record.last_fetched_at = result.fetched_at
            if result.outcome is Outcome.NOT_MODIFIED:
                part.unchanged += 1
            else:
                part.failures[f"refresh_{result.outcome.value}"] += 1
            record.save(update_fields=["last_seen_at", "last_fetched_at"])
            NewsItem.objects.filter(pk=record.news_item_id).update(
                last_fetched_at=result.fetched_at)
            return _Outcome(canonical, 1)
        reason = result.outcome.value
        detail = result.error or reason
        retryable = result.outcome in RETRYABLE or (
            result.outcome is Outcome.HTTP_ERROR and result.status in RETRYABLE_STATUSES
        )
        if retryable:
            self._retry(outlet, canonical, link, record, reason, detail, now, part,
                        wait=result.retry_after, status=result.status)
        else:
            self._reject(outlet, canonical, link, record, reason, detail, part,
                         status=result.status)
        return _Outcome(canonical, 1)

    def _due_for_refresh(self, record: UrlRecord, now: dt.datetime) -> bool:
        item = record.news_item
        if item is None:
            return False
        return (
            now - item.last_fetched_at >= self.refresh_after
            and now - item.first_seen_at <= self.refresh_window
        )

    # -- recording states --------------------------------------------------------------------

    def _save_record(self, record: UrlRecord | None, canonical: str, link: str,
                     outlet: Outlet, **values: Any) -> UrlRecord:
        now = timezone.now()
        defaults = {
            "url": link[:2000], "outlet": outlet, "reason": "", "detail": "",
            "news_item": None, "duplicate_kind": "", "similarity": None,
            "retry_after": None, "last_seen_at": now,
        }
        defaults.update(values)
        if record is None:
            record = UrlRecord(canonical_url=canonical, first_seen_at=now, **defaults)
        else:
            for name, value in defaults.items():
                setattr(record, name, value)
        record.save()
        return record

    def _reject(self, outlet, canonical, link, record, reason, detail, part, status=None):
        self._save_record(
            record, canonical, link, outlet, state=UrlState.REJECTED, reason=reason,
            detail=detail[:4000], http_status=status,
            attempts=(record.attempts if record else 0) + (0 if reason == "older_than_since"
                                                             else 1),
            last_fetched_at=timezone.now() if status is not None else (
                record.last_fetched_at if record else None),
        )
        part.rejected += 1
        part.failures[reason] += 1
        self.progress(f"  rejected ({reason}) {link}")

    def _retry(self, outlet, canonical, link, record, reason, detail, now, part, *,
               wait=None, status=None, count_attempt=True):
        attempts = (record.attempts if record else 0) + (1 if count_attempt else 0)
        if count_attempt and attempts >= self.max_attempts:
            self._reject(outlet, canonical, link, record, reason,
                         f"{detail} (gave up after {attempts} attempts)", part, status=status)
            return
        if wait is None:
            wait = 0 if not count_attempt else self.retry_delay * 2 ** max(0, attempts - 1)
        self._save_record(
            record, canonical, link, outlet, state=UrlState.RETRY, reason=reason,
            detail=detail[:4000], http_status=status, attempts=attempts,
            retry_after=now + dt.timedelta(seconds=wait),
            last_fetched_at=now if count_attempt else (record.last_fetched_at if record
                                                       else None),
        )
        part.retries += 1
        if count_attempt:
            part.failures[reason] += 1
            self.progress(f"  retry later ({reason}) {link}")

    def _duplicate(self, outlet, canonical, link, record, item, kind, similarity, result, part):
        self._save_record(
            record, canonical, link, outlet, state=UrlState.DUPLICATE, news_item=item,
            duplicate_kind=kind, similarity=similarity, http_status=result.status,
            attempts=(record.attempts if record else 0) + 1,
            last_fetched_at=result.fetched_at,
        )
        part.duplicates += 1
        self.progress(f"  duplicate ({kind}) of #{item.pk}: {link}")

    # -- storing -------------------------------------------------------------------------------

    def _extract(self, outlet: Outlet, adapter: Any, result: FetchResult,
                 entry: FeedEntry | None) -> tuple[Article, str]:
        html, encoding = decode_html(result.body, result.content_type)
        selectors = dict(getattr(adapter, "SELECTORS", {}) or {})
        selectors.update(outlet.selectors())
        article = extract_article(html, result.final_url, selectors, default_tz=outlet.tzinfo())
        postprocess = getattr(adapter, "postprocess", None)
        if postprocess:
            article = postprocess(article, outlet)
        if entry is not None:
            article.title = article.title or entry.title
            article.published = article.published or entry.published
            article.author = article.author or entry.author
        if article.language not in LANGUAGE_CODES:
            languages = outlet.language_list()
            article.language = languages[0] if len(languages) == 1 else ""
        return article, encoding

    def _store(self, outlet, adapter, canonical, link, record, result, entry, refresh, part):
        article, encoding = self._extract(outlet, adapter, result, entry)
        now = timezone.now()
        if len(article.text) < self.min_text:
            if refresh:
                part.failures["refresh_no_text"] += 1
                record.last_fetched_at = result.fetched_at
                record.save(update_fields=["last_fetched_at"])
                NewsItem.objects.filter(pk=record.news_item_id).update(
                    last_fetched_at=result.fetched_at)
                return
            self._reject(outlet, canonical, link, record, "no_text",
                         f"only {len(article.text)} characters of text found", part,
                         status=result.status)
            return
        digest = sha256(result.body)
        if refresh:
            self._refresh(record, result, article, encoding, digest, part)
            return

        item_canonical = self._item_canonical(canonical, result, article)
        existing = NewsItem.objects.filter(
            canonical_url__in={canonical, item_canonical}
        ).first()
        if existing is not None:
            self._duplicate(outlet, canonical, link, record, existing, DuplicateKind.SAME_URL,
                            None, result, part)
            return
        near = self.dupes.find(article.text, self.dup_threshold)
        if near is not None:
            item = NewsItem.objects.filter(pk=near.key).first()
            if item is not None:
                self._duplicate(outlet, canonical, link, record, item,
                                DuplicateKind.NEAR_DUPLICATE, round(near.score, 4), result,
                                part)
                return

        item = NewsItem.objects.create(
            outlet=outlet,
            canonical_url=item_canonical,
            url=result.final_url[:1000],
            title=(article.title or link)[:500],
            published_at=article.published,
            author=article.author[:300],
            language=article.language,
            text=article.text,
            first_seen_at=now,
            last_fetched_at=result.fetched_at,
        )
        self._add_version(item, 1, result, article, encoding, digest)
        self._save_record(
            record, canonical, link, outlet, state=UrlState.STORED, news_item=item,
            http_status=result.status, attempts=(record.attempts if record else 0) + 1,
            last_fetched_at=result.fetched_at, etag=result.etag or "",
            last_modified=result.last_modified or "",
        )
        if item_canonical != canonical:
            other = UrlRecord.objects.filter(canonical_url=item_canonical).first()
            self._save_record(
                other, item_canonical, result.final_url, outlet, state=UrlState.STORED,
                news_item=item, http_status=result.status,
                attempts=(other.attempts if other else 0) + 1,
                last_fetched_at=result.fetched_at,
            )
        self.dupes.add(item.pk, article.text)
        part.new += 1
        made = self._suggest(item)
        part.suggestions += made
        self.progress(
            f"  new #{item.pk} [{item.language or '?'}] {item.title[:80]}"
            + (f" ({made} suggestions)" if made else "")
        )

    def _item_canonical(self, canonical: str, result: FetchResult, article: Article) -> str:
        """The story's own address: after redirects, or its trustworthy rel=canonical."""
        try:
            final = canonical_url(result.final_url)
        except ValueError:
            final = canonical
        declared = article.canonical_url
        if declared:
            try:
                declared = canonical_url(declared)
            except ValueError:
                declared = ""
        # a rel=canonical is trusted on the same host and when it names a page, not the site
        if declared and len(declared) <= MAX_URL:
            same_host = urlsplit(declared).netloc == urlsplit(final).netloc
            if same_host and urlsplit(declared).path not in ("", "/"):
                return declared
        return final if len(final) <= MAX_URL else canonical

    def _add_version(self, item, number, result, article, encoding, digest):
        return NewsItemVersion.objects.create(
            item=item,
            number=number,
            raw=compress(result.body),
            raw_sha256=digest,
            raw_size=len(result.body),
            encoding=encoding or "",
            content_type=result.content_type[:200],
            title=(article.title or item.title)[:500],
            text=article.text,
            html=article.html,
            fetched_at=result.fetched_at,
            final_url=result.final_url[:1000],
            http_status=result.status,
        )

    def _refresh(self, record, result, article, encoding, digest, part):
        item = record.news_item
        latest = item.latest_version()
        record.last_seen_at = timezone.now()
        record.last_fetched_at = result.fetched_at
        record.etag = result.etag or ""
        record.last_modified = result.last_modified or ""
        record.save(update_fields=["last_seen_at", "last_fetched_at", "etag", "last_modified"])
        item.last_fetched_at = result.fetched_at
        same = (latest is not None and latest.raw_sha256 == digest) or (
            normalise_text(article.text) == normalise_text(item.text)
        )
        if same:
            item.save(update_fields=["last_fetched_at"])
            part.unchanged += 1
            return
        number = item.version_count + 1
        self._add_version(item, number, result, article, encoding, digest)
        item.version_count = number
        item.text = article.text
        item.title = (article.title or item.title)[:500]
        item.published_at = item.published_at or article.published
        item.save(update_fields=["last_fetched_at", "version_count", "text", "title",
                                 "published_at"])
        self.dupes.add(item.pk, article.text)
        part.updated += 1
        made = self._suggest(item)
        part.suggestions += made
        self.progress(f"  updated #{item.pk} (version {number}) {item.title[:80]}")

    # -- linking -------------------------------------------------------------------------------

    def _suggest(self, item: NewsItem) -> int:
        analysis = self.linker.analyse(item.text, item.title)
        when = item.published_at or item.last_fetched_at
        published = _local_date(when) if when else None
        matches = self.linker.match(analysis, published)
        if not matches:
            return 0
        known = set(Suggestion.objects.filter(news_item=item).values_list("promise_id",
                                                                          flat=True))
        new = [
            Suggestion(news_item=item, promise_id=match.promise.id, score=match.score,
                       reasons=match.reasons, details=match.details)
            for match in matches if match.promise.id not in known
        ]
        Suggestion.objects.bulk_create(new, ignore_conflicts=True)
        return len(new)


@dataclass
class _Outcome:
    canonical: str
    fetched: int


def _local_date(value: dt.datetime) -> dt.date:
    if timezone.is_naive(value):
        value = timezone.make_aware(value, dt.UTC)
    return timezone.localtime(value).date()


def _canonical_or_raw(link: str) -> str:
    try:
        return canonical_url(link)[:MAX_URL]
    except ValueError:
        return (link or "").strip()[:MAX_URL] or "(empty)"


# --- runs ------------------------------------------------------------------------------------


def select_outlets(outlet: str | int | None = None) -> list[Outlet]:
    """The enabled outlets, or the one named by slug or id (enabled or not)."""
    if outlet in (None, ""):
        return list(Outlet.objects.filter(enabled=True).order_by("name"))
    text = str(outlet).strip()
    found = Outlet.objects.filter(slug=text).first()
    if found is None and text.isdigit():
        found = Outlet.objects.filter(pk=int(text)).first()
    if found is None:
        raise Outlet.DoesNotExist(text)
    return [found]


def run_scrape(
    *,
    trigger: str,
    outlet: str | int | None = None,
    since: dt.date | None = None,
    limit: int | None = None,
    progress: Callable[[str], None] | None = None,
    fetcher: Fetcher | None = None,
) -> tuple[ScrapeRun, Summary]:
    """Run the pipeline over the selected outlets and record the run. Refuses to start while
    another run that began less than SCRAPER_RUN_TIMEOUT_MINUTES ago is unfinished."""
    outlets = select_outlets(outlet)
    now = timezone.now()
    stale = now - dt.timedelta(minutes=_setting("SCRAPER_RUN_TIMEOUT_MINUTES", 180))
    with transaction.atomic():
        running = ScrapeRun.objects.select_for_update().filter(
            finished_at__isnull=True, started_at__gte=stale
        ).first()
        if running is not None:
            raise ScrapeLocked(f"another scrape run started at {running.started_at:%H:%M} "
                               "is still going")
        run = ScrapeRun.objects.create(
            started_at=now, trigger=trigger,
            options={"outlet": outlet, "since": since.isoformat() if since else None,
                     "limit": limit},
        )
    pipeline = Pipeline(fetcher=fetcher, since=since, limit=limit, progress=progress)
    summary = Summary()
    try:
        summary = pipeline.run(outlets)
    finally:
        run.finished_at = timezone.now()
        run.summary = summary.as_dict()
        run.ok = len(set(summary.outlets_failed)) < len(outlets) if outlets else True
        run.save(update_fields=["finished_at", "summary", "ok"])
    return run, summary
