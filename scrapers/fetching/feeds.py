"""RSS/Atom parsing with feedparser.

feedparser never raises on a bad feed: it sets ``bozo`` and ``bozo_exception`` and returns what
it could recover. :func:`parse_feed` records both and still returns the recovered entries.
"""

from __future__ import annotations

import calendar
import io
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser

from .articles import html_to_text as _text
from .articles import parse_date_text, sanitise_html

__all__ = ["FeedEntry", "FeedResult", "parse_feed"]


@dataclass
class FeedEntry:
    link: str
    title: str = ""
    published: datetime | None = None
    #: plain text, whitespace normalised
    summary: str = ""
    #: sanitised HTML (see :func:`scrapers.fetching.articles.sanitise_html`)
    summary_html: str = ""
    guid: str = ""
    author: str = ""


@dataclass
class FeedResult:
    entries: list[FeedEntry] = field(default_factory=list)
    title: str = ""
    link: str = ""
    language: str = ""
    #: e.g. "rss20", "atom10"; empty if feedparser did not recognise a feed
    version: str = ""
    bozo: bool = False
    #: "ExceptionType: message" when ``bozo`` is set
    error: str = ""
    #: entries dropped because they had no link
    skipped: int = 0


def _published(entry: Any) -> datetime | None:
    # dict.get: FeedParserDict.get maps missing keys to others and warns about it
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = dict.get(entry, key)
        if parsed:
            try:
                return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
            except (OverflowError, ValueError, OSError):
                continue
    # feedparser only knows RFC 822/ISO-ish formats; try "15 ноября 2011" and friends
    for key in ("published", "updated", "created"):
        raw = dict.get(entry, key)
        if raw:
            parsed_date = parse_date_text(str(raw))
            if parsed_date is not None:
                return parsed_date
    return None


def _author(entry: Any) -> str:
    detail = entry.get("author_detail") or {}
    return _text(detail.get("name") or entry.get("author") or "")


def parse_feed(body: bytes, base_url: str, content_type: str | None = None) -> FeedResult:
    """Parse RSS/Atom bytes; relative links are resolved against ``base_url``.

    Pass the response's ``Content-Type`` if known: its charset is then used, and a feed
    served as ``text/html`` is flagged. Without it the XML declaration decides.
    """
    if not body.strip():
        return FeedResult(bozo=True, error="EmptyDocument: no bytes to parse")
    # A BytesIO, never the bytes themselves: feedparser treats a str/bytes argument that
    # looks like a URL or a file name as something to open.
    parsed = feedparser.parse(
        io.BytesIO(body),
        response_headers={
            "content-location": base_url,
            "content-type": content_type or "application/xml",
        },
        resolve_relative_uris=True,
        sanitize_html=True,
    )
    feed = parsed.get("feed", {})
    result = FeedResult(
        title=_text(feed.get("title", "")),
        link=urljoin(base_url, feed.get("link", "")) if feed.get("link") else "",
        language=feed.get("language", "") or "",
        version=parsed.get("version", "") or "",
        bozo=bool(parsed.get("bozo")),
    )
    if result.bozo:
        exc = parsed.get("bozo_exception")
        result.error = f"{type(exc).__name__}: {exc}" if exc is not None else "malformed feed"
    for entry in parsed.get("entries", []):
        feed_entry = _entry(entry, base_url)
        if feed_entry is None:
            result.skipped += 1
        else:
            result.entries.append(feed_entry)
    return result


def _entry(entry: Any, base_url: str) -> FeedEntry | None:
    """One feedparser entry; None without a link (a guid that is an address will do)."""
    link = (entry.get("link") or "").strip()
    if not link:
        guid = (entry.get("id") or "").strip()
        if guid.startswith(("http://", "https://", "/")):
            link = guid
    if not link:
        return None
    summary_html = entry.get("summary", "") or ""
    return FeedEntry(
        link=urljoin(base_url, link),
        title=_text(entry.get("title", "")),
        published=_published(entry),
        summary=_text(summary_html),
        summary_html=sanitise_html(summary_html, base_url=base_url),
        guid=(entry.get("id") or "").strip(),
        author=_author(entry),
    )
