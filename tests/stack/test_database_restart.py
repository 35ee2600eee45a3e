"""A PostgreSQL restart under load costs readers nothing; a database that stays down gets our
503 page (core.database_outage), never a 500.

gunicorn (test settings, no page cache) serves a copy of the test database from a PostgreSQL
server of the test's own (tests/stack/postgres_server.py), which the test restarts and stops.
Needs PostgreSQL (DATABASE_URL) and its binaries: skipped without, except under CI=true.
"""

import json
import os
import re
import subprocess
import threading
import time

import pytest
import requests
from django.db import connection

from tests.factories import SourceFactory
from website.locales import ensure_locales

from .nginx_stack import REPO, VENV_BIN, free_port, stop, wait_until
from .postgres_server import PostgresServer, postgres_binaries, suite_database_url

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

RETRY_AFTER = 7  # DATABASE_RETRY_AFTER given to the site: our page's Retry-After
READS_AFTER_RESTART = 5  # per reader: reads sent once the server is back up
READERS = 4
WAIT_LIMIT = 300  # seconds: generous, for a machine busy with other jobs; never asserted on


def skip_or_fail(reason):
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {reason}")
    pytest.skip(reason)


@pytest.fixture
def source():
    ensure_locales()  # a transactional test before this one may have flushed them
    return SourceFactory()


@pytest.fixture
def own_postgres(source):
    """A server of the test's own holding the test database, with `source` committed in it."""
    if connection.vendor != "postgresql":
        skip_or_fail("the tests do not run on PostgreSQL (DATABASE_URL)")
    binaries = postgres_binaries()
    if binaries is None:
        skip_or_fail("PostgreSQL's binaries are missing (apt-get install postgresql)")
    server = PostgresServer(binaries)
    try:
        server.create(copy_of=suite_database_url())
        yield server
    finally:
        server.remove()


class Site:
    """gunicorn (two workers) on the own server, its request log (JSON lines) in a file."""

    def __init__(self, tmp_path, database_url, retry_seconds):
        self.port, self.log_path = free_port(), tmp_path / "gunicorn.log"
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ubada.settings.test",
               "DATABASE_URL": database_url, "DATABASE_RETRY_SECONDS": str(retry_seconds),
               "DATABASE_RETRY_AFTER": str(RETRY_AFTER), "REQUEST_LOG_LEVEL": "INFO"}
        with open(self.log_path, "w") as log:
            self.process = subprocess.Popen(
                [VENV_BIN / "gunicorn", "ubada.wsgi", "--bind", f"127.0.0.1:{self.port}",
                 "--workers", "2", "--timeout", "120", "--no-control-socket"],
                cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
        wait_until(lambda: self.get("/robots.txt").ok, "gunicorn", self.process, self.log_path)

    def get(self, path):
        return requests.get(f"http://127.0.0.1:{self.port}{path}", timeout=WAIT_LIMIT)

    def logged_requests(self):
        """The request log's lines (core.request_log), as dicts."""
        lines = self.log_path.read_text(errors="replace").splitlines()
        return [json.loads(line) for line in lines if line.startswith('{"time"')]


@pytest.fixture
def start_site(tmp_path, own_postgres):
    started = []

    def start(retry_seconds):
        started.append(Site(tmp_path, own_postgres.url, retry_seconds))
        return started[-1]

    yield start
    for site in started:
        stop(site.process)


def wait_for(condition, what):
    deadline = time.monotonic() + WAIT_LIMIT
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.05)


def test_every_read_during_a_database_restart_is_answered(own_postgres, start_site, source):
    """Readers keep reading through `pg_ctl restart -m fast`: the reads whose query was
    terminated, or whose connection was refused while the server restarted, run again."""
    site = start_site(retry_seconds=WAIT_LIMIT)  # a restart never outlasts the retries
    path = f"/sources/{source.pk}/"
    statuses, restarted = [], threading.Event()

    def read():
        reads_after_restart = 0
        while reads_after_restart < READS_AFTER_RESTART:
            after = restarted.is_set()
            statuses.append(site.get(path).status_code)
            reads_after_restart += after

    readers = [threading.Thread(target=read) for _ in range(READERS)]
    for reader in readers:
        reader.start()
    wait_for(lambda: len(statuses) >= 2 * READERS, "reads before the restart")
    own_postgres.restart()
    restarted.set()
    for reader in readers:
        reader.join()

    assert set(statuses) == {200}
    # and the restart did hit some: they were answered by running them again
    retried = [line for line in site.logged_requests() if line["db_retries"]]
    assert retried
    assert {line["status"] for line in retried} == {200}


def test_a_page_asked_for_while_the_database_is_down_is_our_503(own_postgres, start_site,
                                                                source):
    site = start_site(retry_seconds=1)
    path = f"/sources/{source.pk}/"
    assert site.get(path).status_code == 200
    own_postgres.stop()

    response = site.get(path)

    assert response.status_code == 503
    assert response.headers["Retry-After"] == str(RETRY_AFTER)
    assert "no-store" in response.headers["Cache-Control"]
    assert "Our database is briefly unavailable" in response.text
    assert site.get("/health/?format=json").status_code == 503  # out of the load balancer
    answered = [line for line in site.logged_requests() if line["path"] == path]
    assert answered[-1]["status"] == 503


def test_a_form_sent_while_the_database_is_down_is_refused_not_run(own_postgres, start_site,
                                                                   source):
    """A write is never run again: the writer is told that nothing was kept."""
    site = start_site(retry_seconds=WAIT_LIMIT)  # reads would wait: a write must not
    session = requests.Session()
    login_form = session.get(f"http://127.0.0.1:{site.port}/admin/login/", timeout=WAIT_LIMIT)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_form.text)[1]
    own_postgres.stop()

    response = session.post(
        f"http://127.0.0.1:{site.port}/admin/login/", timeout=WAIT_LIMIT,
        data={"csrfmiddlewaretoken": token, "username": "editor", "password": "wrong"},
        headers={"Referer": f"http://127.0.0.1:{site.port}/admin/login/"})

    assert response.status_code == 503
    assert "nothing of it was kept" in response.text
    posted = [line for line in site.logged_requests() if line["method"] == "POST"]
    assert posted[-1]["db_retries"] == 0
