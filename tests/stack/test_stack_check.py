"""The pieces of `make prod-check` (bench/stack.py) that decide its verdict: wrk with
bench/stack.lua counts every status code it gets, and the driver reads those counts, the p99 and
the throughput from wrk's output. A server here answers 503 to one path of two: the counts must
say so. (The stack check itself runs for minutes and is not part of the suite.)"""

import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench.stack import Timeline, fault_before, run_wrk, wrk_figures


@pytest.fixture(scope="session", autouse=True)
def migrated_snapshot():
    """Overrides tests/conftest.py's: these tests never use the database."""


class HalfFailing(BaseHTTPRequestHandler):
    """200 for /ok, 503 for /down."""

    def do_GET(self):
        self.send_response(200 if self.path == "/ok" else 503)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """wrk drops its connections when time is up: not an error here."""


@pytest.fixture
def half_failing_server():
    server = QuietServer(("127.0.0.1", 0), HalfFailing)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is missing (apt-get install wrk)")
def test_wrk_counts_every_5xx_of_the_mixed_paths(half_failing_server, tmp_path):
    process, out = run_wrk(half_failing_server, ["/ok", "/down"], 2, tmp_path, "mixed")
    process.wait(timeout=60)
    figures = wrk_figures(out.read_text())
    assert set(figures["statuses"]) == {200, 503}
    assert figures["statuses"][503] > 0
    assert figures["rps"] > 0
    assert figures["p99_ms"] > 0


def test_a_5xx_is_placed_after_the_fault_that_preceded_it():
    timeline = Timeline()
    timeline.events = [{"action": "restart Redis", "at": 10.0},
                       {"action": "restart PostgreSQL", "at": 20.0}]
    assert fault_before(timeline.started + 22.5, timeline) == (
        "+22.5 s, 2.5 s after 'restart PostgreSQL' began")
    assert "before any fault" in fault_before(timeline.started + 5, timeline)
