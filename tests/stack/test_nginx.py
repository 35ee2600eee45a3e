"""nginx in front of gunicorn, as deploy/ serves the site: what a reader's browser gets through
the real proxy (compression, cached static files, our own page while the application is down)
and what a client cannot do through it (pass its own X-Forwarded headers, send huge bodies).

Needs Debian's nginx (`make services`): skipped without it, except under CI=true, where a
missing nginx fails the module.
"""

import importlib.util
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest
import requests

from tests.stack.nginx_stack import (
    MAX_BODY_SIZE_MB,
    NGINX,
    STARTUP_SECONDS,
    Gunicorn,
    Nginx,
    prepare_site,
    site_environment,
)

SEARCHES_PER_MINUTE = 3
IMMUTABLE = "public, max-age=31536000, immutable"


@pytest.fixture(scope="session", autouse=True)
def migrated_snapshot():
    """Overrides tests/conftest.py's: these tests run the site on a database of their own and
    never touch the test database, which pytest-django then does not create."""


@pytest.fixture(scope="module")
def workdir():
    if not Path(NGINX).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but nginx is missing: `make services` installs Debian's nginx.")
        pytest.skip("nginx is not installed (`make services` installs Debian's nginx)")
    path = Path(tempfile.mkdtemp(prefix="ubada-stack-"))
    path.chmod(0o755)  # nginx runs as nobody and reads the static files from here
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="module")
def gunicorns(workdir):
    """Two gunicorn instances of one site, as ubada-web@1 and @2 run."""
    env = site_environment(workdir, rate_limit_search=f"{SEARCHES_PER_MINUTE}/m")
    prepare_site(env)
    servers = [Gunicorn(workdir, env, name) for name in ("1", "2")]
    try:
        for server in servers:
            server.start()
        yield servers
    finally:
        for server in servers:
            server.stop()


@pytest.fixture(scope="module")
def gunicorn(gunicorns):
    """The first instance, for requests sent to gunicorn directly."""
    return gunicorns[0]


@pytest.fixture(scope="module")
def site(gunicorns, workdir):
    """nginx serving the site over HTTPS (a self-signed certificate the requests trust)."""
    server = Nginx(workdir, gunicorns)
    try:
        server.start()
        yield server
    finally:
        server.stop()


def reached_gunicorn(gunicorns, path):
    return any(server.saw(path) for server in gunicorns)


def logged(count, expected):
    """`count()` once it reaches `expected`, or after 30 s: gunicorn writes its access-log
    line just after the response, so the test may read the log a moment before it."""
    deadline = time.monotonic() + 30
    while count() < expected and time.monotonic() < deadline:
        time.sleep(0.2)
    return count()


def answers_again(site, path):
    """Whether `path` answers 200 within STARTUP_SECONDS: nginx waits out the fail_timeout of
    instances it saw fail before it sends them requests again."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if site.get(path).status_code == 200:
            return True
        time.sleep(1)
    return False


@pytest.mark.parametrize(("path", "content_type"), [
    ("/", "text/html"),
    ("/api/v1/promises", "application/json"),
])
def test_pages_and_json_are_compressed_by_nginx(site, gunicorn, path, content_type):
    response = site.get(path, {"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith(content_type)
    assert response.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response.headers["Vary"]
    assert response.text  # requests decompressed it
    # gunicorn itself sends it uncompressed: the compression is nginx's
    assert "Content-Encoding" not in gunicorn.get(path, {"Accept-Encoding": "gzip"}).headers


def test_uncompressed_for_a_client_that_does_not_ask(site):
    response = site.get("/", {"Accept-Encoding": "identity"})
    assert response.status_code == 200
    assert "Content-Encoding" not in response.headers


def test_hashed_static_files_come_from_nginx_cached_for_a_year(site, gunicorns, workdir):
    manifest = json.loads((workdir / "static" / "staticfiles.json").read_text())
    hashed = "/static/" + manifest["paths"]["css/site.css"]
    assert hashed != "/static/css/site.css"

    response = site.get(hashed, {"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == IMMUTABLE
    assert response.headers["Content-Type"] == "text/css"
    assert response.headers["Content-Encoding"] == "gzip"
    assert "body" in response.text

    site.get("/?from=static-test")  # a page does reach gunicorn, the static file never did
    assert logged(lambda: reached_gunicorn(gunicorns, "/?from=static-test"), True)
    assert not reached_gunicorn(gunicorns, hashed)


def test_unhashed_static_files_are_not_kept_for_long(site):
    response = site.get("/static/css/site.css")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=3600"


def test_a_client_cannot_choose_the_address_django_counts_it_by(site):
    """Each search claims another client address in X-Forwarded-For: nginx replaces it with the
    connection's, so they all count against one client and the limit answers 429. (Each
    instance counts on its own here: enough searches that one of them sees too many.)"""
    statuses = [
        site.get(f"/search/?q=settlement{number}",
                 {"X-Forwarded-For": f"203.0.113.{number}"}).status_code
        for number in range(SEARCHES_PER_MINUTE * 4 + 2)
    ]
    assert set(statuses) == {200, 429}


def test_a_client_cannot_choose_the_scheme_django_sees(site, gunicorn):
    """Sent straight to gunicorn, `X-Forwarded-Proto: http` makes Django redirect to HTTPS;
    through nginx's HTTPS server it is replaced by the scheme nginx saw."""
    spoofed = {"X-Forwarded-Proto": "http"}
    assert gunicorn.get("/", spoofed).status_code == 301

    response = site.get("/", spoofed)
    assert response.status_code == 200
    assert "max-age=" in response.headers["Strict-Transport-Security"]


def test_a_body_over_the_limit_is_refused_by_nginx(site, gunicorns):
    too_big = b"x" * (MAX_BODY_SIZE_MB * 1024 * 1024 + 1024)
    response = requests.post(f"{site.url}/upload/", data=too_big, verify=site.certificate,
                             timeout=60)
    assert response.status_code == 413
    assert not reached_gunicorn(gunicorns, "/upload/")


def test_health_answers_through_nginx(site):
    if importlib.util.find_spec("ubada.health") is None:
        pytest.skip("the health endpoint (ubada/health.py) lands on the lead's branch")
    response = site.get("/health/")
    assert response.status_code == 200


def test_with_one_instance_stopped_the_other_answers(site, gunicorns):
    """What lets ubada-web@1 and @2 restart one at a time without a failed request."""
    first, second = gunicorns
    answered_before = second.requests_for("/")
    first.stop()
    try:
        statuses = [site.get("/").status_code for _ in range(6)]
    finally:
        first.start()
    assert statuses == [200] * 6
    assert logged(lambda: second.requests_for("/"), answered_before + 6) == answered_before + 6


def test_our_own_page_while_no_gunicorn_answers(site, gunicorns):
    for server in gunicorns:
        server.stop()
    try:
        response = site.get("/promises/")
        assert response.status_code == 502
        assert response.headers["Content-Type"] == "text/html; charset=utf-8"
        assert response.headers["Cache-Control"] == "no-store"
        assert "Ubada is unavailable for a moment" in response.text
        assert "Убада временно недоступна" in response.text
    finally:
        for server in gunicorns:
            server.start()
    assert answers_again(site, "/")  # back without touching nginx
