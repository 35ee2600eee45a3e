"""The search page's render budget on the database backend (issue 14): a bounded number of
queries however many records match and however many facets and buckets are shown, and what it
keeps per process (search.versions) never hides a publish."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    BodyPageFactory,
    CityPageFactory,
    EventFactory,
    PersonPageFactory,
    PromisePageFactory,
    SettlementPageFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db
BUDGET_QUERIES = 10


@pytest.fixture(autouse=True)
def _database_backend():
    with override_settings(OPENSEARCH_URL=""):
        yield


def add_records(city, count):
    """`count` promises about water, each to a settlement, person and body of its own, with
    subjects, a status history and an event: as many facet buckets as records."""
    for n in range(count):
        settlement = SettlementPageFactory(parent=city, summary="Waterless for years.")
        EventFactory(settlements=[settlement], summary="A water protest.", sources=[
            SourceFactory(title=f"Water report {n}")])
        PromisePageFactory(
            text="Water will be supplied.", made=f"{2005 + n}-03",
            people=[PersonPageFactory()], bodies=[BodyPageFactory()], settlements=[settlement],
            subjects=["water", f"subject {n}"],
            history=[("2011-01", "in_progress"), ("2012-02", "broken" if n % 2 else "kept")],
        )


def queries_of(client, url, language="en"):
    client.get(url, HTTP_ACCEPT_LANGUAGE=language)  # warm what is kept per process
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.parametrize("url", [
    "/search/?q=water",
    "/ru/search/?q=water",
    "/search/?q=water+supplied&type=promise&status=broken&subject=water",
    "/search/?status=kept&sort=made",
])
def test_the_search_page_makes_a_few_queries_however_many_records_match(client, home, url):
    city = CityPageFactory(title="Waterton")
    add_records(city, 2)
    with_2, _page = queries_of(client, url, "ru" if url.startswith("/ru/") else "en")
    add_records(city, 10)
    with_12, page = queries_of(client, url, "ru" if url.startswith("/ru/") else "en")
    assert with_12 <= BUDGET_QUERIES
    assert with_12 == with_2
    assert page.count('class="search-hit ') >= 5  # many hits shown, with their facets
    assert page.count('class="facet"') >= 5


def test_a_published_record_shows_in_the_facets_at_once(client, home):
    city = CityPageFactory(title="Waterton")
    add_records(city, 2)
    before = client.get("/search/", {"q": "water"}).content.decode()
    assert "Zephyr-Ata" not in before

    settlement = SettlementPageFactory(parent=city, title="Zephyr-Ata")
    PromisePageFactory(text="Water for Zephyr-Ata.", settlements=[settlement])
    after = client.get("/search/", {"q": "water"}).content.decode()
    assert "Zephyr-Ata (Waterton)" in after  # the new settlement's bucket
    assert "for Zephyr-Ata." in after  # and the new promise among the hits (highlighted)

    settlement.title = "Zephyr-Ata Nova"
    settlement.save_revision().publish()
    renamed = client.get("/search/", {"q": "water", "settlement": "zephyr-ata"}).content
    assert "Zephyr-Ata Nova (Waterton)" in renamed.decode()


def test_an_unpublished_record_leaves_the_results_and_facets_at_once(client, home):
    city = CityPageFactory(title="Waterton")
    add_records(city, 2)
    promise = PromisePageFactory(text="Water for Zephyr-Ata.", settlements=[
        SettlementPageFactory(parent=city, title="Zephyr-Ata")])
    assert "Zephyr-Ata (Waterton)" in client.get("/search/", {"q": "water"}).content.decode()

    promise.unpublish()
    after = client.get("/search/", {"q": "Zephyr"}).content.decode()
    assert "Water for Zephyr-Ata." not in after
    assert "Electricity promise" not in after  # the promise's title: no hit for it
