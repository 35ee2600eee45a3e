"""Search on a two-node OpenSearch cluster: one node stopped while readers search, and no reader
notices: every search is answered by the engine (none falls back to the database), the cluster
turns yellow (a replica is missing) and green again when the node has rejoined.

Runs when OPENSEARCH_CLUSTER_URLS lists the nodes (comma-separated; `make test` sets it): the
module starts them with `bin/search-node cluster start` unless they already answer, and stops
what it started. Under CI=true a missing OPENSEARCH_CLUSTER_URLS fails it.
"""

import os
import subprocess
import threading
import time
import uuid
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings

from search import engine, service, vocabularies
from search.query import parse_query
from website.seed import load_seed

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SEARCH_NODE = settings.BASE_DIR / "bin" / "search-node"
WAIT_LIMIT = 600  # seconds: a node restarting on a busy two-core machine can take minutes
QUERY = {"q": ["Ak-Jar"]}


class Cluster:
    """The test cluster's nodes, stopped and started one by one through bin/search-node."""

    def __init__(self, urls):
        self.urls = urls

    @property
    def url(self):
        return ",".join(self.urls)

    def search_node(self, *args):
        subprocess.run([str(SEARCH_NODE), "cluster", *args], check=True, timeout=WAIT_LIMIT,
                       env={**os.environ, "OPENSEARCH_URL": self.url})

    def answering(self):
        return [url for url in self.urls if subprocess.run(
            ["curl", "-fsS", "--max-time", "3", url], capture_output=True).returncode == 0]

    def manager_url(self):
        """The URL of the elected cluster manager: with two nodes only one of them holds the
        vote, and the cluster survives the loss of the other (see deploy/CLUSTER.md)."""
        rows = engine.client().transport.perform_request(
            "GET", "/_cat/cluster_manager", params={"format": "json", "request_timeout": 30})
        name = rows[0]["node"]
        return next(url for url in self.urls if name.endswith(f"-{urlsplit(url).port}"))


@pytest.fixture(scope="module")
def cluster():
    urls = [url.strip() for url in os.environ.get("OPENSEARCH_CLUSTER_URLS", "").split(",")
            if url.strip()]
    if len(urls) < 2:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but OPENSEARCH_CLUSTER_URLS does not list two nodes (make test "
                        "sets it)")
        pytest.skip("OPENSEARCH_CLUSTER_URLS is not set: the cluster test needs two nodes")
    nodes = Cluster(urls)
    started_here = not nodes.answering()
    nodes.search_node("start")
    yield nodes
    if started_here:
        nodes.search_node("stop")


def wait_until(condition, what):
    deadline = time.monotonic() + WAIT_LIMIT
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what} after {WAIT_LIMIT} s")
        time.sleep(0.5)


def cluster_is(status):
    try:
        return engine.cluster_status() == status
    except Exception:  # any failure: not yet
        return False


class Reader(threading.Thread):
    """Searches through the site's search service, again and again, until told to stop."""

    def __init__(self, query):
        super().__init__(name="cluster-reader", daemon=True)
        self.query = query
        self.pages = []
        self.errors = []
        self._stop_asked = threading.Event()

    def run(self):
        try:
            while not self._stop_asked.is_set():
                try:
                    self.pages.append(service.run(self.query))
                except Exception as error:  # a failed search: the test reports it
                    self.errors.append(repr(error))
        finally:
            connection.close()

    def searched_more(self, than):
        return lambda: len(self.pages) >= than + 20 or self.errors

    def stop(self):
        self._stop_asked.set()
        self.join(timeout=WAIT_LIMIT)


def found(page):
    return [(hit.type, hit.pk) for hit in page.hits]


def test_searches_are_answered_by_the_engine_while_a_node_is_down(cluster, settings):
    with override_settings(OPENSEARCH_URL=""):  # the index is built below, in one go
        load_seed(settings.BASE_DIR / "fixtures" / "seed", translations=False)
    settings.OPENSEARCH_URL = cluster.url
    settings.OPENSEARCH_REPLICAS = 1
    settings.OPENSEARCH_INDEX_PREFIX = f"ubada-test-cluster-{uuid.uuid4().hex[:8]}"
    engine.breaker.reset()
    try:
        engine.rebuild(grace=0)
        wait_until(lambda: cluster_is("green"), "the index and its replica")
        query = parse_query(QUERY)
        expected = service.run(query)
        assert expected.backend == service.ENGINE and found(expected)

        reader = Reader(query)
        reader.start()
        wait_until(reader.searched_more(0), "the first searches")
        victim = next(url for url in cluster.urls if url != cluster.manager_url())
        cluster.search_node("stop", victim)
        wait_until(lambda: cluster_is("yellow"), "the cluster to notice the node is gone")
        wait_until(reader.searched_more(len(reader.pages)), "searches with the node down")
        assert victim not in cluster.answering()

        cluster.search_node("start")  # the stopped node starts again and rejoins
        wait_until(lambda: cluster_is("green"), "the node to rejoin and the replica to recover")
        wait_until(reader.searched_more(len(reader.pages)), "searches after the rejoin")
        reader.stop()
    finally:
        engine.delete_all_indexes()
        vocabularies.clear_all()  # they name the seed's records, flushed after this test

    assert reader.errors == []
    assert {(page.backend, page.degraded, page.notice) for page in reader.pages} == {
        (service.ENGINE, False, "")}
    assert all(found(page) == found(expected) for page in reader.pages)
    assert engine.breaker.allow()  # the circuit breaker never opened: no node loss reached it
