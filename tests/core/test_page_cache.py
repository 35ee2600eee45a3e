"""Anonymous visitors get cached pages, and never a stale one after an edit."""

import pytest

from promises.models import promise_links
from sources.models import Source
from tests.factories import PersonPageFactory, PromisePageFactory, SettlementPageFactory


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def cached(client, url):
    client.get(url)
    return url


def test_second_anonymous_view_comes_from_the_cache(client, home, page_cache):
    settlement = SettlementPageFactory(title="Ak-Jar")
    assert client.get(settlement.url)["X-Page-Cache"] == "miss"
    assert client.get(settlement.url)["X-Page-Cache"] == "hit"


def test_publishing_drops_cached_pages(
    client, home, page_cache, django_capture_on_commit_callbacks
):
    settlement = SettlementPageFactory(title="Ak-Jar")
    cached(client, settlement.url)
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
    cached(client, settlement.url)
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


def test_publishing_a_promise_drops_only_the_pages_that_show_it(
    client, home, page_cache, django_capture_on_commit_callbacks
):
    ak_jar, other = SettlementPageFactory(title="Ak-Jar"), SettlementPageFactory(title="Ene-Sai")
    person, stranger = PersonPageFactory(title="Almazbek Atambaev"), PersonPageFactory()
    promise = PromisePageFactory(title="Electricity for Ak-Jar", settlements=[ak_jar],
                                 people=[person])
    unrelated = PromisePageFactory(title="Land for Ene-Sai", settlements=[other], people=[])
    shows_it = [promise.url, ak_jar.url, person.url, "/", "/promises/"]
    shows_nothing_of_it = [other.url, stranger.url, unrelated.url]
    for url in shows_it + shows_nothing_of_it:
        assert client.get(cached(client, url))["X-Page-Cache"] == "hit", url

    with django_capture_on_commit_callbacks(execute=True):
        promise.title = "Electricity for Ak-Jar within ten days"
        promise.save_revision().publish()

    for url in shows_it:
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
        assert url == "/" or "within ten days" in response.content.decode(), url
    for url in shows_nothing_of_it:
        assert client.get(url)["X-Page-Cache"] == "hit", url


def test_a_link_removed_by_a_publish_drops_the_page_it_pointed_to(
    client, home, page_cache, django_capture_on_commit_callbacks
):
    ak_jar, other = SettlementPageFactory(title="Ak-Jar"), SettlementPageFactory(title="Ene-Sai")
    promise = PromisePageFactory(title="Electricity for Ak-Jar", settlements=[ak_jar])
    cached(client, ak_jar.url)
    with django_capture_on_commit_callbacks(execute=True):
        for relation, rows in promise_links(settlements=[other]).items():
            setattr(promise, relation, rows)
        promise.save_revision().publish()
    response = client.get(ak_jar.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Electricity for Ak-Jar" not in response.content.decode()


def test_cached_pages_need_no_database_query(client, home, page_cache,
                                             django_assert_num_queries):
    promise = PromisePageFactory(title="Electricity for Ak-Jar")
    cached(client, promise.url)
    with django_assert_num_queries(0):
        assert client.get(promise.url)["X-Page-Cache"] == "hit"


def test_a_page_rendered_while_a_publish_commits_is_not_kept(client, home, page_cache,
                                                             monkeypatch):
    from core import page_cache as middleware_module
    from core.cache_scopes import LISTS, bump

    settlement = SettlementPageFactory(title="Ak-Jar")
    render = middleware_module.AnonymousPageCacheMiddleware._keep

    def publish_during_render(self, request, response, path, before):
        bump({LISTS})  # an editor's publish commits between the read and the store
        render(self, request, response, path, before)

    monkeypatch.setattr(middleware_module.AnonymousPageCacheMiddleware, "_keep",
                        publish_during_render)
    client.get(settlement.url)
    monkeypatch.setattr(middleware_module.AnonymousPageCacheMiddleware, "_keep", render)
    assert client.get(settlement.url)["X-Page-Cache"] == "miss"
