"""Cache hit path (issue 14): cached pages under gunicorn beside a bare Django view, with wrk.

    .venv/bin/python bench/cache_hit.py            # c=8 and c=32, local memory and Redis
    .venv/bin/python bench/cache_hit.py --quick    # shorter runs, two pages
    .venv/bin/python bench/cache_hit.py --caches redis --concurrency 32 --seconds 10
    .venv/bin/python bench/cache_hit.py --baseline /tmp/before   # before/after, same rounds

Serves the seed data (the SQLite database bench/render_budget.py builds; built here if
missing) with gunicorn (--workers sync workers, no control socket) under the production settings
with stand-in values (a throwaway secret key, SITE_URL https://ubada.example, no HTTPS redirect:
loopback HTTP), this module as the URL conf: the site plus /i18n/bench-bare/, a constant
answer through the same middleware (under a prefix the page cache skips: no cache lookup).
Two differences from a real deployment, both outside the hit path: static files use Django's
plain storage (no collectstatic run here), and the search and API rate limits are lifted (wrk
is one client asking thousands of times a second).

For each cache (--caches: `locmem`, each worker's own memory, and `redis`, a redis-server this
script starts on a free loopback port and stops by its pid) and each concurrency, every page is
first requested until each worker holds it (the answers say `X-Page-Cache: hit`), then wrk runs
--rounds rounds of paired runs: the bare view, then each page, the order reversed every round.
A page's throughput is given as a share of the bare view's in the same round, with both p99s.

Targets: cached pages at least 50% of bare Django's throughput at concurrency 32, p99 at most
50 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import ExitStack, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from api_bench import free_port  # noqa: E402
from render_budget import bare, build_seed  # noqa: E402

# Under a prefix the page cache passes by (core.page_cache.SKIPPED_PREFIXES): the floor is a view
# doing nothing, through every middleware, with no cache lookup either.
BARE_PATH = "/i18n/bench-bare/"

DB_ENV = "UBADA_CACHE_HIT_DB"
TARGET_SHARE = 0.5
TARGET_P99_MS = 50


# Served by gunicorn ---------------------------------------------------------------------------

def served_app():
    """gunicorn's application factory: production settings on the seed database, this module's
    URL conf, plain static storage (no manifest: collectstatic is not run for a benchmark)."""
    import django
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application
    from django.test.signals import setting_changed  # its receivers reset the storages

    django.setup(set_prefix=False)
    settings.ROOT_URLCONF = __name__
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    setting_changed.send(sender=None, setting="STORAGES", value=settings.STORAGES, enter=True)
    return get_wsgi_application()


def __getattr__(name):
    """`urlpatterns`, built only when Django asks for it (after Django is set up)."""
    if name == "urlpatterns":
        from django.urls import path

        from ubada.urls import urlpatterns as site

        return [path(BARE_PATH.lstrip("/"), bare), *site]
    raise AttributeError(name)


# Servers -------------------------------------------------------------------------------------

def server_environment(db_path, cache_url, key_prefix="after"):
    """Production settings with stand-in values (never real secrets), on loopback HTTP."""
    environment = {
        **os.environ, "DJANGO_SETTINGS_MODULE": "ubada.settings.production",
        "DJANGO_SECRET_KEY": "cache-hit-bench-stand-in-not-a-secret-0123456789abcdefghijkl",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1", "SITE_URL": "https://ubada.example",
        "DJANGO_SSL_REDIRECT": "false", "DATABASE_URL": f"sqlite:///{db_path}",
        "OPENSEARCH_URL": "", "PAGE_CACHE_SECONDS": "3600", "CACHE_URL": cache_url,
        "CACHE_KEY_PREFIX": f"bench-{os.getpid()}-{key_prefix}", "RATE_LIMIT_SEARCH": "100000000/s",
        "RATE_LIMIT_API": "100000000/s", "PYTHONWARNINGS": "ignore::UserWarning",
    }
    return environment


@contextmanager
def gunicorn(args, db_path, cache_url, checkout=ROOT, key_prefix="after"):
    """The site of `checkout` (this one, or --baseline's) under gunicorn on a free port."""
    port = free_port()
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "--workers", str(args.workers), "--worker-class",
         "sync", "--no-control-socket", "--bind", f"127.0.0.1:{port}", "--pythonpath",
         f"{checkout / 'bench'},{checkout}", "--log-level", "warning", "cache_hit:served_app()"],
        env=server_environment(db_path, cache_url, key_prefix), cwd=checkout,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)  # production logs one JSON line per request
    try:
        wait_until_served(f"http://127.0.0.1:{port}{BARE_PATH}", server)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)


