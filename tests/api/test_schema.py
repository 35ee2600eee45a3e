"""Property-based tests of the API against its own OpenAPI description (schemathesis): every
operation, with parameters generated from the description, on the seed data, never answers
with a server error, and every answer matches the description (status, headers, body)."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

# Enough examples per operation to reach every parameter and its bounds, few enough that all
# seventeen operations run in about a minute on a busy machine.
EXAMPLES_PER_OPERATION = 25

# The description is built from the code alone (no database), so it is read at collection.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def connection_kept():
    """The WSGI handler closes the database connection after each request, as in production;
    inside a test that would close the test's transaction (PostgreSQL). Django's test client
    disconnects the same handler."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
def test_every_operation_answers_as_described(case, seeded, connection_kept):
    case.call_and_validate()
