"""A write runs in one transaction (core.database_outage): one that ends in a server error, as a
lost database connection does, keeps nothing of what it wrote. The restart itself, with real
PostgreSQL and gunicorn, is in tests/stack/test_database_restart.py."""

import pytest
from django.http import HttpResponse, HttpResponseServerError

from core.database_outage import DatabaseOutageMiddleware
from sources.models import Source
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


def writes_then_answers(response_class):
    def view(request):
        SourceFactory()
        SourceFactory()
        return response_class()

    return view


def test_a_write_that_ends_in_a_server_error_keeps_nothing(rf):
    response = DatabaseOutageMiddleware(writes_then_answers(HttpResponseServerError))(
        rf.post("/admin/"))

    assert response.status_code == 500
    assert not Source.objects.exists()


def test_a_write_that_succeeds_keeps_everything(rf):
    DatabaseOutageMiddleware(writes_then_answers(HttpResponse))(rf.post("/admin/"))

    assert Source.objects.count() == 2
