"""A database server that restarts or goes away costs readers no error page.

`pg_ctl restart` terminates the queries in flight and refuses connections for a second or two;
Django's connection health checks (CONN_HEALTH_CHECKS) only spare the requests that come after.
Neither they nor a connection pool (Django's psycopg pool checks a connection when it is taken,
as the health checks do) nor a connect-retry patch (django-dbconn-retry retries opening a
connection, not a query killed mid-request) can save a request whose query was killed, so:

- A read (GET, HEAD) that failed because its database connection was lost or refused is run
  again, whole, on a new connection, waiting a little longer each time (up to
  DATABASE_RETRY_SECONDS in all). Nothing of it was sent yet: the decision is taken on the
  response the handler built, before it leaves Django, and a read writes nothing.
- A write (POST...) is never run twice: it runs in one transaction, rolled back if it ends in a
  server error, so a lost connection leaves nothing half-written, and the writer is told to send
  it again.
- Either, if the database stays away, is answered by our own 503 page with Retry-After
  (DATABASE_RETRY_AFTER), not a 500; /health/ says the database is down meanwhile, and the request
  log line carries the number of runs it took (`db_retries`).

Django turns every exception a view or a middleware lets through into a 500 response before
this middleware sees it, so the exception is judged where Django announces it
(`got_request_exception`, whatever the URL conf) and the request is marked for the middleware.
"""

import sys
import time

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import DatabaseError, InterfaceError, OperationalError, connections, transaction
from django.dispatch import receiver
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

SAFE_METHODS = frozenset({"GET", "HEAD"})
FIRST_RETRY_DELAY = 0.1  # seconds; doubled after each failed run, never more than the cap below
LONGEST_RETRY_DELAY = 1.0


def connection_lost(error):
    """True if `error` comes from a database connection that can no longer be used: the server
    closed it, refused it or cannot be reached (not a bad query on a sound connection)."""
    if not isinstance(error, OperationalError | InterfaceError):
        return False
    return any(
        conn.connection is None or not conn.is_usable()
        for conn in connections.all(initialized_only=True)
    )


@receiver(got_request_exception)
def note_lost_connection(sender, request=None, **kwargs):
    """Mark a request whose exception is a lost database connection (sent by Django's handler
    while the exception is being handled)."""
    if request is not None and connection_lost(sys.exception()):
        request.database_connection_lost = True


def unavailable(request):
    """Our 503 page, asking to come back in DATABASE_RETRY_AFTER seconds. Standalone: the site's
    chrome comes from the database."""
    response = render(request, "503.html", {
        "retry_after": settings.DATABASE_RETRY_AFTER,
        "is_write": request.method not in SAFE_METHODS,
    }, status=503)
    response["Retry-After"] = str(settings.DATABASE_RETRY_AFTER)
    add_never_cache_headers(response)
    return response


class DatabaseOutageMiddleware:
    """Runs a read again while the database is away (see the module's docstring); runs a write
    in one transaction. Near the outside of the stack, so that every middleware below it runs
    again with the view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in SAFE_METHODS:
            return self.read(request)
        return self.write(request)

    def read(self, request):
        deadline = time.monotonic() + settings.DATABASE_RETRY_SECONDS
        delay = FIRST_RETRY_DELAY
        request.database_retries = 0
        while True:
            request.database_connection_lost = False  # set by note_lost_connection
            response = self.get_response(request)
            if not request.database_connection_lost:
                return response
            connections.close_all()  # the next run opens new connections
            if time.monotonic() + delay > deadline:
                return unavailable(request)
            time.sleep(delay)
            delay = min(delay * 2, LONGEST_RETRY_DELAY)
            request.database_retries += 1

    def write(self, request):
        request.database_connection_lost = False  # set by note_lost_connection
        try:
            with transaction.atomic():
                response = self.get_response(request)
                if response.status_code >= 500:
                    transaction.set_rollback(True)
        except DatabaseError:
            if not connection_lost(sys.exception()):
                raise
            return unavailable(request)  # the transaction could not begin or end: nothing kept
        if request.database_connection_lost:
            return unavailable(request)
        return response
