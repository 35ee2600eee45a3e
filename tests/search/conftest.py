"""Fixtures for the search tests: a real OpenSearch node, a shared world, and both backends.

The engine tests need OPENSEARCH_URL (`make test` runs pytest inside `bin/search-node exec`).
Without it they are skipped, except under CI=true, where a missing or silent node fails them.
Every run uses its own index prefix (settings.test) and deletes its indexes at the end.
Each index is warmed up before its tests run (see `warm_up`).
"""

import os
import time
import uuid
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db import transaction
from django.test import override_settings

from search import engine, vocabularies
from search.query import parse_query

from .world import make_world

ENGINE, DATABASE = "engine", "database"
# How long a cold node on a busy machine may take to serve an index: generous, as a node that
# never gets there fails the suite anyway, only later and with a less useful message.
WARM_UP_LIMIT = float(os.environ.get("OPENSEARCH_TEST_WARM_UP", "300"))
# Real searches of the kinds the contract makes: words, an inflected form, a typo (the "did you
# mean" suggester), filters with facet aggregations.
WARM_UP_QUERIES = (
    {"q": ["Ak-Jar"]}, {"q": ["Бишкеке"]}, {"q": ["elecrticity"]},
    {"status": ["broken"], "type": ["promise"]},
)


@pytest.fixture(scope="session")
def engine_url():
    """The node's URL; skips (or, with CI=true, fails) when there is no node."""
    url = settings.OPENSEARCH_URL
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but OPENSEARCH_URL is not set: the search suite must run "
                        "against a real node (make test runs it inside bin/search-node exec).")
        pytest.skip("OPENSEARCH_URL is not set: run `make test` or "
                    "`bin/search-node exec -- .venv/bin/pytest tests/search`")
    ok, message = engine.health()
    if not ok:
        pytest.fail(f"The search node does not answer: {message}")
    yield url
    engine.breaker.reset()
    with override_settings(OPENSEARCH_URL=url):
        engine.client().indices.delete(index=f"{settings.OPENSEARCH_INDEX_PREFIX}*",
                                       ignore_unavailable=True)


def warm_up(limit=WARM_UP_LIMIT):
    """Wait until the current index is green and has answered real searches and completions.

    A node that has just started, on a machine busy with other jobs, can take several seconds
    to answer its first searches (class loading, JIT, caches, the first aggregation): the
    contract's first engine query then hit the search timeout and the database answered in its
    place. Retrying here, until `limit` seconds, keeps that start-up cost out of the tests.
    """
    deadline = time.monotonic() + limit
    while True:
        try:
            _search_the_index()
            return
        except Exception as error:
            if time.monotonic() > deadline:
                pytest.fail(f"The search node was not ready after {limit:.0f} s: {error}")
        engine.breaker.reset()  # a failed warm-up search must not send the tests to the database
        time.sleep(1)


def wait_for_green_index(limit=WARM_UP_LIMIT):
    """Wait until the current index is green (e.g. after its node restarted), asking the node
    directly: the circuit breaker is left as it is."""
    deadline = time.monotonic() + limit
    while True:
        try:
            _check_green()
            return
        except Exception as error:
            if time.monotonic() > deadline:
                pytest.fail(f"The search index was not green after {limit:.0f} s: {error}")
        time.sleep(1)


def _check_green():
    health = engine.client().cluster.health(
        index=engine.alias_name(), wait_for_status="green", timeout="10s", request_timeout=30)
    if health["timed_out"] or health["status"] != "green":
        raise RuntimeError(f"the index is {health['status']}, not green")


def record_engine_requests(monkeypatch):
    """The requests the engine client sends to the node from now on (for the current
    OPENSEARCH_URL), so a test checks that the circuit breaker spared a failed node, and the
    reader the wait, by counting requests rather than timing them."""
    sent = []
    transport = engine.client().transport
    perform = transport.perform_request

    def recording(method, url, *args, **kwargs):
        sent.append((method, url))
        return perform(method, url, *args, **kwargs)

    monkeypatch.setattr(transport, "perform_request", recording)
    return sent


def _search_the_index():
    _check_green()
    for params in WARM_UP_QUERIES:
        engine.search(parse_query(params))
    engine.complete("Ak-J")
    engine.breaker.reset()


@pytest.fixture(autouse=True)
def _fresh_search_state():
    vocabularies.clear_all()
    engine.breaker.reset()
    yield
    vocabularies.clear_all()
    engine.breaker.reset()


@contextmanager
def world_made(django_db_blocker, *build_steps):
    """A world made by `make_world` and then `build_steps`, rolled back when the block ends."""
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(OPENSEARCH_URL=""):  # indexes are built by the fixtures below
            data = make_world()
            for step in build_steps:
                step(data)
        yield data
        transaction.set_rollback(True)
    vocabularies.clear_all()


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The contract world, created once per module and rolled back after it."""
    with world_made(django_db_blocker) as data:
        yield data


@contextmanager
def index_built(engine_url, label):
    """The engine at `engine_url`, with the database indexed under a prefix of its own."""
    prefix = f"{settings.OPENSEARCH_INDEX_PREFIX}-{label}-{uuid.uuid4().hex[:8]}"
    with override_settings(OPENSEARCH_URL=engine_url, OPENSEARCH_INDEX_PREFIX=prefix):
        engine.rebuild(grace=0)
        warm_up()
        yield prefix


@pytest.fixture(scope="module")
def world_index(world, engine_url):
    """An index of the world under its own prefix, built once per module."""
    with index_built(engine_url, "world") as prefix:
        yield prefix


@pytest.fixture
def fresh_index(world, engine_url, db):
    """The engine with an index prefix of its own, for tests that change the index."""
    with index_built(engine_url, "fresh") as prefix:
        yield prefix


@pytest.fixture(params=[ENGINE, DATABASE])
def backend(request, world, db):
    """Run a test against the engine (world index) and against the database fallback."""
    if request.param == ENGINE:
        prefix = request.getfixturevalue("world_index")
        url = request.getfixturevalue("engine_url")
        with override_settings(OPENSEARCH_URL=url, OPENSEARCH_INDEX_PREFIX=prefix):
            yield ENGINE
    else:
        with override_settings(OPENSEARCH_URL=""):
            yield DATABASE
