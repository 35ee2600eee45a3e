"""A local HTTP server for the scraper tests: recorded pages and feeds plus scripted misbehaviour.

Runs ``http.server.ThreadingHTTPServer`` on 127.0.0.1 with an ephemeral port, HTTP/1.1
(keep-alive). Every request is logged (path, headers, arrival time) for assertions.
Files come from ``recordings/`` (see its README); everything else is scripted below.
"""

from __future__ import annotations

import functools
import gzip
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

RECORDINGS = Path(__file__).parent / "recordings"

#: Content-Type per recorded file; anything else: by extension, without charset.
CONTENT_TYPES = {
    "articles/ru-ak-jar.html": "text/html; charset=utf-8",
    "articles/en-triangle.html": "text/html; charset=UTF-8",
    "articles/broken.html": "text/html; charset=utf-8",
    "feeds/rss.xml": "application/rss+xml; charset=utf-8",
    "feeds/atom.xml": "application/atom+xml",
    "feeds/broken.xml": "application/rss+xml",
    "feeds/rss-cp1251.xml": "application/rss+xml",
}
#: Extra URL -> (recorded file, Content-Type) pairs.
ALIASES = {
    # UTF-8 bytes labelled windows-1251 by a misconfigured server
    "/articles/ak-jar-wrong-charset.html": (
        "articles/ru-ak-jar.html",
        "text/html; charset=windows-1251",
    ),
    # KOI8-R bytes labelled ISO-8859-1 (what requests would assume anyway)
    "/articles/zapadnyj-latin1-header.html": (
        "articles/ru-zapadnyj-koi8r-meta.html",
        "text/html; charset=ISO-8859-1",
    ),
}
ROBOTS_TXT = b"User-agent: *\nDisallow: /private/\n\nUser-agent: OtherBot\nDisallow: /\n"
ETAG = '"v1-ak-jar"'
LAST_MODIFIED = "Wed, 14 Jun 2023 03:30:00 GMT"
BIG_BODY_BYTES = 300 * 1024
GZIP_BOMB_BYTES = 32 * 1024 * 1024
DRIP_BYTES = 30
SMALL_HTML = (
    "<html><head><title>Ак-Жар</title></head><body><p>Свет и вода в Ак-Жаре.</p></body></html>"
).encode()


@functools.cache
def gzip_bomb() -> bytes:
    """A few tens of KB of gzip that inflate to GZIP_BOMB_BYTES; built once, in memory."""
    return gzip.compress(b"\0" * GZIP_BOMB_BYTES, compresslevel=9)


