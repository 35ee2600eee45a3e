"""Sample news for evaluators (`manage.py load_sample_news`, run by `make run`).

A fresh site has no news, so the suggestions queue and "evidence to status in one step" cannot
be tried without running the scrapers against real outlets. This archives a handful of the
scraper tests' recorded pages (fixtures/sample_news.yaml) through the pipeline's own extraction
and linking, as items marked `is_sample` ("sample data" in the admin and on the public page) of
an outlet that is never scraped. Loading again adds only what is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .fetching.articles import extract_article
from .fetching.decoding import decode_html
from .models import LANGUAGE_CODES, NewsItem, NewsItemVersion, Outlet, compress, sha256
from .pipeline.job import ScrapeContext
from .pipeline.link import suggest
from .pipeline.settings import ScraperSettings

SAMPLE_NEWS_FILE = Path(settings.BASE_DIR) / "fixtures" / "sample_news.yaml"


@dataclass
class Loaded:
    items: int = 0
    suggestions: int = 0


def _outlet(spec: dict) -> Outlet:
    outlet, _created = Outlet.objects.get_or_create(slug=spec["slug"], defaults={
        "name": spec["name"], "home_page": spec["home_page"],
        "feed_urls": "\n".join(spec["feed_urls"]), "languages": spec["languages"],
        "time_zone": spec["time_zone"], "enabled": False,
        "notes": "Sample data for trying Ubada out: never scraped (fixtures/sample_news.yaml).",
    })
    return outlet


def _archive(outlet: Outlet, entry: dict) -> NewsItem:
    """A news item with its one version, made from a recorded page as the pipeline makes it."""
    raw = (Path(settings.BASE_DIR) / entry["page"]).read_bytes()
    html, encoding = decode_html(raw, entry["content_type"])
    article = extract_article(html, entry["url"], default_tz=outlet.tzinfo())
    now = timezone.now()
    item = NewsItem.objects.create(
        outlet=outlet, canonical_url=entry["url"], url=entry["url"], title=article.title[:500],
        published_at=article.published, author=article.author[:300],
        language=article.language if article.language in LANGUAGE_CODES else "",
        text=article.text, first_seen_at=now, last_fetched_at=now, is_sample=True,
    )
    NewsItemVersion.objects.create(
        item=item, number=1, raw=compress(raw), raw_sha256=sha256(raw), raw_size=len(raw),
        encoding=encoding, content_type=entry["content_type"], title=item.title,
        text=article.text, html=article.html, fetched_at=now, final_url=entry["url"],
        http_status=200,
    )
    return item


def load_sample_news(path: Path = SAMPLE_NEWS_FILE) -> Loaded:
    """Archive the sample stories not yet archived, and suggest the promises they speak of."""
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    loaded = Loaded()
    context = ScrapeContext(settings=ScraperSettings.from_django(), fetcher=None,
                            progress=lambda _message: None)
    with transaction.atomic():
        outlet = _outlet(spec["outlet"])
        for entry in spec["items"]:
            if NewsItem.objects.filter(canonical_url=entry["url"]).exists():
                continue
            item = _archive(outlet, entry)
            loaded.items += 1
            loaded.suggestions += suggest(context, item)
    return loaded
