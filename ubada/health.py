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

from django.apps import apps
from django.conf import settings
from django.utils import timezone
from health_check.base import HealthCheck
from health_check.checks import Cache, Database
from health_check.exceptions import ServiceUnavailable, ServiceWarning
from health_check.views import HealthCheckView

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
    """Tasks waiting longer than HEALTH_TASK_BACKLOG_SECONDS mean no worker is taking them."""

    async def run(self):
        if not apps.is_installed("django_tasks_db"):
            return  # tasks run inline (the immediate backend): there is no queue to watch
        from django_tasks_db.models import DBTaskResult

        waited_since = timezone.now() - timedelta(
            seconds=settings.HEALTH_TASK_BACKLOG_SECONDS)
        late = await DBTaskResult.objects.ready().filter(enqueued_at__lt=waited_since).acount()
        if late:
            raise ServiceWarning(f"{late} tasks waiting: is a worker running?")


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
