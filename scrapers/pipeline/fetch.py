"""Stage 2, fetch: decide whether a URL is to be fetched at all (its address, its state from
earlier runs, the run's --since and --limit), fetch it, and record a failed fetch."""

from __future__ import annotations

import datetime as dt

from ..fetching.http import Outcome
from ..fetching.urls import canonical_url
from ..models import NewsItem, UrlRecord, UrlState
from .job import MAX_URL, ScrapeContext, UrlJob, canonical_or_raw, local_date
from .records import defer, reject, retry

__all__ = ["fetch", "is_to_fetch", "record_failed_fetch"]

#: Rejections that are looked at again on the next run (they depend on the run's options).
RECONSIDERED = frozenset({"older_than_since"})
RETRYABLE = frozenset({Outcome.RETRY_LATER, Outcome.TIMEOUT, Outcome.CONNECTION_ERROR})
RETRYABLE_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})


def is_to_fetch(ctx: ScrapeContext, job: UrlJob) -> bool:
    """Whether the job's URL is fetched in this run; when it is not, why is recorded."""
    return (
        _has_usable_address(ctx, job)
        and _is_new_or_due(ctx, job)
        and _is_recent_enough(ctx, job)
        and _is_within_limit(job, ctx.limit)
    )


def _has_usable_address(ctx: ScrapeContext, job: UrlJob) -> bool:
    job.link = job.link.strip()
    try:
        job.canonical = canonical_url(job.link)
    except ValueError:
        job.canonical = canonical_or_raw(job.link)
        reject(ctx, job, Outcome.INVALID_URL.value, "not an absolute http(s) address")
        return False
    if len(job.canonical) > MAX_URL:
        job.canonical, job.link = job.canonical[:MAX_URL], job.link[:2000]
        reject(ctx, job, "url_too_long", f"address longer than {MAX_URL} characters")
        return False
    return True


def _is_new_or_due(ctx: ScrapeContext, job: UrlJob) -> bool:
    """Locks the URL's record; a stored story is due again to look for edits."""
    record = job.record = (
        UrlRecord.objects.select_for_update(of=("self",))
        .select_related("news_item")
        .filter(canonical_url=job.canonical)
        .first()
    )
    if record is None:
        return True
    if record.state == UrlState.STORED:
        job.refresh = _due_for_refresh(ctx, record, job.now)
        if not job.refresh:
            job.counts.known += 1
        return job.refresh
    if record.state == UrlState.DUPLICATE or (
        record.state == UrlState.REJECTED and record.reason not in RECONSIDERED
    ):
        job.counts.known += 1
        return False
    if record.state == UrlState.RETRY and record.retry_after > job.now:
        job.counts.waiting += 1
        return False
    return True


def _due_for_refresh(ctx: ScrapeContext, record: UrlRecord, now: dt.datetime) -> bool:
    item = record.news_item
    if item is None:
        return False
    return (
        now - item.last_fetched_at >= ctx.settings.refresh_after
        and now - item.first_seen_at <= ctx.settings.refresh_window
    )


def _is_recent_enough(ctx: ScrapeContext, job: UrlJob) -> bool:
    """Stories published before the run's --since are rejected (and reconsidered later)."""
    published = job.entry.published if job.entry is not None else None
    if job.refresh or not ctx.since or not published or local_date(published) >= ctx.since:
        return True
    reject(ctx, job, "older_than_since", f"published {published:%Y-%m-%d}, before {ctx.since}")
    return False


def _is_within_limit(job: UrlJob, limit: int | None) -> bool:
    if limit is None or job.scrape.fetched < limit:
        return True
    if not job.refresh:
        defer(job)
    return False


def fetch(ctx: ScrapeContext, job: UrlJob) -> None:
    """GET the page (conditionally, for a refresh), through the adapter's address rewrite."""
    prepare = getattr(job.scrape.adapter, "prepare_url", None)
    target = prepare(job.link) if prepare else job.link
    record = job.record if job.refresh else None
    job.result = ctx.fetcher.fetch(
        target,
        etag=(record.etag or None) if record else None,
        last_modified=(record.last_modified or None) if record else None,
    )
    job.fetched = True
    job.counts.fetched += 1


def record_failed_fetch(ctx: ScrapeContext, job: UrlJob) -> None:
    """A refresh that failed keeps the story as it was; a new page is retried or rejected."""
    result = job.result
    if job.refresh:
        _record_failed_refresh(job)
        return
    reason = result.outcome.value
    detail = result.error or reason
    retryable = result.outcome in RETRYABLE or (
        result.outcome is Outcome.HTTP_ERROR and result.status in RETRYABLE_STATUSES
    )
    if retryable:
        retry(ctx, job, reason, detail, wait=result.retry_after, status=result.status)
    else:
        reject(ctx, job, reason, detail, status=result.status)


def _record_failed_refresh(job: UrlJob) -> None:
    record, result = job.record, job.result
    record.last_seen_at = job.now
    record.last_fetched_at = result.fetched_at
    if result.outcome is Outcome.NOT_MODIFIED:
        job.counts.unchanged += 1
    else:
        job.counts.failures[f"refresh_{result.outcome.value}"] += 1
    record.save(update_fields=["last_seen_at", "last_fetched_at"])
    NewsItem.objects.filter(pk=record.news_item_id).update(last_fetched_at=result.fetched_at)
