"""Stage 3, extract: the story's text and metadata from the fetched page, completed from its
feed entry; a page with too little text is rejected (or, on a refresh, left as it was)."""

from __future__ import annotations

from ..fetching.articles import Article, extract_article
from ..fetching.decoding import decode_html
from ..models import LANGUAGE_CODES, NewsItem
from .job import ScrapeContext, UrlJob
from .records import reject

__all__ = ["extract"]


def extract(ctx: ScrapeContext, job: UrlJob) -> bool:
    """Fill in ``job.article``; whether it has enough text to go on."""
    job.article = article = _article(job)
    if len(article.text) >= ctx.settings.min_text_chars:
        return True
    result = job.result
    if job.refresh:
        job.counts.failures["refresh_no_text"] += 1
        job.record.last_fetched_at = result.fetched_at
        job.record.save(update_fields=["last_fetched_at"])
        NewsItem.objects.filter(pk=job.record.news_item_id).update(
            last_fetched_at=result.fetched_at)
    else:
        reject(ctx, job, "no_text", f"only {len(article.text)} characters of text found",
               status=result.status)
    return False


def _article(job: UrlJob) -> Article:
    outlet, adapter, result, entry = job.outlet, job.scrape.adapter, job.result, job.entry
    html, job.encoding = decode_html(result.body, result.content_type)
    selectors = dict(getattr(adapter, "SELECTORS", {}) or {})
    selectors.update(outlet.selectors())
    article = extract_article(html, result.final_url, selectors, default_tz=outlet.tzinfo())
    postprocess = getattr(adapter, "postprocess", None)
    if postprocess:
        article = postprocess(article, outlet)
    if entry is not None:
        article.title = article.title or entry.title
        if entry.published and article.date_method in ("", "htmldate"):
            # the feed's own date beats htmldate's guess from the page
            article.published, article.date_method = entry.published, "feed"
        article.author = article.author or entry.author
    if article.language not in LANGUAGE_CODES:
        languages = outlet.language_list()
        article.language = languages[0] if len(languages) == 1 else ""
    return article
