"""Stage 4, dedupe: a new page is the same story as a stored one when it has the same
canonical address (after redirects, or its own trustworthy rel=canonical) or nearly the same
text."""

from __future__ import annotations

from urllib.parse import urlsplit

from ..fetching.urls import canonical_url
from ..models import DuplicateKind, NewsItem
from .job import MAX_URL, ScrapeContext, UrlJob
from .records import duplicate

__all__ = ["is_duplicate", "item_canonical"]


def is_duplicate(ctx: ScrapeContext, job: UrlJob) -> bool:
    """Whether the page repeats a stored story; if so, it is recorded as its duplicate."""
    job.item_canonical = item_canonical(job)
    existing = NewsItem.objects.filter(
        canonical_url__in={job.canonical, job.item_canonical}
    ).first()
    if existing is not None:
        duplicate(ctx, job, existing, kind=DuplicateKind.SAME_URL)
        return True
    near = ctx.dupes.find(job.article.text, ctx.settings.near_duplicate_threshold)
    item = NewsItem.objects.filter(pk=near.key).first() if near is not None else None
    if item is None:
        return False
    duplicate(ctx, job, item, kind=DuplicateKind.NEAR_DUPLICATE,
              similarity=round(near.score, 4))
    return True


def item_canonical(job: UrlJob) -> str:
    """The story's own address: after redirects, or its trustworthy rel=canonical."""
    try:
        final = canonical_url(job.result.final_url)
    except ValueError:
        final = job.canonical
    declared = job.article.canonical_url
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
    return final if len(final) <= MAX_URL else job.canonical
