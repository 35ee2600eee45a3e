"""Benchmark of the JSON API: a filtered promise list served by gunicorn, beside a bare Django
JSON view served by the same server in the same run.

    .venv/bin/python bench/api_bench.py                      # issue size: 100,000 promises
    .venv/bin/python bench/api_bench.py --promises 20000     # a quicker run

1. Generates the search benchmark's corpus (bench/search_bench.py's Corpus: settlements,
   people, bodies, events, sources and promises bulk-inserted into a throwaway SQLite
   database, --db); news items are left out (--news), the API's promise list does not read
   them. --reuse keeps an existing corpus.
2. Serves the site with gunicorn on loopback (--workers sync workers), with this module as the
   URL conf: the site's URLs plus /bench/bare/, a Django view returning a constant JSON object
   through the same middleware (the floor any Django answer pays on this server).
3. Asks, from --concurrency client threads, for filtered promise lists (status and city,
   sometimes a year or overdue, pages 1-3: "every broken promise in Osh") and for the bare view,
   and prints p50/p95/p99 in ms side by side with their ratio. Twice: with the anonymous page
   cache off (every answer rendered) and on (as the site runs: a repeated list is served from
   the cache until the next publish).

Target (issue 12): API list p95 at most 50 ms at concurrency 8.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from search_bench import STATUSES, Corpus, percentiles, setup_django  # noqa: E402

BARE_PATH = "/bench/bare/"
DB_ENV = "UBADA_API_BENCH_DB"


# Served by gunicorn ---------------------------------------------------------------------------

def bare(request):
    """The bare Django JSON view: no query, no serialisation beyond a constant."""
    from django.http import JsonResponse

    return JsonResponse({"status": "ok"})


def served_app():
    """gunicorn's application factory: the site on the corpus database, with this module as
    the URL conf (the site's URLs and the bare view)."""
    setup_django(os.environ[DB_ENV], "ubada-api-bench")
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application

    settings.ROOT_URLCONF = __name__
    return get_wsgi_application()


def __getattr__(name):
    """`urlpatterns`, built only when Django asks for it (after served_app set Django up)."""
    if name == "urlpatterns":
        from django.urls import path

        from ubada.urls import urlpatterns as site

        return [path(BARE_PATH.lstrip("/"), bare), *site]
    raise AttributeError(name)


# Measured from the benchmark process ---------------------------------------------------------

def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(args, port, cache_seconds):
    env = {**os.environ, DB_ENV: str(Path(args.db).resolve()),
           "PAGE_CACHE_SECONDS": str(cache_seconds), "RATE_LIMIT_API": "1000000/s",
           "PYTHONWARNINGS": "ignore::UserWarning"}  # WhiteNoise: no collected static here
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "--workers", str(args.workers), "--bind",
         f"127.0.0.1:{port}", "--pythonpath", f"{ROOT / 'bench'},{ROOT}", "--log-level",
         "warning", "api_bench:served_app()"], env=env, cwd=ROOT)
    try:
        wait_until_served(f"http://127.0.0.1:{port}{BARE_PATH}")
    except BaseException:
        server.terminate()
        raise
    return server


def wait_until_served(url, seconds=120):
    """Until the server answers (its workers load Django on their first request)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=30).read()
            return
        except urllib.error.HTTPError as error:
            sys.exit(f"{url} answered {error.code}")
        except OSError:  # not listening yet, or a worker still loading
            if time.monotonic() > deadline:
                sys.exit(f"gunicorn did not answer within {seconds} s")
            time.sleep(0.5)


def list_queries(rng, cities, count):
    """Query strings of filtered promise lists, as a journalist's script would ask for them."""
    queries = []
    for _ in range(count):
        params = {"status": rng.choice(STATUSES), "city": rng.choice(cities)}
        if rng.random() < 0.3:
            params["year"] = rng.randint(2005, 2022)
        if rng.random() < 0.2:
            params["overdue"] = "true"
        params["page"] = rng.choice([1, 1, 2, 3])
        queries.append("&".join(f"{name}={value}" for name, value in params.items()))
    return queries


