"""`make prod-check`: the whole production stack on loopback, under mixed load, with faults.

    .venv/bin/python bench/stack.py                      # 5 minutes of load (issue 14)
    .venv/bin/python bench/stack.py --duration 60 --out bench/RESULTS-stack.md
    .venv/bin/python bench/stack.py --reuse DIR --faults postgres --duration 60 --bare-duration 10

Starts, in a fresh directory under /tmp: PostgreSQL (a throwaway cluster, as .ci/run makes one),
Redis (Debian's redis-server, no persistence), a two-node OpenSearch cluster (bin/search-node
cluster, the index with one replica), prepares the site as deploy/README.md does (migrate,
load_seed, collectstatic, rebuild_search_index), then two gunicorn instances (2 sync workers
each, production settings, DEBUG off), two task workers and Debian's nginx in front
(deploy/nginx/ubada.conf rendered by deploy/render-nginx, over HTTPS with a throwaway
certificate). Everything is stopped by pid at the end, on failure and on Ctrl-C.

Load (wrk, bench/stack.lua, concurrency 32, through nginx): first --bare-duration seconds of a
bare Django view under the same gunicorn (bench/stack_app.py), then --duration seconds of mixed
traffic (pages, filtered lists, search, autocomplete, in English and Russian). During the mixed
traffic the driver publishes promise changes (each must show through nginx within 1 s), stops
one OpenSearch node and starts it again (the cluster back to green), restarts Redis and restarts
PostgreSQL. Every 5xx, from wrk and from nginx's access log, is listed with its time relative
to the faults; at the end every published change must still be there.

`--faults postgres` runs only the database's part: no OpenSearch cluster (search is answered from
the database), and PostgreSQL restarted three times, each right after a publish, during the
mixed load.

Differences from a real deployment: wrk is one client asking hundreds of times a second, so the
search, autocomplete and API rate limits are lifted; certificates are self-signed.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import quote

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.stack_app import BARE_PATH  # noqa: E402
from bench.stack_services import (  # noqa: E402
    Gunicorn,
    Postgres,
    RedisServer,
    SearchCluster,
    TimedNginx,
    run_manage,
    site_environment,
    stop,
)

CONCURRENCY = 32
PUBLISH_DEADLINE_SECONDS = 1.0
LUA_SCRIPT = ROOT / "bench" / "stack.lua"


# Traffic -------------------------------------------------------------------------------------

def mixed_paths():
    """The mixed traffic, one path a line, repeated by weight: what readers ask for most."""
    from actors.models import BodyPage, PersonPage
    from core.visibility import published
    from places.models import CityPage, SettlementPage
    from promises.models import PromisePage

    settlements = list(published(SettlementPage.objects.all())[:8])
    promises = list(published(PromisePage.objects.all())[:12])
    people = list(published(PersonPage.objects.all())[:4])
    bodies = list(published(BodyPage.objects.all())[:4])
    cities = list(published(CityPage.objects.all()))
    statuses = sorted({promise.status for promise in promises})
    pages = ["/"] * 6 + [record.url for record in settlements + promises + people + bodies + cities]
    lists = ["/promises/"] * 4 + [f"/promises/?status={status}" for status in statuses] + [
        f"/promises/?city={city.pk}&status={statuses[0]}" for city in cities]
    searches = [f"/search/?q={quote(record.title)}" for record in settlements[:6] + people[:2]]
    autocomplete = [f"/search/autocomplete/?q={quote(record.title[:3])}" for record in settlements]
    english = pages + lists + searches + autocomplete
    russian = [f"/ru{path}" for path in pages[5:20] + lists[3:8]]
    return english + russian


def wrk(base_url, paths_file, seconds, out_file):
    """wrk at CONCURRENCY, started in the background (its output goes to `out_file`)."""
    return subprocess.Popen(
        ["wrk", "-t", "2", "-c", str(CONCURRENCY), "-d", f"{seconds}s", "--latency",
         "--timeout", "10s", "-s", str(LUA_SCRIPT), base_url, "--", str(paths_file)],
        stdout=out_file.open("w"), stderr=subprocess.STDOUT)


def wrk_figures(output):
    """{'rps', 'p99_ms', 'statuses': {code: count}, 'socket_errors'} from wrk's output."""
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p99_ms": float(re.search(r"^p99_ms ([\d.]+)", output, re.M).group(1)),
        "statuses": {int(code): int(count)
                     for code, count in re.findall(r"^status (\d+) (\d+)", output, re.M)},
        "socket_errors": socket_errors.group(1) if socket_errors else "none",
    }


