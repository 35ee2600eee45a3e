"""Real services for the production-stack tests: a Redis server from Debian's package, started
on a free loopback port for the test and stopped by pid after it. Without the binary the tests
are skipped, except under CI=true (`make test` installs it as root), where that fails them."""

import os
import shutil
import socket
import subprocess
import time

import pytest

from ubada.settings.caches import redis_cache as redis_cache_settings


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """One redis-server process that the test can stop and start again on the same port."""

    def __init__(self, binary, port):
        self.binary, self.port, self.process = binary, port, None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--protected-mode", "yes"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self._wait_until(accepting=True)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        self._wait_until(accepting=False)

    def _accepts(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as conn:
                conn.sendall(b"PING\r\n")
                return conn.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def _wait_until(self, accepting, attempts=300):
        for _ in range(attempts):
            if self._accepts() == accepting:
                return
            time.sleep(0.1)
        state = "start" if accepting else "stop"
        raise RuntimeError(f"redis-server on {self.port} did not {state}")


@pytest.fixture
def redis_server():
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but redis-server is missing: `make test` installs it as root")
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    server = RedisServer(binary, free_port())
    server.start()
    yield server
    if server.process.poll() is None:
        server.stop()


@pytest.fixture
def redis_cache(settings, redis_server):
    """The site's cache on that Redis server, configured as production configures it (Django
    rebuilds its cache handlers when the test changes CACHES)."""
    settings.CACHES = redis_cache_settings(redis_server.url, key_prefix=f"test{free_port()}")
    return redis_server
