"""A polite, defensive HTTP fetcher for news scraping.

One :class:`Fetcher` wraps one ``requests.Session``. :meth:`Fetcher.fetch` never raises for
network or HTTP problems: every call returns a :class:`FetchResult` whose ``outcome`` says what
happened.

Defences, per request:

* every hop of a redirect chain (followed by hand, at most ``max_redirects``) must resolve to
  public addresses (:func:`~scrapers.fetching.urls.check_public_address`); the address actually
  connected to is checked again after connecting, which defeats DNS rebinding;
* connect and read timeouts plus an overall deadline per HTTP request: a watchdog thread shuts
  the socket down when the deadline passes, so a server that drips one byte per second (in
  the headers or in the body) is cut off on time;
* a cap on the decoded body size (a gzip bomb is refused after ``max_bytes`` decoded bytes);
* an allow-list of content types; TLS is always verified (a TLS failure is final);
* 429 and 5xx are retried with exponential backoff, honouring ``Retry-After``;
* robots.txt read by protego as RFC 9309 reads it (wildcards ``*`` and ``$``, the longest
  match wins; 4xx means allow all, 5xx or unreachable means disallow all), cached per host;
* a minimum interval between two requests to one host (thread-safe): the configured
  ``politeness_delay``, or the host's ``Crawl-delay`` if longer (capped at one minute).

Environment proxies are ignored (``trust_env = False``): the address checks must see the real
peer.
"""

from __future__ import annotations

import contextlib
import enum
import http.client
import logging
import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import requests
import urllib3
from protego import Protego
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from .settings import DEFAULT_CONTENT_TYPES, FetchSettings
from .urls import UnsafeAddress, check_public_address, unsafe_reason

__all__ = [
    "DEFAULT_CONTENT_TYPES",
    "FetchResult",
    "FetchSettings",
    "Fetcher",
    "Outcome",
    "parse_retry_after",
]

log = logging.getLogger(__name__)

BOT_NAME = "UbadaBot"
BOT_VERSION = "0.1"

_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_READ_CHUNK = 64 * 1024
_ROBOTS_MAX_BYTES = 512 * 1024


class Outcome(enum.StrEnum):
    OK = "ok"
    NOT_MODIFIED = "not_modified"
    HTTP_ERROR = "http_error"
    ROBOTS_DISALLOWED = "robots_disallowed"
    UNSAFE_ADDRESS = "unsafe_address"
    TOO_LARGE = "too_large"
    TIMEOUT = "timeout"
    TOO_MANY_REDIRECTS = "too_many_redirects"
    REDIRECT_LOOP = "redirect_loop"
    BAD_CONTENT_TYPE = "bad_content_type"
    TLS_ERROR = "tls_error"
    CONNECTION_ERROR = "connection_error"
    RETRY_LATER = "retry_later"
    INVALID_URL = "invalid_url"


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class FetchResult:
    outcome: Outcome
    url: str
    final_url: str = ""
    status: int | None = None
    #: response headers of the last response, names lower-cased
    headers: dict[str, str] = field(default_factory=dict)
    #: decoded (Content-Encoding removed) body; empty unless outcome is ``ok``
    body: bytes = b""
    fetched_at: datetime = field(default_factory=_utcnow)
    error: str = ""
    #: seconds to wait before trying again (``retry_later`` only)
    retry_after: float | None = None
    #: every URL requested after ``url`` because of redirects, in order
    redirects: list[str] = field(default_factory=list)
    #: HTTP requests made for the last hop (more than one when retried)
    attempts: int = 0

    @property
    def ok(self) -> bool:
        return self.outcome is Outcome.OK

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    @property
    def media_type(self) -> str:
        return self.content_type.split(";", 1)[0].strip().lower()

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or _utcnow())).total_seconds())


# --- per-request context shared with the connection classes (same thread) -------------------