def run_wrk(base_url, paths, seconds, workdir, name):
    paths_file = workdir / f"{name}-paths.txt"
    paths_file.write_text("\n".join(paths) + "\n")
    out = workdir / f"{name}-wrk.txt"
    process = wrk(base_url, paths_file, seconds, out)
    return process, out


# Faults --------------------------------------------------------------------------------------

class Timeline:
    """What the driver did and when, in seconds from the start of the mixed load."""

    def __init__(self):
        self.started = time.time()
        self.events = []

    def now(self):
        return time.time() - self.started

    def record(self, action, began, outcome, ok=True):
        self.events.append({"action": action, "at": began, "took": self.now() - began,
                            "outcome": outcome, "ok": ok})
        print(f"  +{began:6.1f}s {action}: {outcome}", file=sys.stderr, flush=True)


class Publisher:
    """Publishes changes to one promise through Django (as an editor's publish does: a new
    revision, published) and watches the page through nginx until it shows them."""

    def __init__(self, nginx):
        from core.visibility import published
        from promises.models import PromisePage

        self.nginx = nginx
        self.promise = published(PromisePage.objects.all()).first()
        self.original_text = self.promise.text
        self.run_word = f"stackcheck{int(time.time())}"
        self.markers = []

    def publish(self, timeline):
        from django.db import connection

        marker = f"{self.run_word}n{len(self.markers) + 1}"
        began = timeline.now()
        for _attempt in range(40):  # PostgreSQL may be restarting: try again for up to ~20 s
            connection.close()  # a fresh connection: the last one may have died in a restart
            try:
                page = self.promise.get_latest_revision_as_object()
                page.text = f"{self.original_text[:900]} {marker}"
                page.save_revision().publish()
                break
            except Exception as error:
                last_error = error
                time.sleep(0.5)
        else:
            timeline.record(f"publish {marker}", began, f"failed: {last_error}", ok=False)
            return
        self.markers.append(marker)
        published_at = time.monotonic()
        seen = self.seen_within(marker, published_at, seconds=30)
        ok = seen is not None and seen[0] <= PUBLISH_DEADLINE_SECONDS
        outcome = (f"first shown by a request sent {seen[0]:.2f} s after the publish "
                   f"(answered in {seen[1]:.2f} s)" if seen else "not shown within 30 s")
        timeline.record(f"publish {marker}", began, outcome, ok=ok)

    def seen_within(self, marker, since, seconds):
        """(seconds from `since` to the sending of the first request through nginx whose page
        showed `marker`, seconds it took to answer), or None. The sending time is what counts:
        under load an answer may take seconds, but it shows what was live when it was asked."""
        while (sent := time.monotonic()) - since < seconds:
            try:
                if marker in self.nginx.get(self.promise.url).text:
                    return sent - since, time.monotonic() - sent
            except requests.RequestException:
                pass
            time.sleep(0.05)
        return None

    def found_by_search(self, marker, seconds=60):
        """Whether searching for `marker` through nginx lists the promise: the task workers
        indexed the change (the search page says when it fell back to the database)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                hits = self.nginx.get(f"/search/?q={marker}").text
                if f"/record/{self.promise.pk}/" in hits:  # hits link to permalinks
                    return True
            except requests.RequestException:
                pass
            time.sleep(1)
        return False


def preflight(nginx, paths):
    """Each distinct path asked once through nginx, which also fills the shared page cache as
    readers would have: (the paths that answered 2xx or 3xx, in
    their weights, {path: status} of the others, left out of the load)."""
    with ThreadPoolExecutor(max_workers=8) as pool:  # as many as the gunicorn workers, twice
        distinct = sorted(set(paths))
        statuses = dict(zip(distinct, pool.map(lambda path: nginx.get(path).status_code,
                                                distinct), strict=True))
    failing = {path: status for path, status in statuses.items() if status >= 400}
    return [path for path in paths if path not in failing], failing


def fault_plan(stack, publisher, faults):
    """[(fraction of the load's duration, action name, callable returning an outcome)]."""
    search, redis, postgres = stack["search"], stack["redis"], stack["postgres"]
    if faults == "postgres":
        # each restart right after a publish, as in the full plan: the pages it invalidated
        # are rendered again, from the database, while it restarts
        return [
            (0.10, "publish", publisher.publish),
            (0.11, "restart PostgreSQL", postgres.restart),
            (0.40, "publish", publisher.publish),
            (0.41, "restart PostgreSQL", postgres.restart),
            (0.70, "publish", publisher.publish),
            (0.71, "restart PostgreSQL", postgres.restart),
            (0.90, "publish", publisher.publish),
        ]
    return [
        (0.05, "publish", publisher.publish),
        (0.10, "stop OpenSearch node 2", lambda: search.stop_node(1)),
        (0.15, "publish", publisher.publish),
        (0.20, "start OpenSearch node 2 (wait for green)", search.start),
        (0.35, "publish", publisher.publish),
        (0.40, "restart Redis", redis.restart),
        (0.45, "publish", publisher.publish),
        (0.60, "restart PostgreSQL", postgres.restart),
        (0.65, "publish", publisher.publish),
        (0.85, "publish", publisher.publish),
    ]


def run_faults(plan, timeline, duration):
    for fraction, action, do in plan:
        time.sleep(max(0.0, fraction * duration - timeline.now()))
        if action == "publish":
            do(timeline)
            continue
        began = timeline.now()
        try:
            timeline.record(action, began, do() or "done")
        except Exception as error:
            timeline.record(action, began, f"failed: {error}", ok=False)


# The stack -----------------------------------------------------------------------------------

def start_stack(stack, workdir, log, reuse, with_search=True):
    """Every service, in the order they depend on each other; each is stopped by `stack`'s
    ExitStack (last started, first stopped) whatever happens next. With `reuse`, the database
    and static files of an earlier run in `workdir` are used again (the search index and the
    cache start empty as always). Without `with_search`, no OpenSearch: search is answered from
    the database."""
    services = stack.enter_context(ExitStack())
    step("PostgreSQL")
    postgres = Postgres(workdir)
    services.callback(postgres.stop)
    postgres.start(fresh=not reuse)
    step("Redis")
    redis = RedisServer(workdir)
    services.callback(redis.stop)
    redis.start()
    search = None
    if with_search:
        step("OpenSearch cluster (two nodes)")
        search = SearchCluster(log)
        services.callback(search.stop)
        search.start()
    env = site_environment(workdir, postgres, redis, with_search=with_search)
    prepare = [["migrate", "--no-input"]]
    if not reuse:
        prepare += [["load_seed"], ["collectstatic", "--no-input"]]
    if with_search:
        prepare.append(["rebuild_search_index", "--no-progress"])
    step("site: " + ", ".join(command[0] for command in prepare))
    for command in prepare:
        run_manage(env, *command, log=log)
    step("two gunicorn instances, two task workers, nginx")
    gunicorns = [Gunicorn(workdir, env, name) for name in ("1", "2")]
    for gunicorn in gunicorns:
        services.callback(gunicorn.stop)
        gunicorn.start()
    for number in (1, 2):
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "task_worker", "--worker-id", f"stack-{number}"],
            cwd=ROOT, env=env, stdout=(workdir / f"worker-{number}.log").open("w"),
            stderr=subprocess.STDOUT)
        services.callback(stop, worker)
    nginx = TimedNginx(workdir, gunicorns)
    services.callback(nginx.stop)
    nginx.start()
    return {"postgres": postgres, "redis": redis, "search": search, "nginx": nginx, "env": env}


