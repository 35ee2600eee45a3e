"""Fetcher behaviour over real HTTP against the local test server."""

from __future__ import annotations

import threading
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from scrapers.fetching import http as http_module
from scrapers.fetching.http import Fetcher, FetchResult, FetchSettings, Outcome, parse_retry_after

from .conftest import CONTACT_URL
from .http_server import DRIP_BYTES, ETAG, GZIP_BOMB_BYTES, LAST_MODIFIED


def test_ok_page_body_headers_and_user_agent(server, fetcher):
    result = fetcher.fetch(server.url("/articles/ru-ak-jar.html"))

    assert result.outcome is Outcome.OK
    assert result.ok
    assert result.status == 200
    assert result.final_url == result.url
    assert result.redirects == []
    assert result.media_type == "text/html"
    assert "Ак-Жар".encode() in result.body
    assert result.fetched_at.tzinfo is not None
    assert result.error == ""
    seen = server.requests("/articles/ru-ak-jar.html")[-1]
    assert seen.headers["User-Agent"] == f"UbadaBot/0.1 (+{CONTACT_URL})"


def test_contact_url_is_required():
    with pytest.raises(ValueError):
        Fetcher(FetchSettings(""))


def test_robots_txt_disallows_private_without_requesting_it(server, fetcher):
    result = fetcher.fetch(server.url("/private/secret.html"))

    assert result.outcome is Outcome.ROBOTS_DISALLOWED
    assert "robots.txt" in result.error
    assert server.hits("/private/secret.html") == 0


def test_robots_txt_is_cached_per_host(make_server, make_fetcher):
    own = make_server()
    fetcher = make_fetcher()
    for _ in range(3):
        assert fetcher.fetch(own.url("/json")).outcome is Outcome.OK
    assert own.hits("/robots.txt") == 1
    assert fetcher.robots_allowed(own.url("/articles/x.html"))
    assert not fetcher.robots_allowed(own.url("/private/x.html"))


def test_robots_txt_cache_expires(make_server, make_fetcher):
    own = make_server()
    fetcher = make_fetcher(robots_ttl=0.0)
    fetcher.fetch(own.url("/json"))
    fetcher.fetch(own.url("/json"))
    assert own.hits("/robots.txt") == 2


def test_robots_txt_4xx_allows_everything(make_server, make_fetcher):
    own = make_server(robots="404")
    result = make_fetcher().fetch(own.url("/private/secret.html"))
    assert result.outcome is Outcome.OK


def test_robots_txt_5xx_disallows_everything(make_server, make_fetcher):
    own = make_server(robots="500")
    result = make_fetcher().fetch(own.url("/articles/ru-ak-jar.html"))
    assert result.outcome is Outcome.ROBOTS_DISALLOWED
    assert own.hits("/articles/ru-ak-jar.html") == 0


def test_robots_txt_redirect_is_followed(make_server, make_fetcher):
    own = make_server(robots="redirect")
    fetcher = make_fetcher()
    assert fetcher.fetch(own.url("/private/secret.html")).outcome is Outcome.ROBOTS_DISALLOWED
    assert fetcher.fetch(own.url("/json")).outcome is Outcome.OK


def test_robots_txt_unreachable_disallows_and_says_why(make_fetcher, closed_port):
    result = make_fetcher().fetch(f"http://127.0.0.1:{closed_port}/news")
    assert result.outcome is Outcome.CONNECTION_ERROR
    assert "robots.txt unreachable" in result.error


def test_robots_can_be_switched_off(server, make_fetcher):
    result = make_fetcher(obey_robots=False).fetch(server.url("/private/secret.html"))
    assert result.outcome is Outcome.OK


def test_redirect_chain_is_followed(server, fetcher):
    result = fetcher.fetch(server.url("/redirect/chain/1"))

    assert result.outcome is Outcome.OK
    assert result.final_url == server.url("/articles/ru-ak-jar.html")
    assert result.redirects == [
        server.url("/redirect/chain/2"),
        server.url("/redirect/chain/3"),
        server.url("/articles/ru-ak-jar.html"),
    ]
    assert "электричество".encode() in result.body


def test_too_many_redirects(server, fetcher):
    result = fetcher.fetch(server.url("/redirect/long/0"))
    assert result.outcome is Outcome.TOO_MANY_REDIRECTS
    assert len(result.redirects) == 5
    assert result.body == b""


