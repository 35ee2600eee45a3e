"""Safe URLs: no link on the site leads off it unless it is an http(s) address.

Language links are built from the request path, which a visitor chooses ("//evil.example/");
news and source addresses come from scraped pages and editors. Both must never become an
off-site or `javascript:` link.
"""

import re
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.safe_urls import is_safe_public_url
from promises.models import PromisePage
from scrapers import review
from scrapers.models import NewsItem, Outlet, Suggestion, UrlRecord, UrlState
from scrapers.pipeline import Pipeline, make_fetcher
from scrapers.pipeline.counts import Summary
from scrapers.pipeline.job import OutletScrape, UrlJob
from scrapers.pipeline.store import store_new
from sources.models import Source

from .stories import news_story

SAFE = ["https://24.kg/obschestvo/123/", "http://okraina.example/news?id=1",
        "HTTPS://AKIPRESS.ORG/", "https://xn--80aaf.example/путь"]
UNSAFE = ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)",
          "java\tscript:alert(1)", "javascript://example.org/%0aalert(1)",
          "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)",
          "//evil.example/", "/local/path", "ftp://example.org/file", "https://",
          "https:evil.example", "http://[::1", "mailto:editor@example.org", ""]
EVIL = "javascript:alert(document.cookie)"


def hrefs(response):
    return re.findall(r'href="([^"]*)"', response.content.decode())


def script_hrefs(response):
    return [href for href in hrefs(response) if href.strip().lower().startswith("javascript")]


def language_hrefs(response):
    nav = re.search(r'<nav class="language".*?</nav>', response.content.decode(), re.S)
    return re.findall(r'href="([^"]*)"', nav.group(0))


@pytest.mark.parametrize("url", SAFE)
def test_http_addresses_are_safe(url):
    assert is_safe_public_url(url)


@pytest.mark.parametrize("url", UNSAFE)
def test_anything_else_is_not(url):
    assert not is_safe_public_url(url)


# Language links --------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["//evil.example/", "///evil.example/", "/\\evil.example/",
                                  "//evil.example/ru/", "/ru//evil.example/"])
def test_language_links_on_a_404_page_stay_on_this_site(client, home, path):
    response = client.get("/", PATH_INFO=path)  # as a server passes "GET //evil.example/"
    assert response.status_code == 404
    links = language_hrefs(response)
    assert len(links) == 4
    for link in links:
        assert link.startswith("/") and not link.startswith(("//", "/\\")), link


def test_language_links_lead_to_the_same_page_in_each_language(client, seeded):
    links = language_hrefs(client.get("/promises/"))
    assert links == ["/promises/", "/ru/promises/", "/ky/promises/", "/kk/promises/"]


# javascript: addresses in the database --------------------------------------------------


@pytest.mark.parametrize("make", [
    lambda: Source(kind="news", title="A story", url=EVIL),
    lambda: Outlet(name="Evil", slug="evil", home_page=EVIL),
    lambda: Outlet(name="Evil", slug="evil", home_page="https://evil.example/",
                   feed_urls=f"https://evil.example/rss\n{EVIL}"),
])
def test_models_refuse_a_javascript_address(db, make):
    with pytest.raises(ValidationError):
        make().full_clean()


def test_a_news_item_refuses_a_javascript_address(db):
    item = news_story()
    item.url = EVIL
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "url" in error.value.message_dict


def test_news_page_shows_a_javascript_address_as_text_not_a_link(client, seeded):
    item = news_story(url=EVIL)
    response = client.get(reverse("news_item", args=[item.pk]))
    assert response.status_code == 200
    assert EVIL in response.content.decode()  # the reader still sees what was stored
    assert not script_hrefs(response)


def test_source_page_shows_a_javascript_address_as_text_not_a_link(client, seeded):
    source = Source.objects.create(kind="news", title="A story", url=EVIL)
    response = client.get(reverse("source_detail", args=[source.pk]))
    assert response.status_code == 200
    assert not script_hrefs(response)


@pytest.fixture
def moderator(client, django_user_model, seeded):
    user = django_user_model.objects.create_user("moderator", "m@example.org", "pw")
    user.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(user)
    return user


@pytest.fixture
def evil_suggestion(seeded):
    item = news_story(url=EVIL, cited=False)
    return Suggestion.objects.create(news_item=item, promise=PromisePage.objects.first(),
                                     score=0.9, reasons="settlement named")


def test_review_queue_does_not_link_a_javascript_address(client, moderator, evil_suggestion):
    response = client.get("/admin/news-suggestions/")
    assert response.status_code == 200
    assert evil_suggestion.news_item.title in response.content.decode()
    assert not script_hrefs(response)


def test_accepting_does_not_copy_a_javascript_address_into_the_source(
    moderator, evil_suggestion
):
    accepted = review.accept(evil_suggestion.pk, moderator)
    assert accepted.source.url == ""
    assert f"news item #{evil_suggestion.news_item_id}" in accepted.source.notes


def test_accepting_copies_an_http_address_into_the_source(moderator, seeded):
    item = news_story(url="https://okraina.example/news/7", cited=False)
    suggestion = Suggestion.objects.create(news_item=item, promise=PromisePage.objects.first(),
                                           score=0.9, reasons="settlement named")
    assert review.accept(suggestion.pk, moderator).source.url == item.url


def test_the_store_step_refuses_a_story_whose_address_is_not_http(db):
    outlet = Outlet.objects.create(name="Okraina", slug="okraina",
                                   home_page="https://okraina.example/")
    link = "https://okraina.example/news/1"
    job = UrlJob(scrape=OutletScrape(outlet, None, Summary()), link=link, entry=None,
                 canonical=link, item_canonical=link,
                 result=SimpleNamespace(final_url=EVIL, status=200))
    store_new(Pipeline(fetcher=make_fetcher()).context, job)
    assert not NewsItem.objects.exists()
    record = UrlRecord.objects.get(canonical_url=link)
    assert (record.state, record.reason) == (UrlState.REJECTED, "unsafe_url")
