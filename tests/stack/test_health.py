"""/health/ for the load balancer: 200 while this node can serve, 503 when it cannot, and what
is degraded (cache, search engine, task queue) reported without taking the node out."""

from datetime import timedelta

import pytest
from asgiref.sync import async_to_sync
from django.test import RequestFactory
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from health_check.checks import Database

from core.models import TaskWorker
from ubada.health import HealthView

pytestmark = pytest.mark.django_db

HOUR = timedelta(hours=1)


def report(response):
    return {check.split("(")[0]: state for check, state in response.json().items()}


def test_a_healthy_node_reports_every_part(client):
    response = client.get("/health/?format=json")
    assert response.status_code == 200
    assert report(response) == {"Database": "OK", "Cache": "OK", "SearchEngine": "OK",
                                "TaskQueue": "OK"}
    assert "no-cache" in response["Cache-Control"]


def test_redis_down_is_reported_and_the_node_stays_in(client, redis_cache):
    redis_cache.stop()
    response = client.get("/health/?format=json")
    assert response.status_code == 200
    assert report(response)["Cache"] != "OK"
    assert report(response)["Database"] == "OK"


def test_a_search_engine_that_does_not_answer_is_reported(client, settings):
    from tests.stack.conftest import free_port

    settings.OPENSEARCH_URL = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    response = client.get("/health/?format=json")
    assert response.status_code == 200
    assert "search is served from the database" in report(response)["SearchEngine"]


def due_task(**fields):
    return DBTaskResult.objects.create(
        task_path="following.tasks.announce_changes", args_kwargs={"args": [], "kwargs": {}},
        backend_name="default", run_after=timezone.now() - timedelta(minutes=1), **fields)


def worker(worker_id, seen_ago):
    return TaskWorker.objects.create(
        worker_id=worker_id, hostname="web-1", pid=1, started_at=timezone.now() - HOUR,
        seen_at=timezone.now() - seen_ago)


def test_due_tasks_with_no_fresh_worker_heartbeat_are_reported(client, settings):
    settings.TASK_WORKER_LOST_AFTER_SECONDS = 120
    due_task()
    worker("stopped", seen_ago=timedelta(minutes=5))
    response = client.get("/health/?format=json")
    assert response.status_code == 200
    assert report(response)["TaskQueue"] == (
        "Warning: 1 tasks due and no worker seen for 120 s")
    assert report(response)["Database"] == "OK"


def test_due_tasks_with_a_worker_alive_are_not_a_problem(client):
    due_task()
    worker("alive", seen_ago=timedelta(seconds=5))
    assert report(client.get("/health/?format=json"))["TaskQueue"] == "OK"


def test_tasks_waiting_too_long_despite_a_worker_are_reported(client, settings):
    settings.HEALTH_TASK_BACKLOG_SECONDS = 600
    due_task()
    DBTaskResult.objects.update(enqueued_at=timezone.now() - HOUR)
    worker("alive", seen_ago=timedelta(seconds=5))
    response = client.get("/health/?format=json")
    assert response.status_code == 200
    assert report(response)["TaskQueue"] == (
        "Warning: 1 tasks waiting longer than 600 s: too few workers?")


def test_a_task_held_by_a_lost_worker_is_reported(client, settings):
    settings.TASK_WORKER_LOST_AFTER_SECONDS = 120
    worker("alive", seen_ago=timedelta(seconds=5))
    worker("lost", seen_ago=timedelta(minutes=10))
    due_task(status="RUNNING", started_at=timezone.now() - HOUR, worker_ids=["lost"])
    due_task(status="RUNNING", started_at=timezone.now() - HOUR, worker_ids=["alive"])
    response = client.get("/health/?format=json")
    assert response.status_code == 200
    assert report(response)["TaskQueue"] == (
        "Warning: 1 tasks held by a worker not seen for 120 s: they will be run again")


def test_a_database_that_cannot_answer_takes_the_node_out():
    view = HealthView.as_view(checks=[(Database, {"alias": "no-such-database"})])
    response = async_to_sync(view)(RequestFactory().get("/health/", {"format": "json"}))
    assert response.status_code == 503
