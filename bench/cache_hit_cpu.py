"""Cache hit path in CPU time (issue 14): what a cached page costs beside the bare view,
in-process, free of the noise wrk's wall-clock figures pick up on a shared machine.

    .venv/bin/python bench/cache_hit_cpu.py                       # this checkout
    .venv/bin/python bench/cache_hit_cpu.py --site /tmp/before    # and another one, same run

For each checkout (this one, then every --site) and each cache (local memory, and a
redis-server of bench/cache_hit.py's on a free port, stopped by its pid), a child process sets
the site up as bench/cache_hit.py serves it under gunicorn (production settings with stand-in
values, that checkout's code and bench/cache_hit.py URL conf), asks for every page until it is
a hit, then calls the WSGI application --requests times per page and reports
`time.process_time()` per request (microseconds), and its ratio to the bare view's: the share
of the bare view's throughput a page would reach if both were CPU-bound.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ("home", "promise list", "settlement", "promise", "search")


def wsgi_environ(path):
    path_info, _, query = path.partition("?")
    return {"REQUEST_METHOD": "GET", "PATH_INFO": path_info, "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1",
            "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1", "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr, "wsgi.url_scheme": "http"}


def measure_child(site, db, cache_url, requests):
    """In the child: {page: (µs of CPU per request, X-Page-Cache)} for one checkout and cache."""
    sys.path[:0] = [str(site), str(site / "bench")]
    os.chdir(site)
    import cache_hit
    from render_budget import pages_to_measure

    os.environ.update(cache_hit.server_environment(db, cache_url))
    os.environ["REQUEST_LOG_LEVEL"] = "WARNING"  # as gunicorn's, the log goes nowhere here
    application = cache_hit.served_app()
    pages = [("bare", cache_hit.BARE_PATH)] + [
        (name, path) for name, path, _shown in pages_to_measure()
        if name.split(" (")[0].split(" ?")[0] in PAGES]

    def get(path):
        answer = {}
        b"".join(application(wsgi_environ(path),
                             lambda status, headers, exc_info=None: answer.update(headers)))
        return answer.get("X-Page-Cache", "")

    figures = {}
    for name, path in pages:
        for _ in range(5):
            state = get(path)
        started = time.process_time()
        for _ in range(requests):
            get(path)
        figures[name] = ((time.process_time() - started) / requests * 1e6, state)
    return figures


def run_child(site, args, cache_url):
    output = subprocess.run(
        [sys.executable, __file__, "--child", str(site), "--db", args.db, "--requests",
         str(args.requests), "--cache-url", cache_url],
        capture_output=True, text=True, check=True).stdout
    return json.loads(output.splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", nargs="*", default=[], help="other checkouts to measure")
    parser.add_argument("--db", default=str(Path(tempfile.gettempdir()) / "ubada-render-budget"
                                            / "seed.sqlite3"), help="as bench/cache_hit.py's")
    parser.add_argument("--requests", type=int, default=2000, help="per page")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--cache-url", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure_child(Path(args.child), args.db, args.cache_url,
                                       args.requests)))
        return
    sys.path.insert(0, str(ROOT / "bench"))
    from cache_hit import redis_server

    print("| checkout | cache | page | CPU µs per request | bare µs | share of bare |\n"
          "|---|---|---|---|---|---|")
    with redis_server() as redis_url:
        for site in [ROOT, *map(Path, args.site)]:
            for cache, url in (("locmem", ""), ("redis", redis_url)):
                figures = run_child(site, args, url)
                bare = figures.pop("bare")[0]
                for name, (microseconds, state) in figures.items():
                    print(f"| {site} | {cache} | {name} ({state}) | {microseconds:.0f} | "
                          f"{bare:.0f} | {bare / microseconds:.0%} |", flush=True)


if __name__ == "__main__":
    main()
