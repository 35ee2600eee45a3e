"""Render budget (issue 14): CPU time and SQL queries of every public page type, uncached.

    .venv/bin/python bench/render_budget.py                  # seed data and a 5,000-promise corpus
    .venv/bin/python bench/render_budget.py --quick          # fewer renders, a smaller corpus
    .venv/bin/python bench/render_budget.py --promises 20000 --renders 30 --reuse
    .venv/bin/python bench/render_budget.py --profile 3      # and profiles of the 3 slowest

For each dataset (the seed data, loaded with `load_seed` into a throwaway SQLite database, and
the search benchmark's corpus, bench/search_bench.py's Corpus with --promises N) a child
process sets Django up on that database (development settings, DEBUG off, the page cache off:
PAGE_CACHE_SECONDS=0, rate limits lifted) and asks Django's test Client, in-process, for each
public page type in English and Russian: the home page, the promise list with and without
filters, the settlement with the most promises, the promise with the most links, the person and
the body with the most promises, the city with the most settlements, a database search
(`?q=` the biggest settlement's name), the sources list, the most cited source, methodology,
corrections, the site feed and the API's promise list. Beside them, through the same
middleware, a bare Django view (this module's `bare`, /bench/bare/): the floor any answer pays.

Per page: after --warmup renders, `time.process_time()` around --renders renders (median and
p90, ms of CPU; fewer, but at least 5, once a page has used --page-ms of CPU), then one more
render under CaptureQueriesContext for the query count. The table (markdown, stdout) gives
both, the ratio to the bare view, and flags pages over budget (20 ms CPU median, 10 queries)
and pages whose query count grows from the seed data to the corpus (more records shown, more
queries: a query per record, or a record of another shape). --json writes every figure.
--reuse keeps the databases of an earlier run (the seed takes ~3 minutes to load).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from search_bench import Corpus, setup_django  # noqa: E402

BARE_PATH = "/bench/bare/"
BUDGET_CPU_MS = 20
BUDGET_QUERIES = 10
LANGUAGES = ("en", "ru")
MIN_RENDERS = 5  # timed renders of a page, however slow
PROFILE_MS = 6000  # CPU spent profiling each page (2 to 10 renders), twice: pyinstrument, cProfile


def bare(request):
    """The bare Django view: a constant answer, no query, no template."""
    from django.http import HttpResponse

    return HttpResponse("hello")


def __getattr__(name):
    """`urlpatterns`, built only when Django asks for it (after Django is set up)."""
    if name == "urlpatterns":
        from django.urls import path

        from ubada.urls import urlpatterns as site

        return [path(BARE_PATH.lstrip("/"), bare), *site]
    raise AttributeError(name)


# The measured pages ---------------------------------------------------------------------------

def biggest(queryset, relation):
    """The live, public record of `queryset` with the most live, public `relation` rows."""
    from django.db.models import Count
    from wagtail.models import Page

    from core.visibility import published, published_q

    if issubclass(queryset.model, Page):
        queryset = published(queryset)
    return (queryset.annotate(shown=Count(relation, filter=published_q(relation), distinct=True))
            .order_by("-shown", "pk").first())


def pages_to_measure():
    """[(name, path, records shown)] for this database: the biggest record of each type."""
    from actors.models import BodyPage, PersonPage
    from core.visibility import published
    from places.models import CityPage, SettlementPage
    from promises.models import PromisePage
    from sources.models import Source
    from website.models import StandardPage

    settlement = biggest(SettlementPage.objects.all(), "promises")
    city = biggest(CityPage.objects.all(), "settlements")
    person = biggest(PersonPage.objects.all(), "promises")
    body = biggest(BodyPage.objects.all(), "promises")
    promise = biggest(PromisePage.objects.all(), "settlements")
    source = biggest(Source.objects.all(), "reported_promises")
    methodology = StandardPage.objects.get(slug="methodology", locale__language_code="en")
    promises = published(PromisePage.objects.all()).count()
    status = (published(PromisePage.objects.all()).values_list("status", flat=True)
              .order_by("status").first())
    return [
        ("bare Django view", BARE_PATH, 0),
        ("home", "/", promises),
        ("promise list", "/promises/", promises),
        ("promise list, filtered", f"/promises/?status={status}&city={city.pk}", promises),
        (f"settlement ({settlement.title})", settlement.url, settlement.shown),
        ("promise", promise.url, promise.shown),
        (f"person ({person.title})", person.url, person.shown),
        (f"body ({body.title})", body.url, body.shown),
        (f"city ({city.title})", city.url, city.shown),
        (f"search ?q={settlement.title}", f"/search/?q={settlement.title}", settlement.shown),
        ("sources list", "/sources/", Source.objects.count()),
        ("source", f"/sources/{source.pk}/", source.shown),
        ("methodology", methodology.url, 0),
        ("corrections", "/corrections/", promises),
        ("feed", "/feeds/", promises),
        ("API promise list", "/api/v1/promises", promises),
    ]


def localised(path, language):
    """The path in `language` (the default language has no prefix; the API has one address)."""
    if language == "en" or path.startswith(("/api/", BARE_PATH)):
        return path
    return f"/{language}{path}"


# Measured in the child process ---------------------------------------------------------------

def measure_page(client, path, language, args):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    headers = {"HTTP_ACCEPT_LANGUAGE": language}
    for _ in range(args.warmup):
        response = client.get(path, **headers)
        if response.status_code != 200:
            return {"status": response.status_code}
    cpu = []
    while len(cpu) < args.renders and (len(cpu) < MIN_RENDERS or sum(cpu) < args.page_ms):
        started = time.process_time()
        response = client.get(path, **headers)
        cpu.append((time.process_time() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(path, **headers)
    cpu.sort()
    return {"status": 200, "renders": len(cpu), "cpu_median_ms": statistics.median(cpu),
            "cpu_p90_ms": cpu[min(len(cpu) - 1, round(0.9 * (len(cpu) - 1)))],
            "queries": len(queries), "bytes": len(response.content)}


def setup_measured_django(db_path):
    for group in ("SEARCH", "API", "EXPORT", "AUTOCOMPLETE"):
        os.environ[f"RATE_LIMIT_{group}"] = "1000000/s"
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    os.environ["OPENSEARCH_URL"] = ""  # search served from the database
    setup_django(db_path, "ubada-render-budget")
    from django.conf import settings

    settings.ROOT_URLCONF = __name__
    settings.ALLOWED_HOSTS = ["*"]


def measure_dataset(args):
    """Child process: every page in every language on one database; JSON on --out."""
    setup_measured_django(args.db)
    from django.test import Client

    client = Client()
    if args.profile_pages:
        return profile_pages(client, json.loads(args.profile_pages), Path(args.profile_dir))
    results = []
    for name, path, shown in pages_to_measure():
        if args.pages and path != BARE_PATH and not any(part in name for part in args.pages):
            continue
        for language in LANGUAGES:
            if path == BARE_PATH and language != "en":
                continue
            url = localised(path, language)
            figures = measure_page(client, url, language, args)
            results.append({"page": name, "language": language, "url": url,
                            "records_shown": shown, **figures})
            print(f"  {name:<40} {language} {figures}", file=sys.stderr, flush=True)
    Path(args.out).write_text(json.dumps(results, indent=1))


# Databases -----------------------------------------------------------------------------------

def manage(db_path, *command):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db_path}",
           "DJANGO_SETTINGS_MODULE": "ubada.settings.dev"}
    subprocess.run([sys.executable, "manage.py", *command], env=env, cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)


def build_seed(db_path, migrated=None):
    """The seed data in a new database (a copy of `migrated`, an empty migrated one, if given:
    migrating takes about two minutes)."""
    if migrated:
        shutil.copyfile(migrated, db_path)
    else:
        manage(db_path, "migrate", "-v0")
    manage(db_path, "load_seed")


def build_corpus(args, db_path, migrated):
    shutil.copyfile(migrated, db_path)
    subprocess.run([sys.executable, __file__, "--build-corpus", "--db", str(db_path),
                    *corpus_options(args)], cwd=ROOT, check=True)


def corpus_options(args):
    return ["--promises", str(args.promises), "--settlements", str(args.settlements),
            "--people", str(args.people), "--bodies", str(args.bodies),
            "--events", str(args.events), "--sources", str(args.sources)]


def build_corpus_here(args):
    setup_django(args.db, "ubada-render-budget")
    args.news, args.seed = 0, 5
    seconds = Corpus(args).build()
    print(f"corpus: {args.promises:,} promises inserted in {seconds:.0f} s", file=sys.stderr)


def prepared_databases(args):
    """{dataset: path}, built unless --reuse finds them (both from one migrated database)."""
    directory = Path(args.db_dir)
    directory.mkdir(parents=True, exist_ok=True)
    databases = {"seed": directory / "seed.sqlite3",
                 "corpus": directory / f"corpus-{args.promises}.sqlite3"}
    migrated = directory / "migrated.sqlite3"
    for dataset, path in databases.items():
        if args.reuse and path.exists() and path.stat().st_size > 100_000:
            print(f"{dataset}: reusing {path}", file=sys.stderr)
            continue
        started = time.monotonic()
        if not migrated.exists():
            manage(migrated, "migrate", "-v0")
        path.unlink(missing_ok=True)
        build_seed(path, migrated) if dataset == "seed" else build_corpus(args, path, migrated)
        print(f"{dataset}: built {path} in {time.monotonic() - started:.0f} s", file=sys.stderr)
    migrated.unlink(missing_ok=True)
    return databases


def run_dataset(args, dataset, db_path, profiled=None):
    out = Path(args.db_dir) / f"results-{dataset}.json"
    command = [sys.executable, __file__, "--measure", "--db", str(db_path), "--out", str(out),
               "--renders", str(args.renders), "--warmup", str(args.warmup),
               "--page-ms", str(args.page_ms)]
    if args.pages:
        command += ["--pages", *args.pages]
    if profiled:
        command += ["--profile-pages", json.dumps(profiled),
                    "--profile-dir", args.profile_dir]
    print(f"{dataset}: measuring", file=sys.stderr, flush=True)
    subprocess.run(command, cwd=ROOT, check=True, env={**os.environ,
                   "PYTHONWARNINGS": "ignore::UserWarning"})
    return None if profiled else json.loads(out.read_text())


# Profiles ------------------------------------------------------------------------------------

def profile_pages(client, pages, directory):
    """Per page: a pyinstrument report (text, call tree) and a cProfile dump (pstats), from
    2 to 10 renders (about PROFILE_MS of CPU) after a warm-up, and the queries of one render
    grouped by their SQL."""
    import cProfile

    from pyinstrument import Profiler

    directory.mkdir(parents=True, exist_ok=True)
    for number, (name, url, language, cpu_ms) in enumerate(pages, start=1):
        headers = {"HTTP_ACCEPT_LANGUAGE": language}
        renders = max(2, min(10, round(PROFILE_MS / cpu_ms)))
        client.get(url, **headers)
        profiler = Profiler(interval=0.0005)
        with profiler:
            for _ in range(renders):
                client.get(url, **headers)
        stem = directory / f"{number}-{language}"
        stem.with_suffix(".txt").write_text(
            f"{name} {url}\n" + profiler.output_text(show_all=False, short_mode=False))
        with cProfile.Profile() as cprofile:
            for _ in range(renders):
                client.get(url, **headers)
        cprofile.dump_stats(stem.with_suffix(".pstats"))
        stem.with_suffix(".sql.txt").write_text(query_summary(client, url, headers))
        print(f"profiled {name} ({url}) -> {stem}.txt/.pstats/.sql.txt", file=sys.stderr)


def query_summary(client, url, headers):
    """The queries of one render, most repeated first (a query per record shows up here)."""
    import re
    from collections import Counter

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(url, **headers)
    shapes = Counter(re.sub(r"\b\d+\b|'[^']*'", "?", query["sql"])[:300] for query in queries)
    return "\n".join(f"{count:>4} x {sql}" for sql, count in shapes.most_common())


def slowest(results, count):
    """[(name, url, language, CPU ms)] of the `count` slowest page types (CPU median; the
    slower language of each), the bare view aside."""
    measured = [row for row in results if row.get("status") == 200 and row["url"] != BARE_PATH]
    measured.sort(key=lambda row: -row["cpu_median_ms"])
    chosen = {}
    for row in measured:
        chosen.setdefault(row["page"], row)
    return [(row["page"], row["url"], row["language"], row["cpu_median_ms"])
            for row in list(chosen.values())[:count]]


# Report --------------------------------------------------------------------------------------

def floor(rows):
    return next(row["cpu_median_ms"] for row in rows if row["url"] == BARE_PATH)


def flags(seed, corpus):
    """Over budget (CPU, queries) on either dataset; queries growing with the records shown."""
    found = []
    measured = [row for row in (seed, corpus) if row and row.get("status") == 200]
    if any(row["cpu_median_ms"] > BUDGET_CPU_MS for row in measured):
        found.append("CPU")
    if any(row["queries"] > BUDGET_QUERIES for row in measured):
        found.append("queries")
    if (len(measured) == 2 and corpus["queries"] > seed["queries"]
            and corpus["records_shown"] > seed["records_shown"]):
        found.append(f"N+1? ({seed['queries']}->{corpus['queries']})")
    failed = [row for row in (seed, corpus) if row and row.get("status") != 200]
    found += [f"HTTP {row['status']}" for row in failed]
    return ", ".join(found)


def cell(row, bare_ms):
    if not row or row.get("status") != 200:
        return "- | - | - | -"
    return (f"{row['cpu_median_ms']:.1f} / {row['cpu_p90_ms']:.1f} | "
            f"{row['cpu_median_ms'] / bare_ms:.0f}x | {row['queries']} | {row['records_shown']}")


def report(results):
    """The markdown table: both datasets side by side, with budget and growth flags."""
    seed_rows, corpus_rows = results["seed"], results["corpus"]
    seed_bare, corpus_bare = floor(seed_rows), floor(corpus_rows)
    by_key = {(row["page"].split(" (")[0].split(" ?")[0], row["language"]): row
              for row in corpus_rows}
    lines = [
        f"Budget: CPU median <= {BUDGET_CPU_MS} ms, queries <= {BUDGET_QUERIES}. CPU in ms "
        f"(median / p90); x bare: median over the bare view's ({seed_bare:.2f} ms on the seed "
        f"run, {corpus_bare:.2f} ms on the corpus run).",
        "",
        "| page | lang | seed CPU ms | x bare | queries | records | corpus CPU ms | x bare | "
        "queries | records | flags |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for seed in seed_rows:
        corpus = by_key.get((seed["page"].split(" (")[0].split(" ?")[0], seed["language"]))
        lines.append(f"| {seed['page']} | {seed['language']} | {cell(seed, seed_bare)} | "
                     f"{cell(corpus, corpus_bare)} | {flags(seed, corpus)} |")
    return "\n".join(lines)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="5 renders per page, a 1,000-promise corpus")
    parser.add_argument("--renders", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--page-ms", type=int, default=3000,
                        help=f"stop timing a page after this much CPU (at least {MIN_RENDERS} "
                             "renders): keeps a slow page from taking minutes")
    parser.add_argument("--promises", type=int, default=5_000)
    parser.add_argument("--settlements", type=int, default=400)
    parser.add_argument("--people", type=int, default=150)
    parser.add_argument("--bodies", type=int, default=80)
    parser.add_argument("--events", type=int, default=1_000)
    parser.add_argument("--sources", type=int, default=500)
    parser.add_argument("--db-dir",
                        default=str(Path(tempfile.gettempdir()) / "ubada-render-budget"))
    parser.add_argument("--reuse", action="store_true", help="keep the databases of a past run")
    parser.add_argument("--pages", nargs="+", metavar="NAME",
                        help="only the pages whose name contains one of these (and the bare view)")
    parser.add_argument("--json", help="write every figure to this file")
    parser.add_argument("--profile", type=int, default=0, metavar="K",
                        help="profile the K slowest pages of the corpus (pyinstrument, cProfile)")
    parser.add_argument("--profile-dir", default="bench/profiles")
    # internal: the child processes
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--build-corpus", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--profile-pages", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.quick:
        args.renders, args.warmup = 5, 1
        args.promises, args.settlements, args.events, args.sources = 1_000, 100, 300, 200
    return args


def main():
    args = parse_args()
    if args.measure:
        return measure_dataset(args)
    if args.build_corpus:
        return build_corpus_here(args)
    databases = prepared_databases(args)
    results = {dataset: run_dataset(args, dataset, path) for dataset, path in databases.items()}
    if args.profile:
        run_dataset(args, "corpus", databases["corpus"],
                    profiled=slowest(results["corpus"], args.profile))
    print(report(results))
    if args.json:
        Path(args.json).write_text(json.dumps(
            {"budget": {"cpu_median_ms": BUDGET_CPU_MS, "queries": BUDGET_QUERIES},
             "renders": args.renders, "corpus_promises": args.promises, "results": results},
            indent=1))
    return None


if __name__ == "__main__":
    main()