def timed_get(url):
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:
        response.read()
        assert response.status == 200, (url, response.status)
    return (time.perf_counter() - started) * 1000


def measure(urls, concurrency):
    """Latency of each URL (ms) with `concurrency` clients asking at once."""
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        return list(pool.map(timed_get, urls))


def run_mode(args, cities, cache_seconds):
    port = free_port()
    server = start_server(args, port, cache_seconds)
    base = f"http://127.0.0.1:{port}"
    try:
        rng = random.Random(args.seed)
        # a small pool of distinct lists, asked for again and again, like readers do
        pool = list_queries(rng, cities, args.distinct_lists)
        api_urls = [f"{base}/api/v1/promises?{rng.choice(pool)}" for _ in range(args.requests)]
        bare_urls = [f"{base}{BARE_PATH}"] * args.requests
        # warm every worker up: code loaded and, with the page cache on, each list cached in
        # (nearly) every worker's own memory, as on a site that has been serving for a while
        warm = [f"{base}/api/v1/promises?{query}" for query in pool] * args.workers * 3
        measure(warm + bare_urls[:args.workers * 8], args.concurrency)
        return measure(api_urls, args.concurrency), measure(bare_urls, args.concurrency)
    finally:
        server.terminate()
        server.wait(timeout=30)


def build_corpus(args):
    db_path = Path(args.db)
    if args.reuse and db_path.exists() and db_path.stat().st_size > 1_000_000:
        print(f"corpus: reusing {db_path}")
        return
    db_path.unlink(missing_ok=True)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    seconds = Corpus(args).build()
    print(f"corpus: {args.promises:,} promises, {args.settlements:,} settlements, "
          f"{args.people:,} people, {args.bodies:,} bodies, {args.events:,} events, "
          f"{args.sources:,} sources; inserted in {seconds:.0f} s into {db_path}")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--promises", type=int, default=100_000)
    parser.add_argument("--news", type=int, default=0)
    parser.add_argument("--settlements", type=int, default=2_000)
    parser.add_argument("--people", type=int, default=600)
    parser.add_argument("--bodies", type=int, default=300)
    parser.add_argument("--events", type=int, default=5_000)
    parser.add_argument("--sources", type=int, default=2_000)
    parser.add_argument("--requests", type=int, default=200, help="requests per view and mode")
    parser.add_argument("--distinct-lists", type=int, default=20)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=8,
                        help="gunicorn sync workers (as many as clients: none waits behind a "
                             "slow render)")
    parser.add_argument("--db",
                        default=str(Path(tempfile.gettempdir()) / "ubada-api-bench.sqlite3"))
    parser.add_argument("--reuse", action="store_true", help="keep an existing corpus database")
    parser.add_argument("--seed", type=int, default=5)
    return parser.parse_args()


def main():
    args = parse_args()
    if not args.reuse:
        Path(args.db).unlink(missing_ok=True)
    setup_django(args.db, "ubada-api-bench")
    build_corpus(args)
    from places.models import CityPage

    cities = list(CityPage.objects.values_list("pk", flat=True))
    print(f"gunicorn: {args.workers} sync workers on loopback; {args.requests} requests per "
          f"view from {args.concurrency} clients at once")
    print(f"\n{'page cache':>10} {'view':>24} | {'p50':>7}{'p95':>7}{'p99':>7}  (ms)")
    results = {}
    for label, cache_seconds in (("off", 0), ("on", 600)):
        api, bare_view = run_mode(args, cities, cache_seconds)
        results[label] = (api, bare_view)
        print(f"{label:>10} {'API filtered promise list':>24} | {percentiles(api)}")
        print(f"{label:>10} {'bare Django JSON view':>24} | {percentiles(bare_view)}")
    for label, (api, bare_view) in results.items():
        api_p95, bare_p95 = p95(api), p95(bare_view)
        print(f"page cache {label}: API list p95 {api_p95:.0f} ms = {api_p95 / bare_p95:.1f}x "
              f"the bare view's {bare_p95:.0f} ms (target: API p95 <= 50 ms at concurrency "
              f"{args.concurrency})")


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


if __name__ == "__main__":
    main()
