"""Anonymous visitors get cached pages, and never a stale one after an edit."""

import pytest

from sources.models import Source
from tests.factories import SettlementPageFactory


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def test_second_anonymous_view_comes_from_the_cache(client, home, page_cache):
    settlement = SettlementPageFactory(title="Ak-Jar")
    assert client.get(settlement.url)["X-Page-Cache"] == "miss"
    assert client.get(settlement.url)["X-Page-Cache"] == "hit"


def test_publishing_drops_cached_pages(
    client, home, page_cache, django_capture_on_commit_callbacks
):
    settlement = SettlementPageFactory(title="Ak-Jar")
    client.get(settlement.url)
    with django_capture_on_commit_callbacks(execute=True):
        settlement.title = "Ak-Jar (renamed)"
        settlement.save_revision().publish()
    response = client.get(settlement.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Ak-Jar (renamed)" in response.content.decode()


def test_editing_a_record_drops_the_pages_that_show_it(
    client, home, page_cache, django_capture_on_commit_callbacks
):
    settlement = SettlementPageFactory(title="Ak-Jar", legal_status=("illegal", "2005"))
    source = Source.objects.get()
    client.get(settlement.url)
    with django_capture_on_commit_callbacks(execute=True):
        source.title = "Land study, corrected title"
        source.save()
    response = client.get(settlement.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Land study, corrected title" in response.content.decode()


def test_logged_in_editors_always_see_fresh_pages(client, home, page_cache, admin_user):
    settlement = SettlementPageFactory(title="Ak-Jar")
    client.force_login(admin_user)
    client.get(settlement.url)
    assert "X-Page-Cache" not in client.get(settlement.url)