def step(what):
    print(f"stack: {what}", file=sys.stderr, flush=True)


def setup_django(env):
    """Django in this process, on the stack's database and cache: the driver publishes."""
    import django

    os.environ.update(env)
    django.setup()


def load_and_faults(stack, args, workdir):
    """The bare run, then the mixed run with the faults timed beside it."""
    nginx = stack["nginx"]
    step(f"load: bare view, {args.bare_duration} s at c={CONCURRENCY}")
    process, bare_out = run_wrk(nginx.url, [BARE_PATH], args.bare_duration, workdir, "bare")
    process.wait()
    publisher = Publisher(nginx)
    step(f"load: mixed traffic, {args.duration} s at c={CONCURRENCY}, with faults")
    paths, left_out = preflight(nginx, mixed_paths())
    process, mixed_out = run_wrk(nginx.url, paths, args.duration, workdir, "mixed")
    timeline = Timeline()
    load_average = os.getloadavg()[0]
    plan = fault_plan(stack, publisher, args.faults)
    faults = threading.Thread(target=run_faults, daemon=True,
                              args=(plan, timeline, args.duration))
    faults.start()
    process.wait()
    load_seconds = timeline.now()
    faults.join()
    return {"bare": wrk_figures(bare_out.read_text()), "mixed": wrk_figures(mixed_out.read_text()),
            "timeline": timeline, "load_seconds": load_seconds,
            "kept": nothing_lost(publisher), "errors": nginx.server_errors(),
            "paths": len(set(paths)), "left_out": left_out, "load_average": load_average}


