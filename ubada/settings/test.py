"""Settings for the test suite. DATABASE_URL selects PostgreSQL in CI; SQLite otherwise."""

import os
import uuid

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105 - tests only
ALLOWED_HOSTS = ["*"]
SITE_URL = "http://testserver"  # the test client's host: citations link back into the tests
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
PAGE_CACHE_SECONDS = 0
# Test transactions never commit and factories save pages without publishing them, so no scope
# is bumped: tests of the fragment cache turn it on themselves (tests/core/test_chrome.py).
FRAGMENT_CACHE_SECONDS = 0
# Limits are off except in the tests of them (tests/security/test_limits.py): the suite searches
# and logs in far more often than a reader, and the test client's login passes no request,
# which django-axes needs.
RATELIMIT_ENABLE = False
AXES_ENABLED = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Static files are served by Django's finders in tests; WhiteNoise only serves collected files.
MIDDLEWARE = [entry for entry in MIDDLEWARE if "whitenoise" not in entry]  # noqa: F405

# The scraper tests fetch from servers on 127.0.0.1, without waiting between requests.
SCRAPER_ALLOW_LOOPBACK = True
SCRAPER_POLITENESS_DELAY = 0.0
SCRAPER_CONNECT_TIMEOUT = 1.0
SCRAPER_READ_TIMEOUT = 1.5
SCRAPER_DEADLINE = 2.0
SCRAPER_MAX_RETRIES = 1
SCRAPER_MAX_RETRY_WAIT = 2.0
SCRAPER_BACKOFF_BASE = 0.05
SCRAPER_CONTACT_URL = "https://ubada.example/bot"
# Every test run gets its own indexes on the search node (tests/search deletes them at the end).
OPENSEARCH_INDEX_PREFIX = os.environ.get("OPENSEARCH_TEST_INDEX_PREFIX") or (
    f"ubada-test-{uuid.uuid4().hex[:8]}"
)
# Searches in the tests wait up to 30 s, not production's 2 s (OPENSEARCH_TIMEOUT in base.py):
# the engine contract checks what the engine answers, and a cold node on a machine busy with
# other jobs can take longer than 2 s to answer its first queries, which would make the search
# fall back to the database and the contract fail for a reason that is not the code's. The
# tests of the fallback stop or misdirect the node instead of relying on a short timeout.
OPENSEARCH_TIMEOUT = float(os.environ.get("OPENSEARCH_TEST_TIMEOUT", "30"))
# The alert tests run django-tasks-db's worker (`db_worker`), which needs its tables; every other
# test keeps the immediate backend (no TASKS setting), which runs tasks inline.
if "django_tasks_db" not in INSTALLED_APPS:  # noqa: F405
    INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks_db"]  # noqa: F405
