"""The promise list's filters and rows as a reader meets them: the settlement filter without
JavaScript, rows kept in the cache that still change at once on a publish, and a list that
costs as many queries with many rows as with few."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import translate_url
from django.utils.translation import override

from core.templatetags.ubada_tags import local_url
from tests.factories import CityPageFactory, PromisePageFactory, SettlementPageFactory


def html_of(response):
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def two_cities(home):
    bishkek, osh = CityPageFactory(title="Bishkek"), CityPageFactory(title="Osh")
    ak_jar = SettlementPageFactory(parent=bishkek, title="Ak-Jar")
    furkat = SettlementPageFactory(parent=osh, title="Furkat")
    PromisePageFactory(title="Water for Ak-Jar", settlements=[ak_jar])
    PromisePageFactory(title="Roads for Furkat", settlements=[furkat])
    return {"bishkek": bishkek, "ak_jar": ak_jar, "furkat": furkat}


def settlement_options(html):
    return html.split('<select name="settlement"', 1)[1].split("</select>", 1)[0]


def test_choosing_a_city_lists_its_settlements_to_filter_by(client, two_cities):
    """Without JavaScript: choose the city, "Show promises", then the settlement."""
    first = html_of(client.get("/promises/"))
    assert "Ak-Jar" not in settlement_options(first)  # no city chosen: no long list
    with_city = html_of(client.get("/promises/", {"city": two_cities["bishkek"].pk}))
    assert f'value="{two_cities["ak_jar"].pk}">Ak-Jar' in settlement_options(with_city)
    assert "Furkat" not in settlement_options(with_city)
    chosen = html_of(client.get("/promises/", {"city": two_cities["bishkek"].pk,
                                               "settlement": two_cities["ak_jar"].pk}))
    assert "Water for Ak-Jar" in chosen and "Roads for Furkat" not in chosen


def test_an_address_with_only_a_settlement_still_filters_and_shows_it_chosen(client,
                                                                             two_cities):
    html = html_of(client.get("/promises/", {"settlement": two_cities["furkat"].pk}))
    assert "Roads for Furkat" in html and "Water for Ak-Jar" not in html
    assert f'value="{two_cities["furkat"].pk}" selected>Furkat' in settlement_options(html)


@pytest.mark.usefixtures("fragment_cache")
def test_a_published_change_shows_in_a_kept_row_at_once(
        client, two_cities, django_capture_on_commit_callbacks):
    assert "Water for Ak-Jar" in html_of(client.get("/promises/"))
    promise = two_cities["ak_jar"].promises.get()
    promise.title = "Piped water for Ak-Jar"
    with django_capture_on_commit_callbacks(execute=True):
        promise.save_revision().publish()
    assert "Piped water for Ak-Jar" in html_of(client.get("/promises/"))
    assert "Piped water" in html_of(client.get("/ru/promises/"))


@pytest.mark.usefixtures("fragment_cache")
def test_a_list_of_kept_rows_costs_the_same_queries_for_many_rows(client, home):
    settlement = SettlementPageFactory()

    def queries():
        client.get("/promises/")  # renders and keeps the rows
        with CaptureQueriesContext(connection) as captured:
            client.get("/promises/")
        return len(captured)

    PromisePageFactory.create_batch(2, settlements=[settlement])
    with_2 = queries()
    PromisePageFactory.create_batch(10, settlements=[settlement])
    assert queries() == with_2


def test_links_in_another_language_are_those_django_would_translate(home, two_cities):
    promise = two_cities["ak_jar"].promises.get()
    for language in ("en", "ru", "ky", "kk"):
        with override(language):
            shown = local_url(promise)
        with override("en"):
            assert shown == translate_url(promise.url, language)