def nothing_lost(publisher):
    """Whether every published change is still there after the run: each marker in a revision,
    the last one live and shown through nginx."""
    from django.db import connection

    connection.close()
    page = type(publisher.promise).objects.get(pk=publisher.promise.pk)
    revisions = [str(content.get("text", ""))
                 for content in page.revisions.values_list("content", flat=True)]
    in_revisions = [marker for marker in publisher.markers
                    if any(marker in text for text in revisions)]
    last = publisher.markers[-1] if publisher.markers else None
    shown = last is not None and publisher.seen_within(last, time.monotonic(), 5) is not None
    return {"published": len(publisher.markers), "in_revisions": len(in_revisions),
            "last_live": last is not None and last in page.text, "last_shown": shown,
            "last_found": last is not None and publisher.found_by_search(last)}


# Report --------------------------------------------------------------------------------------

def fault_before(stamp, timeline):
    """'N s after ACTION' for the last fault or publish begun before `stamp` (epoch seconds)."""
    moment = stamp - timeline.started
    earlier = [event for event in timeline.events if event["at"] <= moment]
    if not earlier:
        return f"+{moment:.1f} s, before any fault"
    event = earlier[-1]
    return f"+{moment:.1f} s, {moment - event['at']:.1f} s after '{event['action']}' began"


