"""The scraping pipeline: feeds → story pages → archive → duplicates → links to promises.

Every URL goes through stages, each a module of this package, carrying a typed
:class:`~scrapers.pipeline.job.UrlJob` from one to the next: :mod:`.discover` (the outlet's
feeds, listing pages and adapter; URLs due again), :mod:`.fetch` (whether to fetch, the GET,
a failed fetch), :mod:`.extract` (text and metadata), :mod:`.dedupe` (same address or nearly
the same text), :mod:`.store` (the archive) and :mod:`.link` (suggestions); :mod:`.records`
records URL states, :mod:`.counts` counts them, :mod:`.run` drives runs and
:mod:`.settings` reads the ``SCRAPER_*`` settings once per run.

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

from .counts import Summary
from .run import Pipeline, ScrapeLocked, run_scrape, select_outlets
from .settings import ScraperSettings, make_fetcher

__all__ = [
    "Pipeline",
    "ScrapeLocked",
    "ScraperSettings",
    "Summary",
    "make_fetcher",
    "run_scrape",
    "select_outlets",
]
