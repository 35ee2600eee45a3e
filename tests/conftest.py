import pytest

from website.site_tree import ensure_site_tree


@pytest.fixture(autouse=True)
def _english_interface():
    """Every test starts in English, whatever language an earlier one activated."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _search_data_forgotten():
    """Search keeps its vocabularies and records per data version (search.versions); a test's
    records are rolled back without a new version, so each test starts with none kept."""
    from search import versions

    versions.clear_all()


@pytest.fixture
def fragment_cache(settings):
    """Values kept under the cache scopes' versions (core.scoped_cache: routes, rows, fragments,
    filter options, translations) as in production, in a cache of this test's own; whole pages
    are not kept (PAGE_CACHE_SECONDS stays 0), so every request renders its page."""
    from django.core.cache import cache

    settings.FRAGMENT_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home(db):
    """The site's home page with its index pages (promises, people, bodies, ...)."""
    return ensure_site_tree()


@pytest.fixture(scope="session", autouse=True)
def migrated_snapshot(django_db_setup, django_db_blocker):
    """The test database as migrations left it (Wagtail's groups and moderation workflow
    included), serialized before the first test, for transactional tests that must start from
    it whatever the ones before them left (tests/browser/test_editor_journey.py)."""
    from django.db import connection

    with django_db_blocker.unblock():
        return connection.creation.serialize_db_to_string()


@pytest.fixture(scope="module")
def _seed_for_module(request, django_db_setup, django_db_blocker):
    """Loads the study's seed data once per test module, inside a transaction rolled back at
    the module's end. Keep tests that need an empty database out of modules that use it.

    The Russian, Kyrgyz and Kazakh translations cost six times the English records: a module
    that reads them says so with `SEED_TRANSLATIONS = True`."""
    from django.conf import settings
    from django.db import transaction

    from website.seed import load_seed

    translations = getattr(request.module, "SEED_TRANSLATIONS", False)
    with django_db_blocker.unblock(), transaction.atomic():
        load_seed(settings.BASE_DIR / "fixtures" / "seed", translations=translations)
        yield ensure_site_tree()
        transaction.set_rollback(True)


@pytest.fixture
def seeded(_seed_for_module, db):
    """The real seed data from the study, loaded as `make run` loads it."""
    return _seed_for_module
