"""Bounded echoes: what a visitor types is shown back at most SEARCH_MAX_QUERY_LENGTH long.

A 60,000-character query used to be echoed into the search box and every language link (a
303 KB page). Queries are cut before they are searched or shown, with a message; language and
page links carry only the parameters the view knows, as it read them.
"""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings

LONG = "вода " * 12_000  # 60,000 characters
JUNK = "z" * 60_000


def search_box_values(response):
    return [unescape(value) for value in
            re.findall(r'<input type="search"[^>]*value="([^"]*)"', response.content.decode())]


def language_hrefs(response):
    nav = re.search(r'<nav class="language".*?</nav>', response.content.decode(), re.S)
    return [unescape(href) for href in re.findall(r'href="([^"]*)"', nav.group(0))]


def test_a_60000_character_search_is_cut_and_says_so(client, seeded):
    response = client.get("/search/", {"q": LONG})
    assert response.status_code == 200
    limit = settings.SEARCH_MAX_QUERY_LENGTH
    assert len(response.content) < 60_000
    assert all(len(value) <= limit for value in search_box_values(response))
    assert search_box_values(response)[0].startswith("вода вода")
    assert f"longer than {limit} characters" in response.content.decode()
    for href in language_hrefs(response):
        (query_text,) = parse_qs(urlsplit(href).query)["q"]
        assert 0 < len(query_text) <= limit


def test_other_pages_do_not_echo_a_query_into_the_search_box(client, seeded):
    response = client.get("/promises/", {"q": LONG})
    assert response.status_code == 200
    assert search_box_values(response) == [""]
    assert "вода" not in response.content.decode()


@pytest.mark.parametrize("path", ["/", "/promises/", "/search/", "/ru/promises/"])
def test_unknown_parameters_are_not_echoed(client, seeded, path):
    response = client.get(path, {"junk": JUNK, "page": "2"})
    assert response.status_code == 200
    assert JUNK[:100] not in response.content.decode()
    assert len(response.content) < 60_000


def test_language_links_keep_the_search_as_it_was_read(client, seeded):
    response = client.get("/search/", {"q": "water", "status": "broken", "utm_source": "x"})
    assert language_hrefs(response)[1] == "/ru/search/?q=water&status=broken"


def test_language_links_keep_the_promise_list_filters_as_they_were_read(client, seeded):
    response = client.get("/promises/", {"status": "broken", "year": "9999", "junk": "1"})
    assert language_hrefs(response)[1] == "/ru/promises/?status=broken"


def test_an_unreadable_page_number_is_shown_back_shortened(client, seeded):
    response = client.get("/promises/", {"page": JUNK})
    assert response.status_code == 200
    assert "There is no page" in response.content.decode()
    assert JUNK[:100] not in response.content.decode()
