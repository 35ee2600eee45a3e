"""The real production parts on loopback, for tests/stack/test_nginx.py: a site prepared as
deploy/README.md prepares one (production settings, migrate, seed, collectstatic), gunicorn
serving it, and Debian's nginx in front with deploy/nginx/ubada.conf rendered by
deploy/render-nginx, exactly as an operator renders it. Every process is started here and
stopped by its own handle.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
NGINX_MIME_TYPES = Path("/etc/nginx/mime.types")
MAX_BODY_SIZE_MB = 1
STARTUP_SECONDS = 120  # a busy machine with two shared cores: generous, never asserted on
SETUP_SECONDS = 1200  # migrate + seed + collectstatic (compressing every static file)


def free_port():
    """A TCP port nobody listens on now (the OS picks it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(answers, what, process, log_path):
    """Poll `answers()` until it is true; fail naming `what` (with the log) if the process
    died or STARTUP_SECONDS passed."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            if answers():
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    log = Path(log_path).read_text(errors="replace")[-3000:] if Path(log_path).exists() else ""
    raise RuntimeError(f"{what} did not answer (exit code {process.poll()}):\n{log}")


def stop(process):
    """Stop one process we started, by its handle: SIGTERM, then SIGKILL if it lingers."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def site_environment(workdir, rate_limit_search):
    """The environment of the production settings for this test site: stand-in values, never
    real secrets, and the proxy settings deploy/ubada.env.example gives behind nginx."""
    env = {key: value for key, value in os.environ.items()
           if key not in {"OPENSEARCH_URL", "UBADA_TASK_BACKEND", "CACHE_URL"}}
    env.update({
        "DJANGO_SETTINGS_MODULE": "ubada.settings.production",
        "DJANGO_SECRET_KEY": "stack-test-stand-in-not-a-secret-0123456789abcdefghijkl",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": "https://127.0.0.1",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "DJANGO_STATIC_ROOT": str(workdir / "static"),
        "DJANGO_MEDIA_ROOT": str(workdir / "media"),
        "DJANGO_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO",
        "CLIENT_IP_HEADER": "HTTP_X_FORWARDED_FOR",
        "RATE_LIMIT_SEARCH": rate_limit_search,
    })
    return env


def prepare_site(env):
    """What deploy/README.md has the operator run before the first start."""
    for command in (["migrate", "--no-input"], ["load_seed", "--no-translations"],
                    ["collectstatic", "--no-input"]):
        subprocess.run([sys.executable, "manage.py", *command, "--verbosity", "0"], cwd=REPO,
                       env=env, check=True, timeout=SETUP_SECONDS, stdout=subprocess.DEVNULL)


class Gunicorn:
    """One gunicorn instance (as ubada-web@.service starts it) on a loopback port, with an
    access log that tells which requests reached it."""

    def __init__(self, workdir, env, name):
        self.env = env
        self.port = free_port()
        self.access_log = workdir / f"gunicorn-{name}-access.log"
        self.error_log = workdir / f"gunicorn-{name}-error.log"
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        # One worker: the rate-limit counts live in its memory (no Redis in this test), so each
        # instance counts on its own.
        self.process = subprocess.Popen(
            [VENV_BIN / "gunicorn", "ubada.wsgi", "--bind", f"127.0.0.1:{self.port}",
             "--workers", "1", "--timeout", "120", "--no-control-socket",
             "--access-logfile", self.access_log, "--error-logfile", self.error_log],
            cwd=REPO, env=self.env)
        wait_until(lambda: self.get("/robots.txt").ok, "gunicorn", self.process, self.error_log)

    def get(self, path, headers=None):
        """A request straight to gunicorn, as nginx sends it for an HTTPS request."""
        return requests.get(f"{self.url}{path}", timeout=60, allow_redirects=False,
                            headers={"X-Forwarded-Proto": "https", **(headers or {})})

    def stop(self):
        stop(self.process)

    def saw(self, path):
        """Whether a request for `path` reached this gunicorn."""
        return self.requests_for(path) > 0

    def requests_for(self, path):
        """How many requests for `path` reached this gunicorn."""
        if not self.access_log.exists():
            return 0
        return self.access_log.read_text().count(f" {path} HTTP/")


class Nginx:
    """Debian's nginx as a non-root user, with its own prefix, on free loopback ports, serving
    deploy/nginx/ubada.conf rendered for this test, its upstream listing `gunicorns`."""

    def __init__(self, workdir, gunicorns):
        self.prefix = workdir / "nginx"
        self.static_root = workdir / "static"
        self.gunicorns = gunicorns
        self.https_port = free_port()
        self.process = None

    @property
    def url(self):
        return f"https://127.0.0.1:{self.https_port}"

    @property
    def certificate(self):
        return self.prefix / "cert.pem"

    def get(self, path, headers=None):
        """A request through nginx over HTTPS, trusting the test's certificate."""
        return requests.get(f"{self.url}{path}", headers=headers, verify=self.certificate,
                            timeout=60, allow_redirects=False)

    def start(self):
        for temp in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.prefix / "tmp" / temp).mkdir(parents=True, exist_ok=True)
        self._write_certificate()
        self._render_site()
        self._write_main_config()
        run_as = []
        if os.geteuid() == 0:  # nginx must not need root: run it as nobody, as CI runs as root
            shutil.chown(self.prefix, "nobody")
            for path in self.prefix.rglob("*"):
                shutil.chown(path, "nobody")
            run_as = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
        self.process = subprocess.Popen(
            [*run_as, NGINX, "-p", str(self.prefix), "-c", str(self.prefix / "nginx.conf")])
        wait_until(lambda: self.get("/static/errors/unavailable.html").ok,
                   "nginx", self.process, self.prefix / "error.log")

    def stop(self):
        stop(self.process)

    def _write_certificate(self):
        """A self-signed certificate for 127.0.0.1, standing in for certbot's."""
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
             "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
             "-keyout", self.prefix / "key.pem", "-out", self.certificate],
            check=True, capture_output=True, timeout=120)

    def _render_site(self):
        params = self.prefix / "nginx.params"
        params.write_text("\n".join([
            "UBADA_SERVER_NAME=127.0.0.1 localhost",
            f"UBADA_HTTP_LISTEN=127.0.0.1:{free_port()}",
            f"UBADA_HTTPS_LISTEN=127.0.0.1:{self.https_port} ssl",
            f"UBADA_TLS_CERTIFICATE={self.certificate}",
            f"UBADA_TLS_CERTIFICATE_KEY={self.prefix / 'key.pem'}",
            "UBADA_WEB_SERVERS=" + ",".join(f"127.0.0.1:{each.port}" for each in self.gunicorns),
            f"UBADA_STATIC_ROOT={self.static_root}",
            f"UBADA_MEDIA_ROOT={self.prefix.parent / 'media'}",
            f"UBADA_MAX_BODY_SIZE={MAX_BODY_SIZE_MB}m",
        ]) + "\n")
        rendered = subprocess.run([sys.executable, REPO / "deploy" / "render-nginx", params],
                                  check=True, capture_output=True, text=True, timeout=60)
        (self.prefix / "ubada.conf").write_text(rendered.stdout)

    def _write_main_config(self):
        """What Debian's /etc/nginx/nginx.conf gives the site, with paths a non-root user can
        write to."""
        temp = self.prefix / "tmp"
        (self.prefix / "nginx.conf").write_text(f"""
daemon off;
worker_processes 1;
pid {self.prefix / 'nginx.pid'};
error_log {self.prefix / 'error.log'} warn;
events {{ worker_connections 256; }}
http {{
    include {NGINX_MIME_TYPES};
    default_type application/octet-stream;
    sendfile on;
    access_log {self.prefix / 'access.log'};
    client_body_temp_path {temp / 'body'};
    proxy_temp_path {temp / 'proxy'};
    fastcgi_temp_path {temp / 'fastcgi'};
    uwsgi_temp_path {temp / 'uwsgi'};
    scgi_temp_path {temp / 'scgi'};
    include {self.prefix / 'ubada.conf'};
}}
""")