def report(results, args):
    bare, mixed, timeline = results["bare"], results["mixed"], results["timeline"]
    wrk_5xx = sum(count for code, count in mixed["statuses"].items() if code >= 500)
    bare_5xx = sum(count for code, count in bare["statuses"].items() if code >= 500)
    kept = results["kept"]
    lines = [
        "# Production stack check (`make prod-check`, bench/stack.py)", "",
        f"nginx -> 2 gunicorn (2 sync workers each, production settings) + Redis + PostgreSQL + "
        f"{'2-node OpenSearch (1 replica)' if args.faults == 'all' else 'no OpenSearch'}"
        f" + 2 task workers, loopback, wrk c={CONCURRENCY} over "
        f"HTTPS. Bare view {args.bare_duration} s, mixed traffic {args.duration} s "
        f"({results['load_seconds']:.0f} s measured), {results['paths']} distinct paths.", "",
        *[f"- left out of the mix (answered {status} before the load): `{path}`"
          for path, status in results["left_out"].items()],
        f"Load average of the machine when the mixed load began: {results['load_average']:.1f} "
        f"on {os.cpu_count()} cores (shared with other work).", "",
        "| run | req/s | p99 ms | statuses | socket errors |", "|---|---|---|---|---|",
        *[f"| {name} | {run['rps']:.0f} | {run['p99_ms']:.1f} | "
          f"{', '.join(f'{code}: {count}' for code, count in sorted(run['statuses'].items()))} "
          f"| {run['socket_errors']} |" for name, run in (("bare view", bare), ("mixed", mixed))],
        "",
        f"**Mixed traffic / bare view: throughput {mixed['rps'] / bare['rps']:.0%}, "
        f"p99 {mixed['p99_ms'] / bare['p99_ms']:.1f}x.**", "",
        "## Faults during the mixed load", "",
        "| at | took | action | outcome | ok |", "|---|---|---|---|---|",
        *[f"| +{event['at']:.1f} s{' (load over)' if event['at'] > results['load_seconds'] else ''}"
          f" | {event['took']:.1f} s | {event['action']} | {event['outcome']} | "
          f"{'yes' if event['ok'] else 'NO'} |" for event in timeline.events],
        "", f"5xx: {wrk_5xx} counted by wrk in the mixed run ({bare_5xx} in the bare run), "
        f"{len(results['errors'])} in nginx's access log.",
        *[f"- {status} `{request}` at {fault_before(stamp, timeline)}"
          for stamp, status, request in results["errors"][:50]],
        "", f"Nothing lost: {kept['published']} changes published, {kept['in_revisions']} "
        f"found in the promise's revisions after the run, the last one live: "
        f"{'yes' if kept['last_live'] else 'NO'}, shown through nginx: "
        f"{'yes' if kept['last_shown'] else 'NO'}, found by search: "
        f"{'yes' if kept['last_found'] else 'NO'}.",
    ]
    return "\n".join(lines) + "\n"


def passed(results):
    """The check passes with no 5xx, every fault and publish handled, nothing lost."""
    kept = results["kept"]
    return (not results["errors"]
            and not any(code >= 500 for code in results["mixed"]["statuses"])
            and all(event["ok"] for event in results["timeline"].events)
            and kept["published"] == kept["in_revisions"] > 0
            and kept["last_live"] and kept["last_shown"] and kept["last_found"]
            and not results["left_out"])


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int,
                        default=int(os.environ.get("STACK_DURATION", "300")),
                        help="seconds of mixed load (default 300, or $STACK_DURATION)")
    parser.add_argument("--bare-duration", type=int, default=None,
                        help="seconds of the bare view's run (default: min(60, --duration))")
    parser.add_argument("--out", type=Path, help="also write the report here")
    parser.add_argument("--keep-dir", action="store_true",
                        help="keep the working directory (logs, database) after the run")
    parser.add_argument("--reuse", type=Path, metavar="DIR",
                        help="the kept working directory of an earlier run: its database "
                             "(seed loaded) and static files are used again")
    parser.add_argument("--faults", choices=("all", "postgres"), default="all",
                        help="all (default), or only PostgreSQL restarts, without OpenSearch")
    args = parser.parse_args()
    if args.bare_duration is None:
        args.bare_duration = min(60, args.duration)
    return args


def main():
    args = parse_args()
    workdir = args.reuse or Path(tempfile.mkdtemp(prefix="ubada-prod-check-"))
    workdir.chmod(0o755)  # nginx (as nobody) reads the static files, postgres its directory
    log = workdir / "setup.log"
    step(f"working directory {workdir} (setup log: {log})")
    # Stopped or interrupted (even when started in the background, which ignores Ctrl-C):
    # leave through the ExitStack below, which stops every service.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with ExitStack() as stack:
        if not (args.keep_dir or args.reuse):
            stack.callback(shutil.rmtree, workdir, ignore_errors=True)
        services = start_stack(stack, workdir, log, reuse=bool(args.reuse),
                               with_search=args.faults == "all")
        setup_django(services["env"])
        results = load_and_faults(services, args, workdir)
    verdict = passed(results)
    text = report(results, args) + f"\nVerdict: {'PASS' if verdict else 'FAIL'}.\n"
    print(text)
    if args.out:
        args.out.write_text(text)
    sys.exit(0 if verdict else 1)


if __name__ == "__main__":
    main()