def test_redirect_loop(server, fetcher):
    result = fetcher.fetch(server.url("/redirect/loop/a"))
    assert result.outcome is Outcome.REDIRECT_LOOP
    assert result.redirects == [server.url("/redirect/loop/b")]


@pytest.mark.parametrize(
    ("path", "target", "reason"),
    [
        ("/redirect/private", "http://10.0.0.1/", "private"),
        ("/redirect/metadata", "http://169.254.169.254/latest/meta-data/", "metadata"),
    ],
)
def test_redirect_to_internal_address_is_refused(server, fetcher, monkeypatch, path, target,
                                                 reason):
    requested: list[str] = []
    send = fetcher.session.get
    monkeypatch.setattr(fetcher.session, "get",
                        lambda url, **kwargs: requested.append(url) or send(url, **kwargs))

    result = fetcher.fetch(server.url(path))

    assert result.outcome is Outcome.UNSAFE_ADDRESS
    assert reason in result.error
    assert result.final_url == target
    assert target not in requested  # refused before any connection attempt


def test_redirect_to_robots_disallowed_path_is_refused(server, fetcher):
    result = fetcher.fetch(server.url("/redirect/to-robots-disallowed"))
    assert result.outcome is Outcome.ROBOTS_DISALLOWED
    assert result.final_url == server.url("/private/secret.html")


def test_redirect_to_other_scheme_is_refused(server, fetcher):
    result = fetcher.fetch(server.url("/redirect/ftp"))
    assert result.outcome is Outcome.UNSAFE_ADDRESS
    assert "ftp" in result.error


def test_redirect_without_location_is_an_http_error(server, fetcher):
    result = fetcher.fetch(server.url("/redirect/no-location"))
    assert result.outcome is Outcome.HTTP_ERROR
    assert result.status == 302


def test_loopback_is_refused_unless_allowed(server, make_fetcher):
    result = make_fetcher(allow_loopback=False).fetch(server.url("/json"))
    assert result.outcome is Outcome.UNSAFE_ADDRESS
    assert "loopback" in result.error


@pytest.mark.parametrize("url", ["http://10.0.0.1/", "http://[fd00:ec2::254]/", "http://0.0.0.0/"])
def test_internal_addresses_are_refused(fetcher, url):
    assert fetcher.fetch(url).outcome is Outcome.UNSAFE_ADDRESS


def test_peer_address_is_checked_after_connecting(server, make_fetcher, monkeypatch):
    """DNS rebinding: even if the pre-check is fooled, the connected peer is checked."""
    monkeypatch.setattr(http_module, "check_public_address", lambda *args, **kwargs: [])
    fetcher = make_fetcher(allow_loopback=False, obey_robots=False)
    before = server.hits("/etag")

    result = fetcher.fetch(server.url("/etag"))

    assert result.outcome is Outcome.UNSAFE_ADDRESS
    assert "127.0.0.1" in result.error
    assert server.hits("/etag") == before


def test_404_is_an_http_error_and_not_retried(server, fetcher):
    result = fetcher.fetch(server.url("/status/404"))
    assert result.outcome is Outcome.HTTP_ERROR
    assert result.status == 404
    assert result.attempts == 1
    assert result.body == b""


def test_500_is_retried_then_reported(server, make_fetcher):
    before = server.hits("/status/500")
    result = make_fetcher(max_retries=2).fetch(server.url("/status/500"))

    assert result.outcome is Outcome.HTTP_ERROR
    assert result.status == 500
    assert result.attempts == 3
    assert server.hits("/status/500") - before == 3


def test_503_then_200_succeeds_after_backoff(server, fetcher):
    sleeps: list[float] = []
    fetcher._sleep = lambda seconds: sleeps.append(seconds) or time.sleep(seconds)

    result = fetcher.fetch(server.url("/flaky/503?key=backoff"))

    assert result.outcome is Outcome.OK
    assert result.status == 200
    assert result.attempts == 2
    assert sleeps == [pytest.approx(0.05)]
    assert "Ак-Жар".encode() in result.body


