"""The services of bench/stack.py, each started on loopback and stopped by its own pid:
PostgreSQL, Redis, the OpenSearch cluster, gunicorn and nginx. nginx is the one the stack tests
start (tests/stack/nginx_stack.py: deploy/nginx/ubada.conf rendered by deploy/render-nginx),
with an access log that records each request's time to the millisecond."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from tests.stack.nginx_stack import Nginx, free_port, stop, wait_until

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
SEARCH_URLS = ("http://127.0.0.1:9291", "http://127.0.0.1:9292")  # transport ports: +100
POSTGRES_PORT = 55471
SETUP_SECONDS = 1800  # migrate, load_seed, collectstatic, index: slow on a busy two-core machine

__all__ = ["Gunicorn", "Postgres", "RedisServer", "SearchCluster", "TimedNginx", "run_manage",
           "site_environment", "stop"]


def as_user(name):
    """The prefix that runs a command as `name` when we are root (PostgreSQL and nginx refuse
    or should not run as root); nothing otherwise."""
    if os.geteuid() != 0:
        return []
    group = subprocess.run(["id", "-g", name], capture_output=True, text=True,
                           check=True).stdout.strip()
    return ["setpriv", f"--reuid={name}", f"--regid={group}", "--clear-groups"]


def site_environment(workdir, postgres, redis, with_search=True):
    """Production settings with stand-in values (never real secrets), behind nginx; search
    answered from the database without `with_search`."""
    env = dict(os.environ)
    env.update({
        "DJANGO_SETTINGS_MODULE": "ubada.settings.production",
        "DJANGO_SECRET_KEY": "stack-check-stand-in-not-a-secret-0123456789abcdefghijkl",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": "https://127.0.0.1",
        "DATABASE_URL": postgres.url,
        "CACHE_URL": redis.url,
        "CACHE_KEY_PREFIX": "stack",
        "OPENSEARCH_URL": ",".join(SEARCH_URLS) if with_search else "",
        "OPENSEARCH_REPLICAS": "1",
        "OPENSEARCH_INDEX_PREFIX": f"stack{os.getpid()}",
        "UBADA_TASK_BACKEND": "database",
        "DJANGO_STATIC_ROOT": str(workdir / "static"),
        "DJANGO_MEDIA_ROOT": str(workdir / "media"),
        "DJANGO_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO",
        "CLIENT_IP_HEADER": "HTTP_X_FORWARDED_FOR",
        "RATE_LIMIT_SEARCH": "1000000/s",  # wrk is one client: see bench/stack.py
        "RATE_LIMIT_AUTOCOMPLETE": "1000000/s",
        "RATE_LIMIT_API": "1000000/s",
        "PYTHONWARNINGS": "ignore::UserWarning",
    })
    return env


def run_manage(env, *command, log):
    """One manage.py command, its output appended to `log`; fails loudly."""
    with open(log, "a") as out:
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True,
                       timeout=SETUP_SECONDS, stdout=out, stderr=subprocess.STDOUT)


class Postgres:
    """A throwaway PostgreSQL cluster (as .ci/run makes one), run as user postgres when we are
    root; pg_ctl stops it by the pid in its data directory."""

    def __init__(self, workdir, port=POSTGRES_PORT):
        self.dir = workdir / "postgres"
        self.port = port
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
                       key=lambda path: int(path.split("/")[4]))
        self.bin = Path(found[-1]).parent if found else Path(shutil.which("pg_ctl")).parent
        self.run_as = as_user("postgres")

    @property
    def url(self):
        return f"postgres://ubada@127.0.0.1:{self.port}/ubada"

    def start(self, fresh=True):
        """Start the cluster: a new one with an empty database `ubada` unless not `fresh`."""
        if not fresh:
            self._pg_ctl("start")
            return
        self.dir.mkdir()
        if self.run_as:
            shutil.chown(self.dir, "postgres")
        subprocess.run([*self.run_as, self.bin / "initdb", "-D", self.dir / "data", "-U", "ubada",
                        "--auth=trust", "-E", "UTF8"], check=True, capture_output=True)
        self._pg_ctl("start")
        subprocess.run([self.bin / "createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U",
                        "ubada", "ubada"], check=True)

    def _pg_ctl(self, action, *extra):
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1"
        subprocess.run([*self.run_as, self.bin / "pg_ctl", "-D", self.dir / "data", "-l",
                        self.dir / "log", "-w", "-o", options, *extra, action],
                       check=True, capture_output=True, timeout=120)

    def restart(self):
        self._pg_ctl("restart", "-m", "fast")
        return "restarted (pg_ctl restart -m fast)"

    def stop(self):
        if (self.dir / "data" / "postmaster.pid").exists():
            self._pg_ctl("stop", "-m", "fast")


class RedisServer:
    """Debian's redis-server on a free loopback port, no persistence: a restart empties it."""

    def __init__(self, workdir):
        self.port = free_port()
        self.pidfile = workdir / "redis.pid"
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--pidfile", str(self.pidfile)], stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while subprocess.run(["redis-cli", "-p", str(self.port), "ping"], capture_output=True,
                             check=False).stdout.strip() != b"PONG":
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("redis-server did not start")
            time.sleep(0.05)

    def restart(self):
        began = time.monotonic()
        self.stop()
        self.start()
        return f"down for {time.monotonic() - began:.2f} s, back empty"

    def stop(self):
        if self.process is not None:
            stop(self.process)


