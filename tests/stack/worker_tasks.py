"""A task for the worker tests (tests/stack/test_task_workers.py): it writes a line to a file
for every run it starts and ends, naming the worker that ran it."""

import time
from pathlib import Path

from django_tasks import task

MEETING_LIMIT = 240  # seconds a first task waits for the other worker before running alone
HOLD_LIMIT = 600  # seconds a held task waits for the test to kill its worker


def _runs(log_path):
    path = Path(log_path)
    return path.read_text().splitlines() if path.exists() else []


def _record(log_path, line):
    with open(log_path, "a") as log:  # one short write in append mode: lines never interleave
        log.write(line + "\n")


def _workers_seen(log_path):
    return {line.split()[2] for line in _runs(log_path)}


@task(takes_context=True)
def record_run(context, log_path: str, number: int, meet: bool = False,
               hold: bool = False) -> int:
    """Record this run. `meet`: wait until another worker has started a task too, which proves
    that the workers ran at the same time. `hold`: on the first attempt, never finish (the test
    kills the worker)."""
    worker = context.task_result.worker_ids[-1]
    _record(log_path, f"start {number} {worker}")
    deadline = time.monotonic() + (HOLD_LIMIT if hold else MEETING_LIMIT)
    while time.monotonic() < deadline and (
            (hold and context.attempt == 1) or (meet and len(_workers_seen(log_path)) < 2)):
        time.sleep(0.05)
    _record(log_path, f"end {number} {worker}")
    return number
