"""/health/: what a load balancer and an operator need to know about one web node.

django-health-check runs the checks: the database, the shared cache, the search engine and the
task queue. Only the database decides whether this node can serve (503 takes it out of the
load balancer's rotation); without the cache the site is slower, without the engine search is
answered from the database, without a worker alerts and scrapes wait: those are reported as
"degraded" with 200, so a Redis restart or one search node down never empties the pool.
Answers as HTML, text (`?format=text`) or JSON (`?format=json`); never cached.
"""

import dataclasses
from datetime import timedelta

from asgiref.sync import sync_to_async
from django.apps import apps
from django.conf import settings
from django.utils import timezone
from health_check.base import HealthCheck
from health_check.checks import Cache, Database
from health_check.exceptions import ServiceUnavailable, ServiceWarning
from health_check.views import HealthCheckView

from core.workers import queue_state
from search import engine
from search.results import EngineUnavailable


@dataclasses.dataclass
class SearchEngine(HealthCheck):
    """The OpenSearch cluster's colour; nothing to check on the embedded database backend."""

    def run(self):
        if not engine.configured():
            return
        try:
            status = engine.cluster_status()
        except EngineUnavailable as error:
            raise ServiceUnavailable("no answer: search is served from the database") from error
        if status == "red":
            raise ServiceUnavailable("cluster red: some records cannot be searched")
        if status == "yellow":
            raise ServiceWarning("cluster yellow: a replica is missing")


@dataclasses.dataclass
class TaskQueue(HealthCheck):
    """The queue and its workers (core.workers): tasks due while no worker's heartbeat is
    fresh (no worker runs: alerts and scrapes wait), tasks held by a worker whose heartbeat
    stopped (a lost worker: they are run again once another worker's heartbeat sweeps them
    back), and tasks due for longer than HEALTH_TASK_BACKLOG_SECONDS (too few workers)."""

    async def run(self):
        if not apps.is_installed("django_tasks_db"):
            return  # tasks run inline (the immediate backend): there is no queue to watch
        state = await sync_to_async(queue_state)(  # on the thread of the request's connection
            timezone.now() - timedelta(seconds=settings.HEALTH_TASK_BACKLOG_SECONDS))
        lost_after = f"{settings.TASK_WORKER_LOST_AFTER_SECONDS:g} s"
        problems = []
        if state.due and not state.workers_seen:
            problems.append(f"{state.due} tasks due and no worker seen for {lost_after}")
        elif state.due_since_long:
            problems.append(f"{state.due_since_long} tasks waiting longer than "
                            f"{settings.HEALTH_TASK_BACKLOG_SECONDS} s: too few workers?")
        if state.held_by_lost_workers:
            problems.append(f"{state.held_by_lost_workers} tasks held by a worker not seen for "
                            f"{lost_after}: they will be run again")
        if problems:
            raise ServiceWarning("; ".join(problems))


CRITICAL_CHECKS = (Database,)


class HealthView(HealthCheckView):
    checks = (Database, Cache, SearchEngine, TaskQueue)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "errors": self.failed_critically()}

    def failed_critically(self):
        return any(result.error and isinstance(result.check, CRITICAL_CHECKS)
                   for result in self.results)

    async def get(self, request, *args, **kwargs):
        response = await super().get(request, *args, **kwargs)
        if response.status_code == 500:  # the library's answer to any failed check
            response.status_code = 503 if self.failed_critically() else 200
        return response