class SearchCluster:
    """The two-node OpenSearch cluster of bin/search-node (which stops nodes by their pid)."""

    def __init__(self, log):
        self.log = log
        self.env = {**os.environ, "OPENSEARCH_URL": ",".join(SEARCH_URLS)}

    def _search_node(self, *args):
        with open(self.log, "a") as out:
            subprocess.run([ROOT / "bin" / "search-node", "cluster", *args], env=self.env,
                           check=True, stdout=out, stderr=subprocess.STDOUT, timeout=600)

    def start(self):
        began = time.monotonic()
        self._search_node("start")
        return f"cluster green with both nodes after {time.monotonic() - began:.1f} s"

    def stop_node(self, index):
        self._search_node("stop", SEARCH_URLS[index])
        return f"node {SEARCH_URLS[index]} stopped"

    def stop(self):
        self._search_node("stop")


class Gunicorn:
    """One gunicorn instance as ubada-web@.service runs it (2 sync workers), with the bench's
    URL conf (the site plus the bare view); its request log goes to a file."""

    def __init__(self, workdir, env, name):
        self.env, self.port, self.process = env, free_port(), None
        self.log = workdir / f"gunicorn-{name}.log"

    def start(self):
        self.process = subprocess.Popen(
            [VENV_BIN / "gunicorn", "stack_app:served_app()", "--pythonpath",
             f"{ROOT / 'bench'},{ROOT}", "--bind", f"127.0.0.1:{self.port}", "--workers", "2",
             "--worker-class", "sync", "--timeout", "60", "--no-control-socket"],
            cwd=ROOT, env=self.env, stdout=self.log.open("w"), stderr=subprocess.STDOUT)
        wait_until(lambda: _answers(f"http://127.0.0.1:{self.port}/robots.txt"), "gunicorn",
                   self.process, self.log)

    def stop(self):
        stop(self.process)


def _answers(url):
    import requests

    return requests.get(url, timeout=10, headers={"X-Forwarded-Proto": "https"}).ok


class TimedNginx(Nginx):
    """The stack tests' nginx with one worker per core (as Debian's nginx.conf has it) and an
    access log of `epoch-seconds.millis status request-time "request"` lines."""

    def start(self):
        (self.prefix / "access.log").unlink(missing_ok=True)  # only this run's requests
        super().start()

    def _write_main_config(self):
        super()._write_main_config()
        config = self.prefix / "nginx.conf"
        access_log = f"access_log {self.prefix / 'access.log'};"
        timed = ("log_format timed '$msec $status $request_time \"$request\"';\n"
                 f"    access_log {self.prefix / 'access.log'} timed;")
        text = config.read_text().replace(access_log, timed)
        config.write_text(text.replace("worker_processes 1;", "worker_processes auto;"))

    def server_errors(self):
        """[(epoch seconds, status, request)] of every 5xx nginx answered."""
        errors = []
        log = self.prefix / "access.log"
        for line in log.read_text(errors="replace").splitlines() if log.exists() else []:
            stamp, status, _took, request = line.split(" ", 3)
            if status.startswith("5"):
                errors.append((float(stamp), int(status), request.strip('"')))
        return errors