@dataclass(frozen=True)
class LoggedRequest:
    path: str
    headers: dict[str, str]
    at: float  # time.monotonic() on arrival


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    owner: ScraperTestServer


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep pytest output clean

    # -- helpers ---------------------------------------------------------------------------

    def _send(
        self,
        status: int,
        body: bytes = b"",
        content_type: str | None = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        if content_type and status not in (204, 304):
            self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if status not in (204, 304):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and status not in (204, 304):
            self.wfile.write(body)

    def _redirect(self, location: str, status: int = 301) -> None:
        self._send(status, b"", None, {"Location": location})

    def _file(self, relative: str, content_type: str | None = None) -> None:
        path = (RECORDINGS / relative).resolve()
        if RECORDINGS.resolve() not in path.parents or not path.is_file():
            self._send(404, b"not found", "text/plain")
            return
        if content_type is None:
            content_type = CONTENT_TYPES.get(relative) or {
                ".html": "text/html",
                ".xml": "application/xml",
            }.get(path.suffix, "text/plain")
        self._send(200, path.read_bytes(), content_type)

    def _drip_body(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(DRIP_BYTES))
        self.end_headers()
        self.close_connection = True
        try:
            for _ in range(DRIP_BYTES):
                self.wfile.write(b"x")
                self.wfile.flush()
                if self.server.owner.stopping.wait(1.0):
                    return
        except OSError:
            return

    def _drip_headers(self) -> None:
        self.close_connection = True
        try:
            self.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
            for _ in range(DRIP_BYTES):
                self.wfile.write(b"a")
                self.wfile.flush()
                if self.server.owner.stopping.wait(1.0):
                    return
        except OSError:
            return

    def _chunked(self, body: bytes, chunk: int = 16 * 1024) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        try:
            for start in range(0, len(body), chunk):
                part = body[start : start + chunk]
                self.wfile.write(f"{len(part):x}\r\n".encode() + part + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
        except OSError:
            self.close_connection = True

    # -- routing ---------------------------------------------------------------------------

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        self.query = parse_qs(parts.query)
        self.server.owner.record(self.path, dict(self.headers.items()))
        path = parts.path
        if path in ALIASES:
            self._file(*ALIASES[path])
            return
        route = EXACT_ROUTES.get(path) or next(
            (handler for prefix, handler in PREFIX_ROUTES if path.startswith(prefix)), None
        )
        if route is None:
            self._send(404, b"<h1>Not found</h1>")
        else:
            route(self, path)

    # --- routes: each takes the handler and the request's path ---

    def _robots(self, path: str) -> None:
        robots = self.server.owner.robots
        if isinstance(robots, bytes):
            self._send(200, robots, "text/plain")
        elif robots == "normal":
            self._send(200, ROBOTS_TXT, "text/plain")
        elif robots == "redirect":
            self._redirect("/robots-real.txt")
        else:
            self._send(int(robots), b"robots unavailable", "text/plain")

    def _redirect_chain(self, path: str) -> None:
        step = int(path.rsplit("/", 1)[1])
        self._redirect(f"/redirect/chain/{step + 1}" if step < 3 else "/articles/ru-ak-jar.html")

    def _redirect_long(self, path: str) -> None:
        step = int(path.rsplit("/", 1)[1])
        self._redirect(f"/redirect/long/{step + 1}" if step < 20 else "/articles/en-triangle.html")

    def _retry_after_date(self, path: str) -> None:
        when = datetime.now(UTC) + timedelta(seconds=3)
        self._send(
            429, b"slow down", "text/plain", {"Retry-After": format_datetime(when, usegmt=True)}
        )

    def _flaky(self, path: str) -> None:
        key = self.query.get("key", ["default"])[0]
        if self.server.owner.bump(f"flaky:{key}") == 1:
            self._send(503, b"<h1>Try again</h1>")
        else:
            self._file("articles/ru-ak-jar.html")

    def _gzip_ok(self, path: str) -> None:
        self._send(
            200, gzip.compress(SMALL_HTML), "text/html; charset=utf-8", {"Content-Encoding": "gzip"}
        )

    def _etag(self, path: str) -> None:
        if (
            self.headers.get("If-None-Match") == ETAG
            or self.headers.get("If-Modified-Since") == LAST_MODIFIED
        ):
            self._send(304, b"", None, {"ETag": ETAG})
        else:
            headers = {"ETag": ETAG, "Last-Modified": LAST_MODIFIED}
            self._send(200, SMALL_HTML, "text/html; charset=utf-8", headers)


EXACT_ROUTES = {
    "/robots.txt": _Handler._robots,
    "/robots-real.txt": lambda h, p: h._send(200, ROBOTS_TXT, "text/plain"),
    # redirects
    "/redirect/loop/a": lambda h, p: h._redirect("/redirect/loop/b", 302),
    "/redirect/loop/b": lambda h, p: h._redirect("/redirect/loop/a", 302),
    "/redirect/private": lambda h, p: h._redirect("http://10.0.0.1/"),
    "/redirect/metadata": lambda h, p: h._redirect("http://169.254.169.254/latest/meta-data/"),
    "/redirect/to-robots-disallowed": lambda h, p: h._redirect("/private/secret.html", 302),
    "/redirect/ftp": lambda h, p: h._redirect("ftp://example.org/file.txt", 302),
    "/redirect/no-location": lambda h, p: h._send(302, b"", None),
    # statuses
    "/status/404": lambda h, p: h._send(404, b"<h1>Not found</h1>"),
    "/status/429": lambda h, p: h._send(429, b"slow down", "text/plain", {"Retry-After": "1"}),
    "/status/429-date": _Handler._retry_after_date,
    "/status/500": lambda h, p: h._send(500, b"<h1>Internal error</h1>"),
    "/flaky/503": _Handler._flaky,
    # slow, big and odd bodies
    "/drip": lambda h, p: h._drip_body(),
    "/drip-headers": lambda h, p: h._drip_headers(),
    "/big": lambda h, p: h._send(200, b"a" * BIG_BODY_BYTES, "text/plain"),
    "/big-chunked": lambda h, p: h._chunked(b"b" * BIG_BODY_BYTES),
    "/gzip-bomb": lambda h, p: h._send(
        200, h.server.owner.gzip_bomb, "text/html", {"Content-Encoding": "gzip"}
    ),
    "/gzip-ok": _Handler._gzip_ok,
    "/etag": _Handler._etag,
    "/binary": lambda h, p: h._send(200, b"\x00\x01\x02 not a page", "application/octet-stream"),
    "/json": lambda h, p: h._send(200, b'{"settlement": "Ak-Jar"}', "application/json"),
    "/vendor-xml": lambda h, p: h._send(200, b"<x/>", "application/vnd.example+xml"),
}
PREFIX_ROUTES = [
    ("/articles/", lambda h, p: h._file(p.lstrip("/"))),
    ("/feeds/", lambda h, p: h._file(p.lstrip("/"))),
    ("/private/", lambda h, p: h._send(200, b"<p>secret</p>")),
    ("/redirect/chain/", _Handler._redirect_chain),
    ("/redirect/long/", _Handler._redirect_long),
]


class ScraperTestServer:
    """Start with :meth:`start`, stop with :meth:`stop` (or use as a context manager).

    ``robots``: ``"normal"`` (disallows /private/), ``"redirect"`` (301 to the same
    rules), a status code such as ``"404"``/``"500"`` returned for /robots.txt, or the bytes
    of a robots.txt to serve.
    """

    def __init__(self, robots: str | bytes = "normal") -> None:
        self.robots = robots
        self.stopping = threading.Event()
        self.gzip_bomb = gzip_bomb()
        self._lock = threading.Lock()
        self._log: list[LoggedRequest] = []
        self._counters: dict[str, int] = {}
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.owner = self
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def start(self) -> ScraperTestServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> ScraperTestServer:
        return self.start()

    def __exit__(self, *_exc_info: object) -> None:
        self.stop()

    # -- bookkeeping used by the handler and by tests ---------------------------------------

    def record(self, path: str, headers: dict[str, str]) -> None:
        with self._lock:
            self._log.append(LoggedRequest(path, headers, time.monotonic()))

    def bump(self, key: str) -> int:
        with self._lock:
            self._counters[key] = self._counters.get(key, 0) + 1
            return self._counters[key]

    def requests(self, path: str | None = None) -> list[LoggedRequest]:
        """Logged requests, optionally only those whose path (without query) is ``path``."""
        with self._lock:
            log = list(self._log)
        if path is None:
            return log
        return [r for r in log if urlsplit(r.path).path == path]

    def hits(self, path: str) -> int:
        return len(self.requests(path))