def test_429_retry_after_is_honoured(server, make_fetcher):
    sleeps: list[float] = []
    fetcher = make_fetcher(max_retries=1, max_retry_wait=2.0)
    fetcher._sleep = lambda seconds: sleeps.append(seconds) or time.sleep(seconds)

    result = fetcher.fetch(server.url("/status/429"))

    assert sleeps == [1.0]
    assert result.attempts == 2
    assert result.outcome is Outcome.RETRY_LATER
    assert result.status == 429
    assert result.retry_after == 1.0


def test_429_longer_than_max_wait_returns_retry_later_at_once(server, make_fetcher):
    fetcher = make_fetcher(max_retries=3, max_retry_wait=0.5)
    sleeps: list[float] = []
    fetcher._sleep = sleeps.append

    result = fetcher.fetch(server.url("/status/429"))

    assert result.outcome is Outcome.RETRY_LATER
    assert result.retry_after == 1.0
    assert result.attempts == 1
    assert sleeps == []  # no waiting for the server's Retry-After


def test_429_with_http_date(server, make_fetcher):
    result = make_fetcher(max_retry_wait=0.5).fetch(server.url("/status/429-date"))
    assert result.outcome is Outcome.RETRY_LATER
    assert 1.0 < result.retry_after <= 3.0


def test_parse_retry_after():
    now = datetime(2024, 1, 1, 12, 0, tzinfo=UTC)
    assert parse_retry_after("120") == 120.0
    assert (
        parse_retry_after(format_datetime(now + timedelta(seconds=30), usegmt=True), now=now)
        == 30.0
    )
    assert parse_retry_after(format_datetime(now - timedelta(days=1), usegmt=True), now=now) == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


# The drip server sends one byte a second, each within the read timeout: only the overall
# deadline can cut the request, long before the server has sent everything (DRIP_BYTES s). The
# upper bound leaves a loaded machine many seconds of slack; the error says which limit cut it.


def test_drip_body_is_cut_at_the_deadline(server, make_fetcher):
    fetcher = make_fetcher(deadline=1.5, read_timeout=1.2)
    started = time.monotonic()

    result = fetcher.fetch(server.url("/drip"))

    elapsed = time.monotonic() - started
    assert result.outcome is Outcome.TIMEOUT
    assert "deadline of 1.5 s exceeded" in result.error
    assert result.body == b""
    assert 1.4 <= elapsed < DRIP_BYTES / 2


def test_drip_headers_are_cut_at_the_deadline(server, make_fetcher):
    fetcher = make_fetcher(deadline=1.5, read_timeout=1.2)
    started = time.monotonic()

    result = fetcher.fetch(server.url("/drip-headers"))

    assert result.outcome is Outcome.TIMEOUT
    assert "deadline of 1.5 s exceeded" in result.error
    assert time.monotonic() - started < DRIP_BYTES / 2


def test_fetcher_still_works_after_a_timeout(server, make_fetcher):
    fetcher = make_fetcher(deadline=1.0, read_timeout=0.8)
    assert fetcher.fetch(server.url("/drip")).outcome is Outcome.TIMEOUT
    assert fetcher.fetch(server.url("/json")).outcome is Outcome.OK


def test_oversized_body_with_content_length(server, fetcher):
    result = fetcher.fetch(server.url("/big"))
    assert result.outcome is Outcome.TOO_LARGE
    assert result.body == b""
    assert "Content-Length" in result.error


def test_oversized_chunked_body_is_cut_while_streaming(server, fetcher):
    result = fetcher.fetch(server.url("/big-chunked"))
    assert result.outcome is Outcome.TOO_LARGE
    assert "decoded" in result.error


def test_gzip_bomb_is_refused(server, fetcher):
    assert len(server.gzip_bomb) < 100 * 1024  # small on the wire...
    tracemalloc.start()
    try:
        result = fetcher.fetch(server.url("/gzip-bomb"))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert result.outcome is Outcome.TOO_LARGE  # ...but far over max_bytes decoded
    assert result.body == b""
    assert peak < GZIP_BOMB_BYTES / 4  # decoding stopped early: the bomb never filled memory


def test_gzip_body_is_decoded(server, fetcher):
    result = fetcher.fetch(server.url("/gzip-ok"))
    assert result.outcome is Outcome.OK
    assert result.body.startswith(b"<html>")
    assert "Ак-Жар".encode() in result.body


