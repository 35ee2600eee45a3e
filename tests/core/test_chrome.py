"""The page chrome (header, menus, language links, footer) costs next to nothing on a cache miss,
and what it caches (core.scoped_cache) never hides a publish."""

import pytest
from django.core.cache import cache

from tests.factories import CityPageFactory

# What a plain page costs once the chrome is cached: its specific row, found by its address
# (core.routing); its view restrictions are known without a query (core.view_restrictions).
PLAIN_PAGE_QUERIES = 1


@pytest.fixture(autouse=True)
def chrome_cache(settings):
    settings.FRAGMENT_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def menu(response):
    """The main navigation's part of a page (the first <nav>)."""
    html = response.content.decode()
    return html[html.index("<nav"):html.index("</nav>")]


@pytest.mark.parametrize("prefix", ["", "/ru"])
def test_a_plain_page_costs_only_its_own_queries(
    client, home, django_assert_max_num_queries, prefix
):
    url = f"{prefix}/methodology/"
    assert client.get(url).status_code == 200
    with django_assert_max_num_queries(PLAIN_PAGE_QUERIES + bool(prefix)):  # its translation
        response = client.get(url)
    assert f'href="{url}" aria-current="page"' in menu(response)


def test_a_new_city_is_in_the_menu_at_once(
    client, home, django_capture_on_commit_callbacks
):
    assert "Osh" not in menu(client.get("/methodology/"))
    with django_capture_on_commit_callbacks(execute=True):
        city = CityPageFactory(title="Osh")
    assert f'<a href="{city.url}">Osh</a>' in menu(client.get("/methodology/"))


def test_a_renamed_city_is_renamed_in_the_menu_at_once(
    client, home, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        city = CityPageFactory(title="Frunze")
    assert "Frunze" in menu(client.get("/methodology/"))
    with django_capture_on_commit_callbacks(execute=True):
        city.title = "Bishkek"
        city.save_revision().publish()
    shown = menu(client.get("/methodology/"))
    assert "Bishkek" in shown
    assert "Frunze" not in shown


def test_an_unpublished_city_leaves_the_menu_at_once(
    client, home, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        city = CityPageFactory(title="Almaty")
    assert "Almaty" in menu(client.get("/ru/methodology/"))
    with django_capture_on_commit_callbacks(execute=True):
        city.unpublish()
    assert "Almaty" not in menu(client.get("/ru/methodology/"))
