import pytest

from core.site_tree import ensure_site_tree


@pytest.fixture
def home(db):
    """The site's home page with its index pages (promises, people, bodies, ...)."""
    return ensure_site_tree()


@pytest.fixture
def seeded(db):
    """The real seed data from the study, loaded as `make run` loads it."""
    from django.conf import settings

    from core.seed import load_seed

    load_seed(settings.BASE_DIR / "fixtures" / "seed")
    return ensure_site_tree()
