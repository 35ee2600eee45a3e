"""What a :class:`~scrapers.fetching.http.Fetcher` may do, in one frozen object.

The defaults here are the site's defaults (``ubada/settings/base.py`` sets the same values and
lets the environment override them); the Django side builds one object from the ``SCRAPER_*``
settings per run (:func:`scrapers.pipeline.settings.ScraperSettings.from_django`), so a value
is read in one place and the fetcher itself stays framework-free.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT_CONTENT_TYPES", "FetchSettings"]

DEFAULT_CONTENT_TYPES = frozenset(
    {
        "text/html",
        "application/xhtml+xml",
        "text/xml",
        "application/xml",
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/json",
        "application/feed+json",
        "text/plain",
    }
)


@dataclass(frozen=True)
class FetchSettings:
    """Limits and manners of one fetcher.

    ``deadline`` applies to each HTTP request (each redirect hop and each retry).
    ``max_retries`` counts retries after the first attempt; a ``Retry-After`` longer than
    ``max_retry_wait`` is not waited for. ``politeness_delay`` is the minimum interval between
    two requests to one host. ``allow_loopback`` exists for the tests and the benchmark only.
    """

    #: named in the User-Agent so that a site's operator can find out who is calling
    contact_url: str
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    deadline: float = 60.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    max_retries: int = 2
    backoff_base: float = 2.0
    max_retry_wait: float = 60.0
    politeness_delay: float = 2.0
    obey_robots: bool = True
    robots_ttl: float = 3600.0
    robots_error_ttl: float = 600.0
    allowed_content_types: frozenset[str] = DEFAULT_CONTENT_TYPES
    allow_loopback: bool = False
    accept_language: str = "ru,kk;q=0.9,ky;q=0.9,en;q=0.8"

    def __post_init__(self) -> None:
        if not self.contact_url:
            raise ValueError("a contact URL is required for the User-Agent")
        # a list or set given by a caller becomes a lower-cased frozenset
        types = frozenset(t.lower() for t in self.allowed_content_types)
        object.__setattr__(self, "allowed_content_types", types)