class _RequestContext:
    """Sockets used by one HTTP request, so a watchdog can shut them down at the deadline."""

    def __init__(self, allow_loopback: bool) -> None:
        self.allow_loopback = allow_loopback
        self.aborted = False
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._connections: list[Any] = []

    def add_socket(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            aborted = self.aborted
        if aborted:
            _shutdown(sock)

    def add_connection(self, conn: Any) -> None:
        with self._lock:
            self._connections.append(conn)

    def abort(self) -> None:
        with self._lock:
            self.aborted = True
            sockets = list(self._sockets)
            sockets += [c.sock for c in self._connections if getattr(c, "sock", None)]
        for sock in sockets:
            _shutdown(sock)


def _shutdown(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed
        sock.shutdown(socket.SHUT_RDWR)


_local = threading.local()


def _context() -> _RequestContext | None:
    return getattr(_local, "context", None)


def _check_peer(sock: socket.socket, host: str) -> None:
    context = _context()
    allow_loopback = context.allow_loopback if context else False
    try:
        peer = sock.getpeername()[0]
    except OSError:
        return
    reason = unsafe_reason(str(peer).split("%", 1)[0], allow_loopback)
    if reason:
        sock.close()
        raise UnsafeAddress(host, str(peer), reason)


class _GuardedHTTPConnection(HTTPConnection):
    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        context = _context()
        if context is not None:
            context.add_socket(sock)
        _check_peer(sock, self.host)
        return sock


class _GuardedHTTPSConnection(HTTPSConnection):
    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        context = _context()
        if context is not None:
            context.add_socket(sock)
        _check_peer(sock, self.host)
        return sock


class _TrackedPoolMixin:
    """Hands each connection taken from the pool to the current request's watchdog."""

    def _get_conn(self, timeout: float | None = None) -> Any:
        conn = super()._get_conn(timeout)
        context = _context()
        if context is not None:
            context.add_connection(conn)
        return conn


class _GuardedHTTPPool(_TrackedPoolMixin, HTTPConnectionPool):
    ConnectionCls = _GuardedHTTPConnection


class _GuardedHTTPSPool(_TrackedPoolMixin, HTTPSConnectionPool):
    ConnectionCls = _GuardedHTTPSConnection


class _GuardedAdapter(HTTPAdapter):
    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": _GuardedHTTPPool,
            "https": _GuardedHTTPSPool,
        }


def _guarded_session(user_agent: str, accept_language: str) -> requests.Session:
    """A session that checks every peer address, ignores environment proxies, verifies TLS."""
    session = requests.Session()
    session.trust_env = False  # no proxies/netrc: the peer check must see the peer
    session.verify = True
    adapter = _GuardedAdapter(max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers.update(
        {
            "User-Agent": user_agent,
            "Accept": (
                "text/html,application/xhtml+xml,application/xml;q=0.9,"
                "application/rss+xml,application/atom+xml;q=0.9,*/*;q=0.5"
            ),
            "Accept-Language": accept_language,
        }
    )
    return session


# --- internal per-request result ------------------------------------------------------------


@dataclass
class _Response:
    outcome: Outcome | None  # None: a complete HTTP response (any status)
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    error: str = ""


def _find_in_chain(exc: BaseException, kind: type[BaseException]) -> BaseException | None:
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        current = todo.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, kind):
            return current
        todo.extend([current.__cause__, current.__context__])
        todo.extend(a for a in getattr(current, "args", ()) if isinstance(a, BaseException))
        reason = getattr(current, "reason", None)
        if isinstance(reason, BaseException):
            todo.append(reason)
    return None


_NETWORK_ERRORS: tuple[type[BaseException], ...] = (
    requests.RequestException,
    urllib3.exceptions.HTTPError,
    http.client.HTTPException,
    OSError,
    UnsafeAddress,
)


# A Crawl-delay above this is a typo or a wish to be left alone: waiting longer between two
# requests would stall a whole scrape run on one host.
_MAX_CRAWL_DELAY = 60.0


class _RobotsEntry:
    def __init__(
        self,
        parser: Protego | None,
        allow: bool,
        expires: float,
        failure: tuple[Outcome, str] | None = None,
    ) -> None:
        self.parser = parser
        self.allow = allow  # used when parser is None
        self.expires = expires
        #: why robots.txt could not be read at all (network-level failure), if it could not
        self.failure = failure

    def can_fetch(self, agent: str, url: str) -> bool:
        if self.parser is None:
            return self.allow
        return self.parser.can_fetch(url, agent)

    def crawl_delay(self, agent: str) -> float:
        """The host's ``Crawl-delay`` for ``agent`` in seconds (0 if none), capped."""
        delay = self.parser.crawl_delay(agent) if self.parser is not None else None
        return min(float(delay or 0.0), _MAX_CRAWL_DELAY)


class Fetcher:
    """Fetch URLs politely and safely, within the limits of one :class:`FetchSettings`; see
    the module docstring. ``sleep`` is replaceable so that tests can watch the waits."""

    def __init__(
        self, settings: FetchSettings, *, sleep: Callable[[float], None] = time.sleep
    ) -> None:
        self.settings = settings
        self.user_agent = f"{BOT_NAME}/{BOT_VERSION} (+{settings.contact_url})"
        self.robots_agent = BOT_NAME
        self._sleep = sleep
        self.session = _guarded_session(self.user_agent, settings.accept_language)
        self._host_lock = threading.Lock()
        self._next_slot: dict[str, float] = {}
        self._robots_lock = threading.Lock()
        self._robots: dict[str, _RobotsEntry] = {}

    # -- lifecycle ---------------------------------------------------------------------------

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_exc_info: object) -> None:
        self.close()

    # -- public API --------------------------------------------------------------------------

    def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> FetchResult:
        """GET ``url``; pass the previous ETag/Last-Modified for a conditional request."""
        result = FetchResult(outcome=Outcome.OK, url=url, final_url=url)
        conditional: dict[str, str] = {}
        if etag:
            conditional["If-None-Match"] = etag
        if last_modified:
            conditional["If-Modified-Since"] = last_modified
        self._fetch_into(result, url, conditional)
        result.fetched_at = _utcnow()
        return result

    def robots_allowed(self, url: str) -> bool:
        """Whether robots.txt of the URL's host lets this bot fetch ``url``."""
        return self._robots_entry(url).can_fetch(self.robots_agent, url)

    def _robots_entry(self, url: str) -> _RobotsEntry:
        key = _origin(url)
        now = time.monotonic()
        with self._robots_lock:
            entry = self._robots.get(key)
        if entry is None or entry.expires <= now:
            entry = self._load_robots(key)
            with self._robots_lock:
                self._robots[key] = entry
        return entry

    # -- redirects and retries ---------------------------------------------------------------

    def _fetch_into(self, result: FetchResult, url: str, conditional: dict[str, str]) -> None:
        current = _strip_fragment(url)
        visited = {current}
        while True:
            result.final_url = current
            problem = self._preflight(current, check_robots=self.settings.obey_robots)
            if problem is not None:
                result.outcome, result.error = problem
                result.status, result.headers = None, {}  # nothing was asked of this URL
                return
            response, attempts = self._request_with_retries(current, conditional)
            result.attempts = attempts
            result.status = response.status
            result.headers = response.headers
            if response.outcome is not None:
                result.outcome = response.outcome
                result.error = response.error
                return
            if (response.status or 0) not in _REDIRECT_STATUSES:
                self._classify_final(result, response, attempts)
                return
            current = self._redirect_target(result, response, visited)
            if current is None:
                return

    def _redirect_target(
        self, result: FetchResult, response: _Response, visited: set[str]
    ) -> str | None:
        """The next hop of a redirect; None (with the outcome set) when it is not followed."""
        current = result.final_url
        location = response.headers.get("location", "").strip()
        if not location:
            result.outcome = Outcome.HTTP_ERROR
            result.error = f"HTTP {response.status} without a Location header"
            return None
        target = _strip_fragment(urljoin(current, location))
        if target in visited:
            result.outcome = Outcome.REDIRECT_LOOP
            result.error = f"redirect loop: {current} -> {target}"
            return None
        if len(result.redirects) >= self.settings.max_redirects:
            result.outcome = Outcome.TOO_MANY_REDIRECTS
            result.error = f"more than {self.settings.max_redirects} redirects"
            return None
        visited.add(target)
        result.redirects.append(target)
        return target

    def _classify_final(self, result: FetchResult, response: _Response, attempts: int) -> None:
        """The outcome of the last (non-redirect) response."""
        status = response.status or 0
        if status == 304:
            result.outcome = Outcome.NOT_MODIFIED
            return
        if 200 <= status < 300:
            result.outcome = Outcome.OK
            result.body = response.body
            return
        retry_after = parse_retry_after(response.headers.get("retry-after"))
        if status == 429 or (status == 503 and retry_after is not None):
            result.outcome = Outcome.RETRY_LATER
            if retry_after is None:
                retry_after = self._backoff(attempts)
            result.retry_after = retry_after
            result.error = f"HTTP {status}: retry after {result.retry_after:g} s"
            return
        result.outcome = Outcome.HTTP_ERROR
        result.error = f"HTTP {status}"

    def _preflight(self, url: str, check_robots: bool) -> tuple[Outcome, str] | None:
        try:
            parts = urlsplit(url)
            host = parts.hostname
            port = parts.port
        except ValueError as exc:
            return Outcome.INVALID_URL, f"invalid URL {url!r}: {exc}"
        if parts.scheme.lower() not in ("http", "https"):
            return Outcome.UNSAFE_ADDRESS, f"scheme {parts.scheme!r} refused: {url}"
        if not host:
            return Outcome.INVALID_URL, f"no host in URL {url!r}"
        try:
            check_public_address(host, self.settings.allow_loopback, port)
        except UnsafeAddress as exc:
            return Outcome.UNSAFE_ADDRESS, str(exc)
        except (OSError, UnicodeError) as exc:
            return Outcome.CONNECTION_ERROR, f"cannot resolve {host}: {exc}"
        if check_robots:
            entry = self._robots_entry(url)
            if not entry.can_fetch(self.robots_agent, url):
                if entry.failure is not None:
                    # robots.txt unreachable (RFC 9309: disallow all); report why
                    outcome, error = entry.failure
                    return outcome, f"robots.txt unreachable, not fetching: {error}"
                return Outcome.ROBOTS_DISALLOWED, f"robots.txt disallows {url}"
        return None

    def _backoff(self, attempt: int) -> float:
        return self.settings.backoff_base * (2 ** max(0, attempt - 1))

    def _request_with_retries(self, url: str, conditional: dict[str, str]) -> tuple[_Response, int]:
        attempt = 0
        while True:
            attempt += 1
            response = self._request(url, conditional, self.settings.max_bytes, check_type=True)
            status = response.status or 0
            retryable = response.outcome is None and (status == 429 or 500 <= status < 600)
            if not retryable or attempt > self.settings.max_retries:
                return response, attempt
            wait = parse_retry_after(response.headers.get("retry-after"))
            if wait is None:
                wait = self._backoff(attempt)
            if wait > self.settings.max_retry_wait:
                return response, attempt
            log.info("HTTP %s from %s, retrying in %.2f s", status, url, wait)
            self._sleep(wait)

    # -- one HTTP request --------------------------------------------------------------------

    def _host_delay(self, url: str) -> float:
        """Seconds between two requests to the URL's host: the configured delay, or the
        Crawl-delay of its robots.txt if that is longer and has been read already (the
        robots.txt request itself must not wait for robots.txt)."""
        delay = self.settings.politeness_delay
        if self.settings.obey_robots:
            with self._robots_lock:
                entry = self._robots.get(_origin(url))
            if entry is not None:
                delay = max(delay, entry.crawl_delay(self.robots_agent))
        return delay

    def _wait_politely(self, url: str) -> None:
        delay = self._host_delay(url)
        if delay <= 0:
            return
        host = (urlsplit(url).hostname or "").lower()
        with self._host_lock:
            now = time.monotonic()
            slot = max(now, self._next_slot.get(host, 0.0))
            self._next_slot[host] = slot + delay
        if slot > now:
            self._sleep(slot - now)

    def _request(
        self,
        url: str,
        extra_headers: dict[str, str],
        max_bytes: int,
        check_type: bool,
    ) -> _Response:
        settings = self.settings
        self._wait_politely(url)
        context = _RequestContext(settings.allow_loopback)
        watchdog = threading.Timer(settings.deadline, context.abort)
        watchdog.daemon = True
        deadline_at = time.monotonic() + settings.deadline
        response: requests.Response | None = None
        _local.context = context
        watchdog.start()
        try:
            response = self.session.get(
                url,
                headers=extra_headers,
                allow_redirects=False,
                stream=True,
                timeout=(settings.connect_timeout, min(settings.read_timeout, settings.deadline)),
                verify=True,
            )
            return self._read_response(response, max_bytes, check_type, deadline_at, context)
        except _NETWORK_ERRORS as exc:
            return self._classify(exc, context)
        finally:
            watchdog.cancel()
            _local.context = None
            if response is not None:
                response.close()

    def _read_response(
        self,
        response: requests.Response,
        max_bytes: int,
        check_type: bool,
        deadline_at: float,
        context: _RequestContext,
    ) -> _Response:
        headers = {k.lower(): v for k, v in response.headers.items()}
        status = response.status_code
        result = _Response(outcome=None, status=status, headers=headers)
        if not 200 <= status < 300:
            return result  # redirects, 304 and errors: the body is not needed
        refusal = self._refusal(headers, max_bytes, check_type)
        if refusal is not None:
            result.outcome, result.error = refusal
            return result
        chunks: list[bytes] = []
        size = 0
        for chunk in response.raw.stream(_READ_CHUNK, decode_content=True):
            size += len(chunk)
            if size > max_bytes:
                result.outcome = Outcome.TOO_LARGE
                result.error = f"body exceeds {max_bytes} bytes (decoded)"
                return result
            if context.aborted or time.monotonic() > deadline_at:
                result.outcome = Outcome.TIMEOUT
                result.error = f"deadline of {self.settings.deadline:g} s exceeded while reading"
                return result
            chunks.append(chunk)
        if context.aborted:
            result.outcome = Outcome.TIMEOUT
            result.error = f"deadline of {self.settings.deadline:g} s exceeded while reading"
            return result
        result.body = b"".join(chunks)
        return result

    def _refusal(
        self, headers: dict[str, str], max_bytes: int, check_type: bool
    ) -> tuple[Outcome, str] | None:
        """Why a successful response's body is not read at all, judging by its headers."""
        if check_type:
            media_type = headers.get("content-type", "").split(";", 1)[0].strip().lower()
            if media_type and not self._type_allowed(media_type):
                return Outcome.BAD_CONTENT_TYPE, f"content type {media_type!r} not allowed"
        declared = headers.get("content-length", "").strip()
        if declared.isdigit() and int(declared) > max_bytes:
            return Outcome.TOO_LARGE, f"Content-Length {declared} exceeds {max_bytes} bytes"
        return None

    def _type_allowed(self, media_type: str) -> bool:
        allowed = self.settings.allowed_content_types
        if media_type in allowed:
            return True
        # vendor types such as application/vnd.foo+xml or +json
        return media_type.endswith(("+xml", "+json")) and any(
            t.endswith(("/xml", "+xml", "/json", "+json")) for t in allowed
        )

    def _classify(self, exc: BaseException, context: _RequestContext) -> _Response:
        unsafe = _find_in_chain(exc, UnsafeAddress)
        if unsafe is not None:
            return _Response(Outcome.UNSAFE_ADDRESS, error=str(unsafe))
        if context.aborted:
            deadline = self.settings.deadline
            return _Response(Outcome.TIMEOUT, error=f"deadline of {deadline:g} s exceeded")
        if (
            isinstance(exc, requests.exceptions.SSLError)
            or _find_in_chain(exc, urllib3.exceptions.SSLError)
            or _find_in_chain(exc, ssl.SSLError)
        ):
            return _Response(Outcome.TLS_ERROR, error=f"TLS error: {exc}")
        # urllib3's NewConnectionError subclasses ConnectTimeoutError: refused is not a timeout
        if _find_in_chain(exc, urllib3.exceptions.NewConnectionError) is not None and not (
            _find_in_chain(exc, TimeoutError)
        ):
            return _Response(Outcome.CONNECTION_ERROR, error=f"{type(exc).__name__}: {exc}")
        if (
            isinstance(exc, requests.exceptions.Timeout)
            or _find_in_chain(exc, urllib3.exceptions.TimeoutError)
            or _find_in_chain(exc, TimeoutError)
        ):
            return _Response(Outcome.TIMEOUT, error=f"timeout: {exc}")
        if isinstance(
            exc,
            (
                requests.exceptions.InvalidURL,
                requests.exceptions.MissingSchema,
                requests.exceptions.InvalidSchema,
            ),
        ):
            return _Response(Outcome.INVALID_URL, error=str(exc))
        return _Response(Outcome.CONNECTION_ERROR, error=f"{type(exc).__name__}: {exc}")

    # -- robots.txt --------------------------------------------------------------------------

    def _load_robots(self, origin: str) -> _RobotsEntry:
        now = time.monotonic()
        url = origin + "/robots.txt"
        visited = {url}
        for _hop in range(6):  # RFC 9309: follow at least five redirects
            problem = self._preflight(url, check_robots=False)
            if problem is not None:
                log.info("robots.txt %s unreachable (%s): disallow all", url, problem[1])
                return _RobotsEntry(None, False, now + self.settings.robots_error_ttl, problem)
            response = self._request(url, {}, _ROBOTS_MAX_BYTES, check_type=False)
            status = response.status or 0
            if response.outcome is Outcome.TOO_LARGE:
                # RFC 9309 allows parsing the first 500 KiB; we simply give up: allow all
                return _RobotsEntry(None, True, now + self.settings.robots_ttl)
            if response.outcome is not None:
                log.info("robots.txt %s unreachable (%s): disallow all", url, response.error)
                failure = (response.outcome, response.error)
                return _RobotsEntry(None, False, now + self.settings.robots_error_ttl, failure)
            if status == 429 or status >= 500:
                log.info("robots.txt %s answered HTTP %s: disallow all", url, status)
                return _RobotsEntry(None, False, now + self.settings.robots_error_ttl)
            if status in _REDIRECT_STATUSES and response.headers.get("location"):
                url = _strip_fragment(urljoin(url, response.headers["location"].strip()))
                if url in visited:
                    break
                visited.add(url)
                continue
            if 400 <= status < 500:
                return _RobotsEntry(None, True, now + self.settings.robots_ttl)
            if 200 <= status < 300:
                text = response.body.decode("utf-8", errors="replace").lstrip("\ufeff")
                parser = Protego.parse(text)
                return _RobotsEntry(parser, True, now + self.settings.robots_ttl)
            break
        # unusable answers (too many redirects, 1xx/3xx without Location): treat as 4xx
        return _RobotsEntry(None, True, now + self.settings.robots_ttl)


def _origin(url: str) -> str:
    """``scheme://host[:port]`` of ``url``: the scope of one robots.txt."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def _strip_fragment(url: str) -> str:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))
