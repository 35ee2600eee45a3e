"""Runs: every outlet through the stages, one URL at a time, each URL in its own
transaction; one page or one outlet failing never stops the others."""

from __future__ import annotations

import datetime as dt
import logging
import time
import traceback
from collections.abc import Callable, Iterable

from django.db import transaction
from django.utils import timezone

from ..adapters import load_adapter
from ..fetching.http import Fetcher
from ..linking import Linker
from ..models import Outlet, ScrapeRun, UrlRecord, UrlState
from .counts import Summary
from .dedupe import is_duplicate
from .discover import Discovery, discover, due_again
from .extract import extract
from .fetch import fetch, is_to_fetch, record_failed_fetch
from .job import OutletScrape, ScrapeContext, UrlJob, canonical_or_raw
from .records import reject
from .settings import ScraperSettings
from .store import store_new, store_refresh

__all__ = ["Pipeline", "ScrapeLocked", "run_scrape", "select_outlets"]

log = logging.getLogger(__name__)


class ScrapeLocked(Exception):
    """Another run is still going."""


class Pipeline:
    """Scrape outlets. One instance per run: it reads the settings once and holds the
    compiled linker and the near-duplicate index, built on first use."""

    def __init__(
        self,
        *,
        fetcher: Fetcher | None = None,
        since: dt.date | None = None,
        limit: int | None = None,
        progress: Callable[[str], None] | None = None,
        linker: Linker | None = None,
        settings: ScraperSettings | None = None,
    ) -> None:
        settings = settings or ScraperSettings.from_django()
        self._own_fetcher = fetcher is None
        self.context = ScrapeContext(
            settings=settings,
            fetcher=fetcher or Fetcher(settings.fetch),
            progress=progress or (lambda message: None),
            since=since,
            limit=limit if limit is not None else (settings.max_articles_per_outlet or None),
            given_linker=linker,
        )
        self.summary = Summary()

    def run(self, outlets: Iterable[Outlet]) -> Summary:
        started = time.monotonic()
        try:
            for outlet in outlets:
                self.summary.merge(self._run_outlet_safely(outlet))
        finally:
            self.summary.seconds = time.monotonic() - started
            if self._own_fetcher:
                self.context.fetcher.close()
        return self.summary

    def _run_outlet_safely(self, outlet: Outlet) -> Summary:
        counts = Summary(outlets=1)
        try:
            self.run_outlet(outlet, counts)
        except Exception as error:  # one outlet failing never stops the others
            log.exception("outlet %s failed", outlet.slug)
            counts.outlets_failed.append(outlet.slug)
            counts.failures["outlet_error"] += 1
            message = f"{type(error).__name__}: {error}"
            self.context.progress(f"{outlet.name}: FAILED ({message})")
            now = timezone.now()
            Outlet.objects.filter(pk=outlet.pk).update(
                last_run_at=now, last_error_at=now, last_error=message[:2000],
                consecutive_failures=outlet.consecutive_failures + 1,
            )
        return counts

    def run_outlet(self, outlet: Outlet, counts: Summary | None = None) -> Summary:
        """Discover the outlet's stories, take each through the stages, then the URLs due
        again; record the outlet's health."""
        scrape = OutletScrape(outlet, load_adapter(outlet.adapter),
                              counts if counts is not None else Summary(outlets=1))
        ctx = self.context
        found = discover(ctx, scrape)
        failed = f" ({len(found.errors)} sources failed)" if found.errors else ""
        ctx.progress(f"{outlet.name}: {len(found.entries)} stories listed{failed}")
        for entry in found.entries:
            process(ctx, UrlJob(scrape, entry.link, entry))
        for url in due_again(ctx, scrape):
            if canonical_or_raw(url) not in scrape.seen:
                process(ctx, UrlJob(scrape, url, None))
        _record_outlet_health(scrape, found)
        counts = scrape.counts
        ctx.progress(
            f"{outlet.name}: {counts.new} new, {counts.updated} updated, {counts.duplicates} "
            f"duplicates, {counts.rejected} rejected, {counts.retries} retries, "
            f"{counts.suggestions} suggestions"
        )
        return counts


def _record_outlet_health(scrape: OutletScrape, found: Discovery) -> None:
    outlet = scrape.outlet
    now = timezone.now()
    outlet.last_run_at = now
    outlet.feed_state = found.feed_state
    if found.ok_sources:
        outlet.last_success_at = now
        outlet.consecutive_failures = 0
    else:
        outlet.consecutive_failures += 1
        scrape.counts.outlets_failed.append(outlet.slug)
    if found.errors:
        outlet.last_error_at = now
        outlet.last_error = "; ".join(found.errors)[:2000]
    outlet.save(update_fields=[
        "last_run_at", "feed_state", "last_success_at", "consecutive_failures",
        "last_error_at", "last_error",
    ])


# --- one URL -----------------------------------------------------------------------------------


def process(ctx: ScrapeContext, job: UrlJob) -> None:
    """Take one URL through the stages in one transaction; an unexpected error rejects it
    (a stored story keeps its state) and the run goes on."""
    job.counts.urls += 1
    try:
        with transaction.atomic():
            _through_the_stages(ctx, job)
    except Exception as error:  # never let one page stop the run
        log.exception("processing %s failed", job.link)
        _record_pipeline_error(ctx, job, error)
    job.scrape.seen.add(job.canonical)
    job.scrape.fetched += int(job.fetched)


def _through_the_stages(ctx: ScrapeContext, job: UrlJob) -> None:
    if not is_to_fetch(ctx, job):
        return
    fetch(ctx, job)
    if not job.result.ok:
        record_failed_fetch(ctx, job)
        return
    if not extract(ctx, job):
        return
    if job.refresh:
        store_refresh(ctx, job)
    elif not is_duplicate(ctx, job):
        store_new(ctx, job)


def _record_pipeline_error(ctx: ScrapeContext, job: UrlJob, error: Exception) -> None:
    detail = "".join(traceback.format_exception_only(type(error), error)).strip()
    job.canonical = canonical_or_raw(job.link)
    job.fetched = False
    with transaction.atomic():
        job.record = UrlRecord.objects.filter(canonical_url=job.canonical).first()
        if job.record is None or job.record.state != UrlState.STORED:
            reject(ctx, job, "pipeline_error", detail)
        else:
            job.counts.failures["refresh_pipeline_error"] += 1


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
    settings = ScraperSettings.from_django()
    run = _start_run(settings, trigger,
                     {"outlet": outlet, "since": since.isoformat() if since else None,
                      "limit": limit})
    pipeline = Pipeline(fetcher=fetcher, since=since, limit=limit, progress=progress,
                        settings=settings)
    summary = Summary()
    try:
        summary = pipeline.run(outlets)
    finally:
        run.finished_at = timezone.now()
        run.summary = summary.as_dict()
        run.ok = len(set(summary.outlets_failed)) < len(outlets) if outlets else True
        run.save(update_fields=["finished_at", "summary", "ok"])
    return run, summary


def _start_run(settings: ScraperSettings, trigger: str, options: dict) -> ScrapeRun:
    now = timezone.now()
    stale = now - dt.timedelta(minutes=settings.run_timeout_minutes)
    with transaction.atomic():
        running = ScrapeRun.objects.select_for_update().filter(
            finished_at__isnull=True, started_at__gte=stale
        ).first()
        if running is not None:
            raise ScrapeLocked(f"another scrape run started at {running.started_at:%H:%M} "
                               "is still going")
        return ScrapeRun.objects.create(started_at=now, trigger=trigger, options=options)
