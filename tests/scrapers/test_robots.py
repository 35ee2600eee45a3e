"""robots.txt as RFC 9309 reads it, fetched from the local test server: wildcards, ``$``,
the longest match, and ``Crawl-delay`` stretching the interval between two requests."""

from __future__ import annotations

import pytest

from scrapers.fetching.http import Outcome

RFC9309_RULES = b"""User-agent: *
Disallow: /*.pdf$
Disallow: /private/
Allow: /private/open/
Disallow: /search*q=
"""


@pytest.fixture
def rfc9309_server(make_server):
    return make_server(robots=RFC9309_RULES)


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ("/files/doc.pdf", False),
        ("/files/doc.PDF", True),  # paths match case-sensitively
        ("/files/doc.pdf.html", True),  # "$" anchors the end of the path
        ("/files/doc.pdf?download=1", True),
        ("/search?page=2&q=water", False),  # "*" in the middle of a rule
        ("/search?page=2", True),
        ("/private/report.html", False),
        ("/private/open/x", True),  # the longest matching rule wins
        ("/articles/ru-ak-jar.html", True),
    ],
)
def test_rfc9309_wildcards_end_anchor_and_longest_match(
    rfc9309_server, make_fetcher, path, allowed
):
    assert make_fetcher().robots_allowed(rfc9309_server.url(path)) is allowed


def test_disallowed_pdf_is_never_requested(rfc9309_server, make_fetcher):
    result = make_fetcher().fetch(rfc9309_server.url("/files/doc.pdf"))

    assert result.outcome is Outcome.ROBOTS_DISALLOWED
    assert rfc9309_server.hits("/files/doc.pdf") == 0


def test_the_bot_group_overrides_the_star_group(make_server, make_fetcher):
    own = make_server(robots=b"User-agent: *\nDisallow: /\n\nUser-agent: UbadaBot\nAllow: /\n")
    assert make_fetcher().robots_allowed(own.url("/articles/x.html"))


def _intervals_between_two_fetches(server, fetcher) -> list[float]:
    """The intervals the fetcher put between its requests to the host (robots.txt, then two
    pages). Its sleeps are recorded, not slept, so each is the distance to its slot."""
    sleeps: list[float] = []
    fetcher._sleep = sleeps.append
    for _ in range(2):
        assert fetcher.fetch(server.url("/json")).outcome is Outcome.OK
    return [later - earlier for earlier, later in zip([0.0, *sleeps], sleeps, strict=False)]


@pytest.mark.parametrize(
    ("politeness_delay", "crawl_delay", "expected_wait"),
    [
        (0.0, b"5", 5.0),  # Crawl-delay raises the configured delay
        (8.0, b"5", 8.0),  # never lowers it
        (0.0, b"3600", 60.0),  # an absurd Crawl-delay is capped
    ],
)
def test_crawl_delay_sets_the_interval_between_requests(
    make_server, make_fetcher, politeness_delay, crawl_delay, expected_wait
):
    own = make_server(robots=b"User-agent: *\nCrawl-delay: " + crawl_delay + b"\nAllow: /\n")
    fetcher = make_fetcher(politeness_delay=politeness_delay)

    intervals = _intervals_between_two_fetches(own, fetcher)

    assert intervals[-1] == pytest.approx(expected_wait, abs=0.5)


def test_crawl_delay_is_ignored_when_robots_is_switched_off(make_server, make_fetcher):
    own = make_server(robots=b"User-agent: *\nCrawl-delay: 5\n")
    assert _intervals_between_two_fetches(own, make_fetcher(obey_robots=False)) == []