def test_conditional_get_with_etag(server, fetcher):
    first = fetcher.fetch(server.url("/etag"))
    assert first.outcome is Outcome.OK
    assert first.etag == ETAG
    assert first.last_modified == LAST_MODIFIED

    second = fetcher.fetch(server.url("/etag"), etag=first.etag)

    assert second.outcome is Outcome.NOT_MODIFIED
    assert second.status == 304
    assert second.body == b""
    assert server.requests("/etag")[-1].headers["If-None-Match"] == ETAG


def test_conditional_get_with_last_modified(server, fetcher):
    result = fetcher.fetch(server.url("/etag"), last_modified=LAST_MODIFIED)
    assert result.outcome is Outcome.NOT_MODIFIED
    assert server.requests("/etag")[-1].headers["If-Modified-Since"] == LAST_MODIFIED


def test_wrong_content_type_is_refused(server, fetcher):
    result = fetcher.fetch(server.url("/binary"))
    assert result.outcome is Outcome.BAD_CONTENT_TYPE
    assert "application/octet-stream" in result.error
    assert result.body == b""


@pytest.mark.parametrize("path", ["/json", "/vendor-xml", "/feeds/atom.xml", "/robots.txt"])
def test_allowed_content_types(server, fetcher, path):
    assert fetcher.fetch(server.url(path)).outcome is Outcome.OK


def test_connection_refused(make_fetcher, closed_port):
    result = make_fetcher(obey_robots=False).fetch(f"http://127.0.0.1:{closed_port}/")
    assert result.outcome is Outcome.CONNECTION_ERROR
    assert result.attempts == 1


def test_untrusted_certificate_is_a_final_tls_error(tls_server, make_fetcher):
    result = make_fetcher(obey_robots=False, max_retries=3).fetch(tls_server + "/")
    assert result.outcome is Outcome.TLS_ERROR
    assert result.attempts == 1
    assert "certificate" in result.error.lower()


def test_tls_failure_of_robots_txt_is_reported_as_tls_error(tls_server, make_fetcher):
    result = make_fetcher().fetch(tls_server + "/news")
    assert result.outcome is Outcome.TLS_ERROR


@pytest.mark.parametrize(
    ("url", "outcome"),
    [
        ("ftp://example.org/x", Outcome.UNSAFE_ADDRESS),
        ("http://", Outcome.INVALID_URL),
        ("http://[::1", Outcome.INVALID_URL),
        ("not a url", Outcome.UNSAFE_ADDRESS),
        ("http://no-such-host.invalid/", Outcome.CONNECTION_ERROR),
    ],
)
def test_bad_urls_never_raise(fetcher, url, outcome):
    result = fetcher.fetch(url)
    assert isinstance(result, FetchResult)
    assert result.outcome is outcome
    assert result.error


def test_politeness_delay_between_requests_to_one_host(make_server, make_fetcher):
    own = make_server()
    fetcher = make_fetcher(politeness_delay=0.3)
    fetcher.fetch(own.url("/json"))  # robots.txt, then /json
    fetcher.fetch(own.url("/json"))
    times = [r.at for r in own.requests()]
    assert len(times) == 3
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert all(gap >= 0.27 for gap in gaps), gaps


def test_politeness_delay_is_thread_safe(make_server, make_fetcher):
    own = make_server(robots="404")
    fetcher = make_fetcher(politeness_delay=0.2)
    fetcher.fetch(own.url("/json"))
    threads = [threading.Thread(target=fetcher.fetch, args=(own.url("/json"),)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    times = sorted(r.at for r in own.requests("/json"))
    assert len(times) == 5
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert all(gap >= 0.17 for gap in gaps), gaps


def test_other_hosts_are_not_delayed(server, make_server, make_fetcher):
    other = make_server(robots="404")
    fetcher = make_fetcher(politeness_delay=5.0, obey_robots=False)
    sleeps: list[float] = []
    fetcher._sleep = sleeps.append
    assert fetcher.fetch(server.url("/json")).ok
    assert fetcher.fetch(other.url("/json").replace("127.0.0.1", "localhost")).ok
    assert sleeps == []


def test_outcome_values_are_strings():
    assert Outcome.OK == "ok"
    assert Outcome("retry_later") is Outcome.RETRY_LATER
