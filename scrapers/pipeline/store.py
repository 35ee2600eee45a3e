"""Stage 6, store: archive a new story (its item, first version and URL records) or a new
version of a stored one, then link it."""

from __future__ import annotations

from django.utils import timezone

from core.safe_urls import is_safe_public_url

from ..fetching.dedupe import normalise_text
from ..models import NewsItem, NewsItemVersion, UrlRecord, UrlState, compress, sha256
from .job import ScrapeContext, UrlJob
from .link import suggest
from .records import reject, save_record, write_record

__all__ = ["store_new", "store_refresh"]


def store_new(ctx: ScrapeContext, job: UrlJob) -> None:
    """A new news item with its first version; the URL (and the story's own canonical
    address, when it differs) recorded as stored. A story whose address could not be a link
    (not http(s)) is refused: its address is shown as a link on the site."""
    article, result = job.article, job.result
    if not is_safe_public_url(result.final_url[:1000]):
        reject(ctx, job, "unsafe_url", f"not an http(s) address: {result.final_url[:300]}",
               status=result.status)
        return
    item = NewsItem.objects.create(
        outlet=job.outlet,
        canonical_url=job.item_canonical,
        url=result.final_url[:1000],
        title=(article.title or job.link)[:500],
        published_at=article.published,
        author=article.author[:300],
        language=article.language,
        text=article.text,
        first_seen_at=timezone.now(),
        last_fetched_at=result.fetched_at,
    )
    _add_version(job, item, 1)
    save_record(
        job, state=UrlState.STORED, news_item=item, http_status=result.status,
        attempts=job.attempts + 1, last_fetched_at=result.fetched_at,
        etag=result.etag or "", last_modified=result.last_modified or "",
    )
    if job.item_canonical != job.canonical:
        other = UrlRecord.objects.filter(canonical_url=job.item_canonical).first()
        write_record(
            other, canonical=job.item_canonical, link=result.final_url, outlet=job.outlet,
            state=UrlState.STORED, news_item=item, http_status=result.status,
            attempts=(other.attempts if other else 0) + 1, last_fetched_at=result.fetched_at,
        )
    ctx.dupes.add(item.pk, article.text)
    job.counts.new += 1
    made = suggest(ctx, item)
    job.counts.suggestions += made
    ctx.progress(
        f"  new #{item.pk} [{item.language or '?'}] {item.title[:80]}"
        + (f" ({made} suggestions)" if made else "")
    )


def store_refresh(ctx: ScrapeContext, job: UrlJob) -> None:
    """A stored story fetched again: a new version when its text changed."""
    record, result, article = job.record, job.result, job.article
    item = record.news_item
    latest = item.latest_version()
    record.last_seen_at = timezone.now()
    record.last_fetched_at = result.fetched_at
    record.etag = result.etag or ""
    record.last_modified = result.last_modified or ""
    record.save(update_fields=["last_seen_at", "last_fetched_at", "etag", "last_modified"])
    item.last_fetched_at = result.fetched_at
    same = (latest is not None and latest.raw_sha256 == sha256(result.body)) or (
        normalise_text(article.text) == normalise_text(item.text)
    )
    if same:
        item.save(update_fields=["last_fetched_at"])
        job.counts.unchanged += 1
        return
    number = item.version_count + 1
    _add_version(job, item, number)
    item.version_count = number
    item.text = article.text
    item.title = (article.title or item.title)[:500]
    item.published_at = item.published_at or article.published
    item.save(update_fields=["last_fetched_at", "version_count", "text", "title",
                             "published_at"])
    ctx.dupes.add(item.pk, article.text)
    job.counts.updated += 1
    made = suggest(ctx, item)
    job.counts.suggestions += made
    ctx.progress(f"  updated #{item.pk} (version {number}) {item.title[:80]}")


def _add_version(job: UrlJob, item: NewsItem, number: int) -> NewsItemVersion:
    article, result = job.article, job.result
    return NewsItemVersion.objects.create(
        item=item,
        number=number,
        raw=compress(result.body),
        raw_sha256=sha256(result.body),
        raw_size=len(result.body),
        encoding=job.encoding or "",
        content_type=result.content_type[:200],
        title=(article.title or item.title)[:500],
        text=article.text,
        html=article.html,
        fetched_at=result.fetched_at,
        final_url=result.final_url[:1000],
        http_status=result.status,
    )

