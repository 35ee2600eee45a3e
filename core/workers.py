"""Task workers that survive each other: a heartbeat per worker, and recovery of the tasks a dead
worker left behind.

django-tasks-db's `db_worker` claims a task by marking it RUNNING (one worker only: the row is
locked with SELECT ... FOR UPDATE SKIP LOCKED), but a worker killed mid-task (SIGKILL, OOM, a
lost machine) leaves it RUNNING forever: the library has no heartbeat. `manage.py task_worker`
(core/management/commands/task_worker.py) is db_worker plus a thread that, every
TASK_WORKER_HEARTBEAT_SECONDS, records that its worker is alive (core.models.TaskWorker) and
puts back in the queue every RUNNING task whose worker has not been seen for
TASK_WORKER_LOST_AFTER_SECONDS. Such a task runs again from the start on another worker, so
tasks must be idempotent (ours are: see deploy/CLUSTER.md); one that has been lost
TASK_MAX_ATTEMPTS times is marked failed instead of being tried forever. Every worker on the
queue must be a task_worker: a plain db_worker's tasks would look lost and run twice.
"""

import logging
import os
import socket
import threading
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone

from .models import TaskWorker

logger = logging.getLogger("ubada.workers")


class WorkerLost(Exception):
    """The task's worker stopped being seen while the task ran, too many times."""


def lost_after():
    return timedelta(seconds=settings.TASK_WORKER_LOST_AFTER_SECONDS)


def _workers_seen_since(cutoff):
    return set(TaskWorker.objects.filter(seen_at__gte=cutoff).values_list("worker_id", flat=True))


def _held_by_lost_workers(cutoff):
    """The RUNNING tasks, started before `cutoff`, whose worker has not been seen since."""
    from django_tasks_db.models import DBTaskResult

    alive = _workers_seen_since(cutoff)
    return [result for result in DBTaskResult.objects.running().filter(started_at__lt=cutoff)
            if not (result.worker_ids and result.worker_ids[-1] in alive)]


@dataclass(frozen=True)
class QueueState:
    """What /health/ says of the queue (ubada/health.py): tasks due now, those of them enqueued
    before `waited_since`, tasks held by a worker that is not seen (lost: the next heartbeat of
    another worker puts them back), and the workers seen recently."""

    due: int
    due_since_long: int
    held_by_lost_workers: int
    workers_seen: int


def queue_state(waited_since):
    from django_tasks_db.models import DBTaskResult

    cutoff = timezone.now() - lost_after()
    due = DBTaskResult.objects.ready()
    return QueueState(
        due=due.count(), due_since_long=due.filter(enqueued_at__lt=waited_since).count(),
        held_by_lost_workers=len(_held_by_lost_workers(cutoff)),
        workers_seen=len(_workers_seen_since(cutoff)))


def requeue_lost_tasks():
    """Put back in the queue the RUNNING tasks whose worker is no longer seen; return how many.

    Each update is conditional on the task still being RUNNING since the same start, so a task
    another worker has meanwhile finished, or claimed again, is left alone."""
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    cutoff = timezone.now() - lost_after()
    TaskWorker.objects.filter(seen_at__lt=cutoff).delete()
    requeued = 0
    for result in _held_by_lost_workers(cutoff):
        if len(result.worker_ids) >= settings.TASK_MAX_ATTEMPTS:
            logger.error("task %s (%s) lost its worker %s times: failed", result.pk,
                         result.task_path, len(result.worker_ids))
            result.set_failed(WorkerLost(f"its worker died {len(result.worker_ids)} times"))
            continue
        requeued += DBTaskResult.objects.filter(
            pk=result.pk, status=TaskResultStatus.RUNNING, started_at=result.started_at,
        ).update(status=TaskResultStatus.READY, started_at=None)
        logger.warning("task %s (%s) requeued: its worker %s is not seen", result.pk,
                       result.task_path, result.worker_ids[-1:])
    return requeued


class Heartbeat:
    """Records, from its own thread, that worker `worker_id` is alive, and recovers the tasks of
    workers that are not; `start` beats once before returning, so the worker is seen before it
    claims anything."""

    def __init__(self, worker_id):
        self.worker_id = worker_id
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="task-worker-heartbeat",
                                        daemon=True)

    def beat(self):
        now = timezone.now()
        TaskWorker.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={"seen_at": now, "hostname": socket.gethostname()[:255], "pid": os.getpid()},
            create_defaults={"seen_at": now, "started_at": now,
                             "hostname": socket.gethostname()[:255], "pid": os.getpid()})
        requeue_lost_tasks()

    def start(self):
        self.beat()
        self._thread.start()

    def _run(self):
        try:
            while not self._stopped.wait(settings.TASK_WORKER_HEARTBEAT_SECONDS):
                try:
                    self.beat()
                except Exception:  # a database hiccup must not stop the heartbeat for good
                    logger.exception("task worker heartbeat failed")
        finally:
            connection.close()  # this thread's own connection

    def stop(self):
        """A clean exit: no task of this worker is left RUNNING, so it is simply forgotten."""
        self._stopped.set()
        self._thread.join()
        TaskWorker.objects.filter(worker_id=self.worker_id).delete()
