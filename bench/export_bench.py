"""Benchmark of the full status-transitions CSV export: rows/s and peak memory.

    .venv/bin/python bench/export_bench.py                          # 100,000 promises, 1,000,000
                                                                    # status changes
    .venv/bin/python bench/export_bench.py --promises 20000         # smaller
    .venv/bin/python bench/export_bench.py --reuse                  # keep the corpus database

1. Generates the search benchmark's corpus (bench/search_bench.py's Corpus: pages bulk-inserted
   into a throwaway SQLite database; no news items here) and adds --changes status changes per
   promise, each citing a source, with bulk_create.
2. In a fresh process, downloads /data/status-changes.csv through Django's test client (URL
   routing, middleware, the real view), consuming the streamed response, and reports rows/s and
   the process's peak RSS.
3. In another fresh process, the baseline: a bare csv.writer over values_list of the same rows
   (status changes of published promises, without their sources or the previous status).

Targets (issue #12): the full transitions export at 50,000 rows/s or more in under 150 MB RSS.
Each measurement runs in its own process, so the corpus generation's memory is not counted.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from search_bench import Corpus, setup_django

ROOT = Path(__file__).resolve().parent.parent
STATUSES = ["in_progress", "stalled", "partially_kept", "kept", "broken"]


def add_status_changes(per_promise, seed):
    """`per_promise` status changes for every promise, each citing one source."""
    from promises.models import PromisePage, StatusChange
    from sources.models import Source

    rng = random.Random(seed)
    sources = list(Source.objects.values_list("pk", flat=True))
    through = StatusChange.sources.through
    start = datetime(2006, 1, 1, tzinfo=UTC)
    promise_ids = list(PromisePage.objects.values_list("pk", flat=True))
    for offset in range(0, len(promise_ids), 2000):
        changes = []
        for promise_id in promise_ids[offset:offset + 2000]:
            for step in range(per_promise):
                when = start + timedelta(days=200 * step + rng.randint(0, 150))
                date = when.date().isoformat()[:(4, 7, 10)[step % 3]]
                changes.append(StatusChange(
                    promise_id=promise_id, date=date, status=rng.choice(STATUSES),
                    rationale=f"Step {step}: reported by residents, \"confirmed\" by the mayor.",
                    is_correction=step % 7 == 6, recorded_at=when))
        created = StatusChange.objects.bulk_create(changes, batch_size=5000)
        through.objects.bulk_create([through(statuschange_id=change.pk,
                                             source_id=rng.choice(sources))
                                     for change in created], batch_size=5000)


def peak_rss_mb():
    """This process's peak resident memory (VmHWM: getrusage's ru_maxrss would keep the peak
    of the parent, the corpus builder, across fork and exec)."""
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmHWM:")[1].split()[0]) / 1024


def export_through_the_view():
    """Rows, seconds and bytes of /data/status-changes.csv, streamed and consumed."""
    from django.test import Client

    started = time.perf_counter()
    response = Client(HTTP_HOST="127.0.0.1").get("/data/status-changes.csv")
    assert response.status_code == 200, response.status_code
    assert response.streaming
    lines = size = 0
    for piece in response.streaming_content:
        lines += piece.count(b"\r\n")
        size += len(piece)
    return lines - 1, time.perf_counter() - started, size


def export_baseline():
    """A bare csv.writer over values_list of the same status changes."""
    from core.visibility import published_q
    from promises.models import StatusChange

    started = time.perf_counter()
    rows = (StatusChange.objects.filter(published_q("promise"))
            .order_by("promise_id", "date", "recorded_at", "pk")
            .values_list("pk", "promise_id", "date", "status", "rationale", "is_correction",
                         "recorded_at").iterator(chunk_size=5000))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    count = size = 0
    for row in rows:
        writer.writerow(row)
        count += 1
        if count % 1000 == 0:
            size += len(buffer.getvalue().encode())
            buffer.seek(0)
            buffer.truncate()
    size += len(buffer.getvalue().encode())
    return count, time.perf_counter() - started, size


def measure(kind, db_path):
    """Run one export in this (fresh) process and print its figures as JSON."""
    setup_django(db_path, "ubada-export-bench")
    rows, seconds, size = (export_through_the_view if kind == "view" else export_baseline)()
    print(json.dumps({"rows": rows, "seconds": seconds, "bytes": size,
                      "peak_rss_mb": peak_rss_mb()}))


def in_fresh_process(kind, db_path):
    output = subprocess.run(
        [sys.executable, __file__, "--measure", kind, "--db", str(db_path)],
        check=True, capture_output=True, text=True, cwd=ROOT).stdout
    return json.loads(output.strip().splitlines()[-1])


def build_corpus(args, db_path):
    from django.core.management import call_command

    if db_path.exists():
        db_path.unlink()
    call_command("migrate", verbosity=0)
    started = time.monotonic()
    seconds = Corpus(args).build()
    add_status_changes(args.changes, args.seed)
    print(f"corpus: {args.promises:,} promises with {args.changes} status changes each, "
          f"built in {time.monotonic() - started:.0f} s (pages {seconds:.0f} s) into {db_path}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--promises", type=int, default=100_000)
    parser.add_argument("--changes", type=int, default=10, help="status changes per promise")
    parser.add_argument("--settlements", type=int, default=2_000)
    parser.add_argument("--people", type=int, default=600)
    parser.add_argument("--bodies", type=int, default=300)
    parser.add_argument("--events", type=int, default=5_000)
    parser.add_argument("--sources", type=int, default=2_000)
    parser.add_argument("--db", default=str(Path(tempfile.gettempdir()) / "ubada-export.sqlite3"))
    parser.add_argument("--reuse", action="store_true", help="keep an existing corpus database")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--measure", choices=["view", "baseline"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.news = 0  # the search benchmark's news items play no part in an export
    db_path = Path(args.db)
    if args.measure:
        return measure(args.measure, db_path)
    if not (args.reuse and db_path.exists()):
        setup_django(db_path, "ubada-export-bench")
        build_corpus(args, db_path)
    else:
        print(f"corpus: reusing {db_path}")
    results = {kind: in_fresh_process(kind, db_path) for kind in ("view", "baseline")}
    print(f"\n{'full transitions export':<34}{'rows':>11}{'seconds':>9}{'rows/s':>10}"
          f"{'MB':>8}{'peak RSS MB':>13}")
    for kind, label in (("view", "/data/status-changes.csv (view)"),
                        ("baseline", "bare csv.writer over values_list")):
        result = results[kind]
        print(f"{label:<34}{result['rows']:>11,}{result['seconds']:>9.1f}"
              f"{result['rows'] / result['seconds']:>10,.0f}{result['bytes'] / 1e6:>8.0f}"
              f"{result['peak_rss_mb']:>13.0f}")
    print("targets: >= 50,000 rows/s, < 150 MB peak RSS")


if __name__ == "__main__":
    main()
