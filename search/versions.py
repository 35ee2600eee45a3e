"""The version of the searchable data, and values kept per process for as long as it holds.

The vocabularies (search.vocabularies) and the database fallback's table of records
(search.table) are built from many queries, so each process keeps them and rebuilds them only
when the data they come from has changed. What has changed is told by tokens in Django's cache,
shared by every process when the cache is (Redis, see core.cache_scopes): the page cache's
"site" and "lists" scopes, which every publish, unpublish, privacy change and record save bumps
once its transaction commits, and this app's own token, which search.signals bumps at once (in
the same transaction, so a test or an editor sees the change before it commits, too).

Reading the tokens costs two cache reads and no query; within a request they are read once.
"""

import threading

from asgiref.local import Local
from django.core.cache import cache
from django.core.signals import request_finished, request_started

from core.cache_scopes import LISTS, SITE, versions

VERSION_KEY = "ubada:search:vocabulary-version"
_request = Local()  # the tokens read by this request, if it has read them
_KEPT = []  # every PerVersion value of this process


def current():
    """The data's version: a tuple that changes whenever a searchable record may have."""
    version = getattr(_request, "version", None)
    if version is None:
        tokens = versions([SITE, LISTS])
        version = (tokens[SITE], tokens[LISTS], cache.get(VERSION_KEY, 0))
        if getattr(_request, "active", False):
            _request.version = version
    return version


def bump():
    """A searchable record changed: every process rebuilds what it keeps (search.signals)."""
    _request.version = None
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, None)


def _request_started(**kwargs):
    _request.active, _request.version = True, None


def _request_finished(**kwargs):
    _request.active, _request.version = False, None


request_started.connect(_request_started, dispatch_uid="search_versions_request_started")
request_finished.connect(_request_finished, dispatch_uid="search_versions_request_finished")


class PerVersion:
    """A value built by `build()` and kept by this process until the data's version changes."""

    def __init__(self, build):
        self.build = build
        self._lock = threading.Lock()
        self._value = None
        self._version = None
        _KEPT.append(self)

    def get(self):
        version = current()
        with self._lock:
            if self._value is None or self._version != version:
                self._value, self._version = self.build(), version
            return self._value

    def clear(self):
        with self._lock:
            self._value = None


def clear_all():
    """Forget every value kept: a test that rolled its records back leaves no version behind."""
    for kept in _KEPT:
        kept.clear()
