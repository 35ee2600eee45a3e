"""parse_feed over HTTP: RSS, Atom, a windows-1251 feed and a malformed one."""

from __future__ import annotations

from datetime import UTC, datetime

from scrapers.fetching.feeds import parse_feed
from scrapers.fetching.http import Outcome
from scrapers.fetching.urls import canonical_url


def fetch_feed(server, fetcher, path):
    result = fetcher.fetch(server.url(path))
    assert result.outcome is Outcome.OK, result.error
    return parse_feed(result.body, result.final_url, result.content_type)


def test_rss_feed(server, fetcher):
    feed = fetch_feed(server, fetcher, "/feeds/rss.xml")

    assert not feed.bozo
    assert feed.error == ""
    assert feed.version == "rss20"
    assert feed.title == "Новости окраин"
    assert feed.language == "ru"
    assert feed.link == server.url("/")
    assert feed.skipped == 1  # the item without a link
    assert [e.title for e in feed.entries] == [
        "В Ак-Жаре дали свет, но не воду",
        "Шанырак: участки узаконят к весне",
        "Западный ждёт водопровод",
    ]
    first, second, third = feed.entries
    # relative links are resolved against the feed's URL; tracking survives until canonical_url
    assert first.link == server.url("/articles/ru-ak-jar.html?utm_source=rss&utm_medium=feed")
    assert canonical_url(first.link) == canonical_url(server.url("/articles/ru-ak-jar.html"))
    assert third.link == "https://news.example.org/articles/ru-zapadnyj-koi8r-meta.html"
    assert first.published == datetime(2023, 6, 14, 3, 30, tzinfo=UTC)
    assert first.guid == "ak-jar-1"
    assert first.author == "Айгуль Осмонова"
    assert first.summary == "Жители новостройки Ак-Жар получили электричество."
    assert "<script" not in first.summary_html and "alert" not in first.summary_html
    assert first.summary_html == "<p>Жители новостройки Ак-Жар получили электричество.</p>"
    # a Russian pubDate feedparser cannot read is parsed with dateparser
    assert second.published == datetime(2011, 11, 15, 14, 30, tzinfo=UTC)
    assert third.published == datetime(2019, 3, 2, 5, 0, tzinfo=UTC)
    assert third.summary == ""


def test_rss_links_lead_to_fetchable_articles(server, fetcher):
    feed = fetch_feed(server, fetcher, "/feeds/rss.xml")
    result = fetcher.fetch(feed.entries[0].link)
    assert result.outcome is Outcome.OK
    assert "Атамбаеве".encode() in result.body


def test_atom_feed(server, fetcher):
    feed = fetch_feed(server, fetcher, "/feeds/atom.xml")

    assert not feed.bozo
    assert feed.version == "atom10"
    assert feed.title == "Шеткі аудандар"
    assert feed.language == "kk"
    assert len(feed.entries) == 3
    kk, ky, en = feed.entries
    assert kk.link == server.url("/articles/kk-shanyrak.html")
    assert kk.published == datetime(2023, 3, 12, 5, 0, tzinfo=UTC)  # +05:00 converted
    assert kk.summary == "Әкімдік уәде берді."
    assert kk.author == "Редакция"
    assert kk.guid == "urn:ubada:test:kk-shanyrak"
    assert ky.title == "Ак-Жардагы үйлөргө жарык берилди"
    assert ky.published == datetime(2023, 10, 5, 2, 0, tzinfo=UTC)  # from <updated>
    assert en.link == server.url("/articles/en-triangle.html")
    assert en.published == datetime(2022, 8, 9, 8, 0, tzinfo=UTC)


def test_windows_1251_feed(server, fetcher):
    feed = fetch_feed(server, fetcher, "/feeds/rss-cp1251.xml")
    assert not feed.bozo
    assert feed.title == "Лента в windows-1251"
    assert feed.entries[0].title == "Алтын-Казык остался без света"
    assert feed.entries[0].summary == "Подстанция отключила весь массив."


def test_malformed_feed_is_recorded_and_entries_recovered(server, fetcher):
    feed = fetch_feed(server, fetcher, "/feeds/broken.xml")

    assert feed.bozo
    assert feed.error.startswith("SAXParseException")
    assert "undefined entity" in feed.error
    assert [e.title for e in feed.entries] == [
        "Алтын-Казык остался без света",
        "Треугольник просит воду и газ",
    ]
    assert feed.entries[0].link == server.url("/articles/ru-altyn-kazyk-cp1251-nocharset.html")
    assert feed.entries[0].published == datetime(2020, 5, 3, 6, 0, tzinfo=UTC)
    assert feed.entries[1].published is None


def test_html_page_is_not_a_feed(server, fetcher):
    feed = fetch_feed(server, fetcher, "/articles/ru-ak-jar.html")
    assert feed.bozo
    assert feed.error
    assert feed.version == ""
    assert feed.entries == []


def test_bytes_are_never_opened_as_a_path_or_url():
    for body in (b"/etc/passwd", b"http://127.0.0.1:1/feed.xml"):
        feed = parse_feed(body, "https://example.org/")
        assert feed.bozo
        assert feed.entries == []


def test_empty_body():
    feed = parse_feed(b"  ", "https://example.org/")
    assert feed.bozo
    assert feed.error.startswith("EmptyDocument")
