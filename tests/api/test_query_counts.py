"""Every list of the API answers a page of 50 in as many queries as a page of 1."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from places.models import SettlementService, SettlementSize
from scrapers.models import NewsItem, NewsItemVersion, Outlet
from tests.factories import (
    BodyPageFactory,
    CityPageFactory,
    EventFactory,
    PassageFactory,
    PersonPageFactory,
    PromisePageFactory,
    SettlementPageFactory,
)

LISTS = ["promises", "status-changes", "settlements", "cities", "people", "bodies", "sources",
         "events", "news-items"]


@pytest.fixture
def records(home):
    """Three of everything, each with its relations (roles, facts, history, events)."""
    outlet = Outlet.objects.create(name="Gazette", slug="gazette",
                                   home_page="https://gazette.example/")
    for number in range(3):
        city = CityPageFactory()
        body = BodyPageFactory(city=city)
        person = PersonPageFactory(roles=[{"body": body, "title": "Mayor", "start": "2009"}])
        passage = PassageFactory()
        settlement = SettlementPageFactory(
            parent=city, legal_status=("illegal", "2005"),
            children={"sizes": [SettlementSize(people=100, as_of="2011", source=passage)],
                      "services": [SettlementService(service="water", level="none",
                                                     as_of="2011", source=passage)]})
        event = EventFactory(settlements=[settlement], sources=[passage])
        PromisePageFactory(people=[person], bodies=[body], settlements=[settlement],
                           subjects=["water", "gas"], events=[event], deadline_phrase="in a year",
                           history=[("2011-01", "in_progress"), ("2011-08", "stalled")])
        add_cited_news_item(outlet, number, passage)


def add_cited_news_item(outlet, number, source):
    now = timezone.now()
    item = NewsItem.objects.create(
        outlet=outlet, canonical_url=f"https://gazette.example/{number}",
        url=f"https://gazette.example/{number}", title=f"Story {number}", text="Text.",
        first_seen_at=now, last_fetched_at=now, source=source)
    NewsItemVersion.objects.create(item=item, number=1, raw=b"", raw_sha256="0" * 64,
                                   raw_size=0, title=item.title, text="Text.", fetched_at=now)


def queries(client, path, page_size):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/api/v1/{path}", {"page_size": page_size})
    assert response.status_code == 200
    return len(captured), len(response.json()["results"])


@pytest.mark.parametrize("path", LISTS)
def test_a_list_costs_the_same_queries_whatever_the_page_size(client, records, path):
    one, shown_one = queries(client, path, 1)
    fifty, shown_fifty = queries(client, path, 50)

    assert shown_one == 1
    assert shown_fifty > 1
    assert fifty == one


def test_the_promise_list_with_every_filter_costs_a_fixed_number_of_queries(client, records):
    with CaptureQueriesContext(connection) as captured:
        client.get("/api/v1/promises", {"page_size": 50, "status": "stalled", "subject": "water"})
    assert len(captured) <= 12
