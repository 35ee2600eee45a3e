"""Recording the one state every URL ends in (:class:`~scrapers.models.UrlRecord`), and
counting it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from ..models import NewsItem, Outlet, UrlRecord, UrlState
from .job import ScrapeContext, UrlJob

__all__ = ["defer", "duplicate", "reject", "retry", "save_record", "write_record"]


def write_record(
    record: UrlRecord | None, *, canonical: str, link: str, outlet: Outlet, **values: Any
) -> UrlRecord:
    """Create or overwrite the record of ``canonical``; fields not given are reset."""
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


def save_record(job: UrlJob, **values: Any) -> UrlRecord:
    """Record the state of the job's URL."""
    return write_record(job.record, canonical=job.canonical, link=job.link,
                        outlet=job.outlet, **values)


def reject(ctx: ScrapeContext, job: UrlJob, reason: str, detail: str, *,
           status: int | None = None) -> None:
    """Final rejection (an ``older_than_since`` one is looked at again next run)."""
    record = job.record
    save_record(
        job, state=UrlState.REJECTED, reason=reason, detail=detail[:4000], http_status=status,
        attempts=job.attempts + (0 if reason == "older_than_since" else 1),
        last_fetched_at=timezone.now() if status is not None else (
            record.last_fetched_at if record else None),
    )
    job.counts.rejected += 1
    job.counts.failures[reason] += 1
    ctx.progress(f"  rejected ({reason}) {job.link}")


def retry(ctx: ScrapeContext, job: UrlJob, reason: str, detail: str, *,
          wait: float | None = None, status: int | None = None) -> None:
    """A failed attempt, tried again after ``wait`` seconds (or an exponential backoff);
    rejected once the attempts run out."""
    attempts = job.attempts + 1
    if attempts >= ctx.settings.max_attempts:
        reject(ctx, job, reason, f"{detail} (gave up after {attempts} attempts)",
               status=status)
        return
    if wait is None:
        wait = ctx.settings.retry_delay_seconds * 2 ** max(0, attempts - 1)
    save_record(
        job, state=UrlState.RETRY, reason=reason, detail=detail[:4000], http_status=status,
        attempts=attempts, retry_after=job.now + dt.timedelta(seconds=wait),
        last_fetched_at=job.now,
    )
    job.counts.retries += 1
    job.counts.failures[reason] += 1
    ctx.progress(f"  retry later ({reason}) {job.link}")


def defer(job: UrlJob) -> None:
    """Over the run's --limit: left, without an attempt counted, for the next run."""
    save_record(
        job, state=UrlState.RETRY, reason="deferred",
        detail="over --limit; left for the next run", http_status=None,
        attempts=job.attempts, retry_after=job.now,
        last_fetched_at=job.record.last_fetched_at if job.record else None,
    )
    job.counts.deferred += 1


def duplicate(ctx: ScrapeContext, job: UrlJob, item: NewsItem, *, kind: str,
              similarity: float | None = None) -> None:
    """The page is ``item`` again, at another address or with nearly the same text."""
    result = job.result
    save_record(
        job, state=UrlState.DUPLICATE, news_item=item, duplicate_kind=kind,
        similarity=similarity, http_status=result.status, attempts=job.attempts + 1,
        last_fetched_at=result.fetched_at,
    )
    job.counts.duplicates += 1
    ctx.progress(f"  duplicate ({kind}) of #{item.pk}: {job.link}")
