"""The scrapers' settings, read from Django's ``SCRAPER_*`` settings once per run.

Each field of :class:`ScraperSettings` (and of the framework-free
:class:`~scrapers.fetching.settings.FetchSettings` it holds) is read from the setting of the
same name in upper case with the ``SCRAPER_`` prefix (``min_text_chars`` from
``SCRAPER_MIN_TEXT_CHARS``); a setting that is not defined leaves the field's default, and the
defaults are those of ``ubada/settings/base.py``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

from django.conf import settings

from ..fetching.http import Fetcher
from ..fetching.settings import FetchSettings

__all__ = ["ScraperSettings", "make_fetcher"]


@dataclass(frozen=True)
class ScraperSettings:
    """What one run may do: the fetcher's limits and the pipeline's own thresholds."""

    fetch: FetchSettings
    #: stories fetched per outlet and run (0: no limit); the rest wait for the next run
    max_articles_per_outlet: int = 200
    min_text_chars: int = 150
    near_duplicate_threshold: float = 0.9
    #: items first seen in this many days are compared for near-duplicates
    dedupe_window_days: int = 60
    #: the first wait before a failed fetch is tried again; doubled on each attempt
    retry_delay_seconds: int = 3600
    #: attempts after which a failing URL is rejected for good
    max_attempts: int = 5
    refresh_after_hours: float = 12
    refresh_window_days: float = 3
    suggestion_threshold: float = 0.6
    #: an unfinished run older than this no longer blocks a new one
    run_timeout_minutes: int = 180

    @property
    def refresh_after(self) -> dt.timedelta:
        return dt.timedelta(hours=self.refresh_after_hours)

    @property
    def refresh_window(self) -> dt.timedelta:
        return dt.timedelta(days=self.refresh_window_days)

    @classmethod
    def from_django(cls) -> ScraperSettings:
        contact_url = getattr(settings, "SCRAPER_CONTACT_URL", "")
        fetch = _from_settings(
            FetchSettings, contact_url=contact_url or settings.WAGTAILADMIN_BASE_URL
        )
        return _from_settings(cls, fetch=fetch)


def _from_settings(kind: type, **given: Any) -> Any:
    """An instance of the dataclass ``kind`` from the SCRAPER_* settings named like its
    fields; ``given`` fields are not read."""
    values = dict(given)
    for item in fields(kind):
        name = f"SCRAPER_{item.name.upper()}"
        if item.name not in values and hasattr(settings, name):
            values[item.name] = getattr(settings, name)
    return kind(**values)


def make_fetcher() -> Fetcher:
    """A Fetcher configured from the SCRAPER_* settings."""
    return Fetcher(ScraperSettings.from_django().fetch)
