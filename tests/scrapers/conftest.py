"""Fixtures for the scraper tests: a local HTTP server (session-wide) and fetcher factories.

No database is used: these are plain pytest tests.
"""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from scrapers.fetching.http import Fetcher, FetchSettings

from .http_server import ScraperTestServer

CONTACT_URL = "https://ubada.example/bot"
#: small limits so that the whole suite stays fast
TEST_FETCHER_DEFAULTS: dict[str, Any] = {
    "allow_loopback": True,
    "connect_timeout": 1.0,
    "read_timeout": 1.5,
    "deadline": 2.0,
    "max_bytes": 256 * 1024,
    "max_retries": 1,
    "backoff_base": 0.05,
    "max_retry_wait": 2.0,
    "politeness_delay": 0.0,
}


@pytest.fixture(scope="session")
def server() -> Iterator[ScraperTestServer]:
    with ScraperTestServer() as running:
        yield running


@pytest.fixture
def make_server() -> Iterator[Callable[..., ScraperTestServer]]:
    """Extra servers, e.g. ``make_server(robots="500")``; stopped after the test."""
    started: list[ScraperTestServer] = []

    def factory(**kwargs: Any) -> ScraperTestServer:
        running = ScraperTestServer(**kwargs).start()
        started.append(running)
        return running

    yield factory
    for running in started:
        running.stop()


@pytest.fixture
def make_fetcher() -> Iterator[Callable[..., Fetcher]]:
    """Fetchers with the test defaults above; keyword arguments override them."""
    created: list[Fetcher] = []

    def factory(**overrides: Any) -> Fetcher:
        fetcher = Fetcher(FetchSettings(CONTACT_URL, **{**TEST_FETCHER_DEFAULTS, **overrides}))
        created.append(fetcher)
        return fetcher

    yield factory
    for fetcher in created:
        fetcher.close()


@pytest.fixture
def fetcher(make_fetcher: Callable[..., Fetcher]) -> Fetcher:
    return make_fetcher()


@pytest.fixture
def closed_port() -> int:
    """A local port with nothing listening on it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _HelloHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b"<p>hello over TLS</p>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # failed handshakes are the point of this server


@pytest.fixture(scope="session")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An HTTPS server with a self-signed certificate (which must be refused)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is needed to make a self-signed certificate")
    directory: Path = tmp_path_factory.mktemp("tls")
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
        timeout=30,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd = _QuietServer(("127.0.0.1", 0), _HelloHandler)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    yield f"https://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)