@contextmanager
def redis_server():
    """A redis-server of our own on a free loopback port, no persistence; stopped by its pid."""
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--daemonize", "no"], stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True,
                             check=False).stdout.strip() != b"PONG":
            if time.monotonic() > deadline or server.poll() is not None:
                sys.exit("redis-server did not start")
            time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


def wait_until_served(url, server, seconds=120):
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=30).read()
            return
        except urllib.error.HTTPError as error:
            sys.exit(f"{url} answered {error.code}")
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                sys.exit("gunicorn did not answer")
            time.sleep(0.5)


def warm(base, paths, workers):
    """Ask for each page until the answers are hits (each worker cached it, with locmem)."""
    for path in paths:
        hits = 0
        for _ in range(workers * 20):
            with urllib.request.urlopen(base + path, timeout=60) as response:
                response.read()
                hits = hits + 1 if response.headers.get("X-Page-Cache") == "hit" else 0
            if hits >= workers * 3:
                break
        else:
            sys.exit(f"{path} is not served from the cache (X-Page-Cache never 'hit')")


# wrk -----------------------------------------------------------------------------------------

def wrk(url, concurrency, seconds):
    """{'rps', 'p99_ms', 'errors'} of one wrk run."""
    output = subprocess.run(
        ["wrk", "-t", "2", "-c", str(concurrency), "-d", f"{seconds}s", "--latency",
         "--timeout", "10s", url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", output)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {"rps": rps, "p99_ms": float(p99.group(1)) * scale,
            "errors": int(errors.group(1)) if errors else 0}


def paired_rounds(servers, pages, concurrency, args):
    """{page: [(page run, bare run of the same round and server)]}, alternating the order by
    round. `servers`: {label: base URL}; a page of a server other than the first is named with
    its label ("home [before]")."""
    labelled = [(label, base, name if index == 0 else f"{name} [{label}]", path)
                for index, (label, base) in enumerate(servers.items()) for name, path in pages]
    runs = {name: [] for _label, _base, name, _path in labelled}
    for round_number in range(args.rounds):
        order = labelled if round_number % 2 == 0 else labelled[::-1]
        bare_before = {label: wrk(base + BARE_PATH, concurrency, args.seconds)
                       for label, base in servers.items()}
        measured = [(label, name, wrk(base + path, concurrency, args.seconds))
                    for label, base, name, path in order]
        bare_after = {label: wrk(base + BARE_PATH, concurrency, args.seconds)
                      for label, base in servers.items()}
        for label, name, run in measured:
            bare_run = {key: statistics.mean([bare_before[label][key], bare_after[label][key]])
                        for key in ("rps", "p99_ms", "errors")}
            runs[name].append((run, bare_run))
    return runs


def summary(runs):
    """Median over rounds of the throughput share, and the page's and the bare view's p99."""
    return {
        "share": statistics.median(run["rps"] / bare_run["rps"] for run, bare_run in runs),
        "rps": statistics.median(run["rps"] for run, _bare in runs),
        "bare_rps": statistics.median(bare_run["rps"] for _run, bare_run in runs),
        "p99_ms": statistics.median(run["p99_ms"] for run, _bare in runs),
        "bare_p99_ms": statistics.median(bare_run["p99_ms"] for _run, bare_run in runs),
        "errors": sum(run["errors"] for run, _bare in runs),
    }


# Main ----------------------------------------------------------------------------------------

def seed_pages(db_path, names):
    """[(name, path)] of the cached pages, picked on the seed data as render_budget does."""
    output = subprocess.run(
        [sys.executable, "-c", "import json, render_budget as r; r.setup_measured_django("
         f"{str(db_path)!r}); print(json.dumps(r.pages_to_measure()))"],
        cwd=ROOT / "bench", capture_output=True, text=True, check=True).stdout
    pages = json.loads(output.splitlines()[-1])
    return [(name, path) for name, path, _shown in pages
            if name.split(" (")[0].split(" ?")[0] in names]


def measure_cache(args, db_path, pages, cache_url):
    results = {}
    with ExitStack() as stack:
        servers = {"after": stack.enter_context(gunicorn(args, db_path, cache_url))}
        if args.baseline:
            servers["before"] = stack.enter_context(gunicorn(
                args, db_path, cache_url, Path(args.baseline).resolve(), "before"))
        for base in servers.values():
            warm(base, [path for _name, path in pages], args.workers)
        for concurrency in args.concurrency:
            runs = paired_rounds(servers, pages, concurrency, args)
            results[concurrency] = {name: summary(page_runs) for name, page_runs in runs.items()}
            for name, figures in results[concurrency].items():
                print(f"  c={concurrency} {name}: {figures}", file=sys.stderr, flush=True)
    return results


def report(results):
    lines = [f"Targets: at least {TARGET_SHARE:.0%} of the bare view's throughput at c=32, "
             f"p99 at most {TARGET_P99_MS} ms.", "",
             "| cache | c | page | req/s | bare req/s | share of bare | p99 ms | bare p99 ms "
             "| errors |", "|---|---|---|---|---|---|---|---|---|"]
    for cache, by_concurrency in results.items():
        for concurrency, pages in by_concurrency.items():
            for name, row in pages.items():
                lines.append(
                    f"| {cache} | {concurrency} | {name} | {row['rps']:.0f} | "
                    f"{row['bare_rps']:.0f} | {row['share']:.0%} | {row['p99_ms']:.1f} | "
                    f"{row['bare_p99_ms']:.1f} | {row['errors']} |")
    return "\n".join(lines)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="2 s runs, 1 round, 2 pages")
    parser.add_argument("--caches", nargs="+", default=["locmem", "redis"],
                        choices=["locmem", "redis"])
    parser.add_argument("--concurrency", type=int, nargs="+", default=[8, 32])
    parser.add_argument("--seconds", type=int, default=4, help="per wrk run")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pages", nargs="+",
                        default=["home", "promise list", "settlement", "promise", "search"])
    parser.add_argument("--db", default=str(Path(tempfile.gettempdir()) / "ubada-render-budget"
                                            / "seed.sqlite3"))
    parser.add_argument("--json", help="write every figure to this file")
    parser.add_argument("--baseline", help="another checkout of the site (e.g. `git worktree "
                        "add /tmp/before main`), served beside this one on the same database "
                        "and cache server: its pages are measured in the same rounds, each "
                        "against its own bare view, and named '[before]'")
    args = parser.parse_args()
    if args.quick:
        args.seconds, args.rounds, args.pages = 2, 1, ["home", "settlement"]
    return args


def main():
    args = parse_args()
    db_path = Path(args.db)
    if not db_path.exists():
        db_path.parent.mkdir(parents=True, exist_ok=True)
        build_seed(db_path)
    pages = seed_pages(db_path, args.pages)
    results = {}
    for cache in args.caches:
        print(f"{cache}: measuring {len(pages)} pages", file=sys.stderr, flush=True)
        if cache == "redis":
            with redis_server() as url:
                results[cache] = measure_cache(args, db_path, pages, url)
        else:
            results[cache] = measure_cache(args, db_path, pages, "")
    print(report(results))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
