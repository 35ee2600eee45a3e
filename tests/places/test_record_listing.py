"""A record page (city, settlement, person, body) lists its newest promises, counts them all in
its scorecard, and links to the promise list filtered by the record for the rest."""

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actors import models as actor_models
from places import models as place_models
from tests.factories import (
    BodyPageFactory,
    CityPageFactory,
    PersonPageFactory,
    PromisePageFactory,
    SettlementPageFactory,
)
from tests.test_public_pages import html_of, text_of

SHOWN = 2  # promises a record page lists here, instead of RECENT_PROMISES


@pytest.fixture(autouse=True)
def short_lists(monkeypatch):
    for module in (place_models, actor_models):
        monkeypatch.setattr(module, "RECENT_PROMISES", SHOWN)


@pytest.fixture
def bishkek_promises(home):
    """Three promises by one person and one body to two settlements of one city, one a year."""
    city = CityPageFactory(title="Bishkek")
    settlements = [SettlementPageFactory(parent=city) for _ in range(2)]
    person, body = PersonPageFactory(), BodyPageFactory()
    promises = [
        PromisePageFactory(title=f"Roads promise of {2010 + n}", made=f"{2010 + n}-05",
                           people=[person], bodies=[body], settlements=settlements,
                           deadline_phrase="within a year")
        for n in range(3)
    ]
    return {"city": city, "settlement": settlements[0], "person": person, "body": body,
            "promises": promises}


def all_promises_link(html, text="See them all in the promise list"):
    found = re.search(rf'<a href="([^"]+)">{text}</a>', html)
    assert found, "no link to the rest of the promises"
    return unescape(found.group(1))


@pytest.mark.parametrize("record", ["city", "settlement", "person", "body"])
def test_a_record_with_more_promises_than_it_lists_says_how_many_and_links_to_them_all(
        client, bishkek_promises, record):
    html = html_of(client.get(bishkek_promises[record].url))
    text = text_of(client.get(bishkek_promises[record].url))
    assert "Roads promise of 2012" in text and "Roads promise of 2011" in text
    assert "Roads promise of 2010" not in text  # the oldest is in the promise list
    assert "3 promises recorded." in text  # the scorecard counts them all
    assert "The 2 most recent of 3 promises." in text
    listing = text_of(client.get(all_promises_link(html)))
    assert all(f"Roads promise of {year}" in listing for year in (2010, 2011, 2012))


def test_the_scorecard_counts_overdue_promises_it_does_not_list(client, bishkek_promises):
    """The three promises' deadlines (a year after 2010-2012) have passed: all overdue."""
    text = text_of(client.get(bishkek_promises["city"].url))
    assert "3 are overdue." in text


def test_a_record_that_lists_all_its_promises_offers_no_link(client, home):
    person = PersonPageFactory()
    PromisePageFactory(title="Water promise", people=[person])
    html = html_of(client.get(person.url))
    assert "Water promise" in html
    assert "See them all" not in html and "most recent of" not in html


def test_a_russian_reader_is_sent_to_the_russian_promise_list(client, bishkek_promises):
    html = html_of(client.get(f"/ru{bishkek_promises['city'].url}"))
    assert all_promises_link(html, "Все они — в списке обещаний").startswith("/ru/")


@pytest.mark.parametrize("record", ["city", "settlement", "person", "body"])
def test_a_record_page_costs_the_same_queries_for_more_promises_than_it_lists(
        client, bishkek_promises, record):
    url = bishkek_promises[record].url
    client.get(url)  # warm what is cached per process (site, locales)
    with CaptureQueriesContext(connection) as three:
        client.get(url)
    for year in (2013, 2014, 2015):
        PromisePageFactory(title=f"Roads promise of {year}", made=f"{year}-05",
                           people=[bishkek_promises["person"]], bodies=[bishkek_promises["body"]],
                           settlements=[bishkek_promises["settlement"]])
    with CaptureQueriesContext(connection) as six:
        text = text_of(client.get(url))
    assert "The 2 most recent of 6 promises." in text
    assert len(six) == len(three)


@pytest.mark.usefixtures("fragment_cache")
@pytest.mark.parametrize("record", ["city", "settlement", "person", "body"])
def test_a_publish_shows_in_a_record_pages_kept_rows_at_once(
        client, bishkek_promises, record, django_capture_on_commit_callbacks):
    url = bishkek_promises[record].url
    assert "Roads promise of 2012" in text_of(client.get(url))  # its rows now kept
    newest = bishkek_promises["promises"][-1]
    newest.title = "Paved roads promise of 2012"
    with django_capture_on_commit_callbacks(execute=True):
        newest.save_revision().publish()
        PromisePageFactory(title="Water promise of 2013", made="2013-05",
                           people=[bishkek_promises["person"]],
                           bodies=[bishkek_promises["body"]],
                           settlements=[bishkek_promises["settlement"]])
    for path in (url, f"/ru{url}"):
        text = text_of(client.get(path))
        assert "Water promise of 2013" in text and "Paved roads promise of 2012" in text, path
        assert "Roads promise of 2011" not in text  # no longer among the 2 most recent


@pytest.mark.usefixtures("fragment_cache")
@pytest.mark.parametrize("record", ["city", "settlement", "person", "body"])
def test_a_record_page_of_kept_rows_costs_no_more_queries_for_more_promises(
        client, bishkek_promises, record, django_capture_on_commit_callbacks):
    url = bishkek_promises[record].url

    def queries():
        client.get(url)  # renders and keeps the rows
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        return len(captured)

    with_3 = queries()
    with django_capture_on_commit_callbacks(execute=True):  # published: the lists change
        for year in range(2013, 2023):
            PromisePageFactory(title=f"Roads promise of {year}", made=f"{year}-05",
                               people=[bishkek_promises["person"]],
                               bodies=[bishkek_promises["body"]],
                               settlements=[bishkek_promises["settlement"]])
    assert queries() == with_3
    assert "The 2 most recent of 13 promises." in text_of(client.get(url))


def test_the_settlements_chart_table_agrees_with_its_scorecard(client, bishkek_promises):
    """Three overdue promises (their deadlines passed), of which the page lists two: the table
    by status counts them all, as the scorecard and the chart's image do."""
    settlement = bishkek_promises["settlement"]
    PromisePageFactory(settlements=[settlement], history=[("2012-01", "kept")])
    html = html_of(client.get(settlement.url))
    table = html[html.index('id="by-status"'):html.index('id="timeline"')]
    counts = dict(re.findall(r'<th scope="row">([^<]+)</th><td>(\d+)</td>', table))
    assert counts == {"Not yet rated": "3", "In progress": "0", "Stalled": "0",
                      "Partially kept": "0", "Kept": "1", "Broken": "0", "Overdue": "3"}
    scorecard = text_of(client.get(settlement.url))
    assert "4 promises recorded." in scorecard and "Overdue 3" in scorecard
    svg = client.get(f"/charts/status/{settlement.pk}.svg").content.decode()
    assert "; ".join(f"{label}: {n}" for label, n in counts.items()) in unescape(svg)
