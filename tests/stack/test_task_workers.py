"""Task workers (`manage.py task_worker`, core.workers) sharing one PostgreSQL queue: two of them
run thirty tasks, each exactly once; a worker killed while it runs a task has that task run
again by the other.

The workers are real processes on the test database; the tasks commit (transaction=True). They
need PostgreSQL (DATABASE_URL): skipped on SQLite, except under CI=true, where that fails them.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.models import TaskWorker
from core.workers import requeue_lost_tasks

from .postgres_server import suite_database_url
from .worker_tasks import _runs, record_run

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WAIT_LIMIT = 600  # seconds: generous, for a machine busy with other jobs
TASKS = 30


@pytest.fixture
def task_queue(settings):
    """Tasks go to the database queue, as in production (UBADA_TASK_BACKEND=database)."""
    if connection.vendor != "postgresql":
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but the tests do not run on PostgreSQL (DATABASE_URL)")
        pytest.skip("the worker tests need PostgreSQL: set DATABASE_URL=postgres://...")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend",
                                  "QUEUES": ["default"]}}


@pytest.fixture
def workers(tmp_path):
    """Starts `manage.py task_worker` processes on the test database (a heartbeat every half
    second, a worker lost after 3 s without one); stops those still running at the end."""
    started = []
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ubada.settings.test",
           "DATABASE_URL": suite_database_url(), "UBADA_TASK_BACKEND": "database",
           "TASK_WORKER_HEARTBEAT_SECONDS": "0.5", "TASK_WORKER_LOST_AFTER_SECONDS": "3"}

    def start(name):
        worker_id = f"{name}-{uuid.uuid4().hex[:8]}"
        output = open(tmp_path / f"{worker_id}.log", "w")  # noqa: SIM115 - closed below
        process = subprocess.Popen(
            [sys.executable, "manage.py", "task_worker", "--worker-id", worker_id,
             "--interval", "0.1", "--no-startup-delay", "--no-reload"],
            cwd=settings.BASE_DIR, env=env, stdout=output, stderr=subprocess.STDOUT)
        started.append((process, output))
        return worker_id, process

    yield start
    for process, output in started:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=WAIT_LIMIT)
        output.close()


def wait_until(condition, what):
    deadline = time.monotonic() + WAIT_LIMIT
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what} after {WAIT_LIMIT} s")
        time.sleep(0.2)


def finished(results):
    return all(result.status in ("SUCCESSFUL", "FAILED") for result in
               DBTaskResult.objects.filter(pk__in=[r.id for r in results]))


@pytest.mark.usefixtures("task_queue")
def test_two_workers_run_every_task_exactly_once(workers, tmp_path):
    log = str(tmp_path / "runs.log")
    results = [record_run.enqueue(log, number, meet=number < 2) for number in range(TASKS)]
    first, second = workers("first")[0], workers("second")[0]

    wait_until(lambda: finished(results), f"the {TASKS} tasks")

    starts = [line.split() for line in _runs(log) if line.startswith("start")]
    assert Counter(int(number) for _start, number, _worker in starts) == dict.fromkeys(
        range(TASKS), 1)
    assert {worker for _start, _number, worker in starts} == {first, second}
    assert {(r.status, len(r.worker_ids)) for r in DBTaskResult.objects.all()} == {
        ("SUCCESSFUL", 1)}


@pytest.mark.usefixtures("task_queue")
def test_a_killed_workers_task_is_run_again_by_another(workers, tmp_path):
    log = str(tmp_path / "runs.log")
    result = record_run.enqueue(log, 1, hold=True)
    processes = dict([workers("first"), workers("second")])

    wait_until(lambda: _runs(log), "a worker to start the task")
    killed = _runs(log)[0].split()[2]
    processes[killed].send_signal(signal.SIGKILL)  # no clean exit: the task is left RUNNING
    processes[killed].wait(timeout=WAIT_LIMIT)
    survivor = next(worker for worker in processes if worker != killed)

    wait_until(lambda: finished([result]), "the task to be run again")

    task_result = DBTaskResult.objects.get(pk=result.id)
    assert (task_result.status, task_result.worker_ids) == ("SUCCESSFUL", [killed, survivor])
    assert _runs(log) == [f"start 1 {killed}", f"start 1 {survivor}", f"end 1 {survivor}"]
    assert not TaskWorker.objects.filter(worker_id=killed).exists()  # forgotten once lost


@pytest.mark.django_db
def test_a_lost_task_is_requeued_and_fails_after_the_last_attempt(settings):
    """The rule alone (any database): a busy worker's task is left alone, a dead worker's goes
    back to the queue, and one that lost its worker TASK_MAX_ATTEMPTS times fails."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend",
                                  "QUEUES": ["default"]}}
    settings.TASK_WORKER_LOST_AFTER_SECONDS, settings.TASK_MAX_ATTEMPTS = 60, 3
    long_ago = timezone.now() - timedelta(minutes=5)
    for worker_id, seen_at in (("busy", timezone.now()), ("dead", long_ago)):
        TaskWorker.objects.create(worker_id=worker_id, hostname="test", pid=1,
                                  started_at=long_ago, seen_at=seen_at)
    task_id = record_run.enqueue(os.devnull, 1).id

    def state_after_sweep(*worker_ids):
        DBTaskResult.objects.filter(pk=task_id).update(
            status="RUNNING", started_at=long_ago, worker_ids=list(worker_ids))
        requeue_lost_tasks()
        result = DBTaskResult.objects.get(pk=task_id)
        return result.status, result.exception_class_path

    assert state_after_sweep("busy") == ("RUNNING", "")
    assert state_after_sweep("busy", "dead") == ("READY", "")
    assert list(TaskWorker.objects.values_list("worker_id", flat=True)) == ["busy"]
    assert state_after_sweep("gone", "gone", "dead") == ("FAILED", "core.workers.WorkerLost")
