"""/health/ for the load balancer: 200 while this node can serve, 503 when it cannot, and what
is degraded (cache, search engine, task queue) reported without taking the node out."""

from datetime import timedelta

import pytest
from asgiref.sync import async_to_sync
from django.test import RequestFactory
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from health_check.checks import Database

from ubada.health import HealthView

pytestmark = pytest.mark.django_db


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


def test_tasks_waiting_with_no_worker_are_reported(client):
    DBTaskResult.objects.create(
        task_path="following.tasks.announce_changes", args_kwargs={"args": [], "kwargs": {}},
        backend_name="default", run_after=timezone.now() - timedelta(hours=1))
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(hours=1))
    response = client.get("/health/?format=json")
    assert response.status_code == 200
    assert report(response)["TaskQueue"] == "Warning: 1 tasks waiting: is a worker running?"


def test_a_database_that_cannot_answer_takes_the_node_out():
    view = HealthView.as_view(checks=[(Database, {"alias": "no-such-database"})])
    response = async_to_sync(view)(RequestFactory().get("/health/", {"format": "json"}))
    assert response.status_code == 503
