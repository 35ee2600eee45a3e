"""The whole pipeline over real HTTP: every URL ends in the right recorded state."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from scrapers.models import (
    NewsItem,
    NewsItemVersion,
    Outlet,
    ScrapeRun,
    Suggestion,
    UrlRecord,
    UrlState,
)
from scrapers.pipeline import Pipeline, make_fetcher, run_scrape

from .news_site import STORIES, article_html, rss
from .world import *  # noqa: F403 - fixtures: site, world, outlet
from .world import publish

pytestmark = pytest.mark.django_db

UTC = dt.UTC


def when(days_ago: int) -> dt.datetime:
    return timezone.now().astimezone(UTC) - dt.timedelta(days=days_ago)


def koi8_page(site, path):
    """The Zapadnyj story in KOI8-R, with neither an HTTP charset nor a <meta charset>."""
    story = STORIES["zapadnyj-koi8"]
    html = article_html(story["title"], story["paragraphs"], published=story["published"],
                        lang="ru", charset_meta=None)
    return site.page(path, html.encode("koi8-r"), content_type="text/html")


def build_outlet(site, *, old_entry=False):
    """Serve the stories and a feed listing every case; return {case: url}."""
    urls = {
        "ak-jar": publish(site, "ak-jar-light", "/news/ak-jar-light"),
        "ak-jar-ky": publish(site, "ak-jar-ky", "/ky/news/ak-jar-suu"),
        "shanyrak": publish(site, "shanyrak-kk", "/kk/news/shanyrak"),
        "triangle": publish(site, "triangle-en", "/en/news/triangle-deeds"),
        "zapadnyj": koi8_page(site, "/news/zapadnyj"),
        "redirect": site.redirect("/go/ak-jar", "/news/ak-jar-light"),
        "missing": site.url("/news/missing"),
        "private": site.url("/private/secret"),
        "busy": site.error("/news/busy", 429, {"Retry-After": "120"}),
        "broken": site.error("/news/broken", 503),
        "binary": site.page("/files/report.bin", b"\x00\x01binary", content_type=(
            "application/octet-stream")),
        "empty": site.page("/news/empty", "<html><body><p>Коротко.</p></body></html>"),
    }
    copy = STORIES["ak-jar-light"]
    urls["copy"] = site.page("/partner/ak-jar-copy", article_html(
        copy["title"], [*copy["paragraphs"], "Фото: пресс-служба."], lang="ru",
        published="2023-06-14T12:00:00+06:00",
    ))
    entries = [
        {"link": urls["ak-jar"] + "?utm_source=rss&utm_medium=feed", "title": "Ак-Жар",
         "published": when(1)},
        {"link": urls["ak-jar"], "title": "Ак-Жар (again)", "published": when(1)},
        {"link": urls["ak-jar-ky"], "title": "Ак-Жар суу", "published": when(2)},
        {"link": urls["shanyrak"], "title": "Шаңырақ", "published": when(3)},
        {"link": urls["triangle"], "title": "Triangle", "published": when(4)},
        {"link": urls["zapadnyj"], "title": "Западный", "published": when(5)},
        {"link": urls["redirect"], "title": "Ak-Jar short link", "published": when(6)},
        {"link": urls["copy"], "title": "Ак-Жар (перепечатка)", "published": when(7)},
        {"link": urls["missing"], "title": "Gone", "published": when(8)},
        {"link": urls["private"], "title": "Private", "published": when(8)},
        {"link": urls["busy"], "title": "Busy", "published": when(8)},
        {"link": urls["broken"], "title": "Broken", "published": when(8)},
        {"link": urls["binary"], "title": "Binary", "published": when(8)},
        {"link": urls["empty"], "title": "Empty", "published": when(8)},
    ]
    if old_entry:
        urls["old"] = publish(site, "ak-jar-football", "/news/2001/old")
        entries.append({"link": urls["old"], "title": "Old",
                        "published": dt.datetime(2001, 5, 1, tzinfo=UTC)})
    site.page("/rss.xml", rss(entries), content_type="application/rss+xml; charset=utf-8",
              etag='"feed-v1"')
    return urls


def state_of(url):
    from scrapers.fetching.urls import canonical_url

    return UrlRecord.objects.get(canonical_url=canonical_url(url))


def run(outlets=None, **options):
    pipeline = Pipeline(fetcher=make_fetcher(), **options)
    return pipeline.run(outlets if outlets is not None else Outlet.objects.all())


def test_every_case_ends_in_its_recorded_state(site, world, outlet):
    urls = build_outlet(site, old_entry=True)

    summary = run(since=dt.date(2020, 1, 1))

    stored = {key: state_of(urls[key]) for key in
              ("ak-jar", "ak-jar-ky", "shanyrak", "triangle", "zapadnyj")}
    assert {record.state for record in stored.values()} == {UrlState.STORED}
    assert NewsItem.objects.count() == 5

    redirect = state_of(urls["redirect"])
    assert (redirect.state, redirect.duplicate_kind) == (UrlState.DUPLICATE, "same_url")
    assert redirect.news_item == stored["ak-jar"].news_item
    copy = state_of(urls["copy"])
    assert (copy.state, copy.duplicate_kind) == (UrlState.DUPLICATE, "near_duplicate")
    assert copy.news_item == stored["ak-jar"].news_item and copy.similarity >= 0.9

    expected_rejections = {
        "missing": "http_error", "private": "robots_disallowed",
        "binary": "bad_content_type", "empty": "no_text", "old": "older_than_since",
    }
    for key, reason in expected_rejections.items():
        record = state_of(urls[key])
        assert (key, record.state, record.reason) == (key, UrlState.REJECTED, reason)
    assert state_of(urls["missing"]).http_status == 404
    assert site.hits_for("/private/secret") == 0
    assert site.hits_for("/news/2001/old") == 0

    busy, broken = state_of(urls["busy"]), state_of(urls["broken"])
    assert (busy.state, busy.reason) == (UrlState.RETRY, "retry_later")
    assert busy.retry_after - timezone.now() > dt.timedelta(seconds=100)
    assert (broken.state, broken.reason, broken.http_status) == (
        UrlState.RETRY, "http_error", 503)
    assert broken.retry_after > timezone.now()

    # one record per canonical URL: the ?utm_source entry is the same story
    assert UrlRecord.objects.count() == 14
    assert site.hits_for("/news/ak-jar-light") == 2  # the story and the short link's target

    assert summary.new == 5 and summary.duplicates == 2 and summary.rejected == 5
    assert summary.retries == 2 and summary.failures["http_error"] == 2
    assert summary.failures["robots_disallowed"] == 1

    outlet.refresh_from_db()
    assert outlet.last_success_at is not None and outlet.consecutive_failures == 0
    assert outlet.feed_state[outlet.feed_urls]["etag"] == '"feed-v1"'


def test_stored_stories_have_the_right_text_language_and_archive(site, world, outlet):
    urls = build_outlet(site)
    run()

    ak_jar = state_of(urls["ak-jar"]).news_item
    assert ak_jar.title == "В Ак-Жаре дали свет, но не воду"
    assert ak_jar.language == "ru" and ak_jar.author == "Айгуль Осмонова"
    assert ak_jar.published_at == dt.datetime(2023, 6, 14, 3, 30, tzinfo=UTC)
    assert "сорок домов на трёх улицах" in ak_jar.text
    assert "водопровод, обещанный ещё в 2010 году" in ak_jar.text
    for furniture in ("ТРЕКЕР", "ВНЕДРЁННЫЙ", "Поделиться", "Главная", "©"):
        assert furniture not in ak_jar.text
    assert ak_jar.canonical_url == site.url("/news/ak-jar-light").replace("http:", "https:")

    version = ak_jar.versions.get()
    served = site.routes["/news/ak-jar-light"].body
    assert gzip.decompress(bytes(version.raw)) == served == version.raw_bytes()
    assert version.raw_sha256 == hashlib.sha256(served).hexdigest()
    assert version.http_status == 200 and version.number == 1
    assert "<script" not in version.html and "ВНЕДРЁННЫЙ" not in version.html

    languages = {key: state_of(urls[key]).news_item.language
                 for key in ("ak-jar-ky", "shanyrak", "triangle", "zapadnyj")}
    assert languages == {"ak-jar-ky": "ky", "shanyrak": "kk", "triangle": "en",
                         "zapadnyj": "ru"}
    zapadnyj = state_of(urls["zapadnyj"]).news_item
    assert "до сих пор не получили обещанной земли" in zapadnyj.text  # KOI8-R, undeclared
    assert "Шаңырақ шағынауданындағы" in state_of(urls["shanyrak"]).news_item.text


def test_suggestions_link_stories_to_their_promises(site, world, outlet):
    urls = build_outlet(site)
    run()

    promises = world["promises"]
    suggested = {
        key: set(Suggestion.objects.filter(news_item=state_of(urls[key]).news_item)
                 .values_list("promise_id", flat=True))
        for key in ("ak-jar", "ak-jar-ky", "shanyrak", "triangle", "zapadnyj")
    }
    assert suggested["ak-jar"] == {promises["ak-jar"].pk, promises["ak-jar-2011"].pk}
    assert suggested["ak-jar-ky"] == {promises["ak-jar"].pk, promises["ak-jar-2011"].pk}
    assert suggested["shanyrak"] == {promises["shanyrak"].pk}
    assert suggested["triangle"] == {promises["triangle"].pk}
    assert suggested["zapadnyj"] == {promises["zapadnyj"].pk}

    suggestion = Suggestion.objects.get(news_item=state_of(urls["ak-jar"]).news_item,
                                        promise=promises["ak-jar"])
    assert suggestion.state == "pending" and suggestion.score >= 0.6
    assert "Ak-Jar" in suggestion.reasons and "electricity" in suggestion.reasons
    assert suggestion.details["settlements"][0]["matched"] == ["Ак-Жар", "Ак-Жаре"]
    passage = suggestion.details["passages"][0]
    start, end = passage["marks"][0]
    assert passage["text"][start:end] in ("Ак-Жаре", "Ак-Жар")


def test_a_rerun_adds_nothing(site, world, outlet):
    build_outlet(site)
    run()
    counts = (NewsItem.objects.count(), NewsItemVersion.objects.count(),
              UrlRecord.objects.count(), Suggestion.objects.count())
    records = dict(UrlRecord.objects.values_list("canonical_url", "state"))

    def story_hits():
        return sum(count for path, count in site.hits.items()
                   if path not in ("/rss.xml", "/robots.txt"))

    hits = story_hits()

    unchanged_feed = run()  # the feed answers 304 Not Modified to the conditional GET
    site.routes["/rss.xml"].etag = None
    full_feed = run()  # the feed is served again in full: every story is already known

    assert (NewsItem.objects.count(), NewsItemVersion.objects.count(),
            UrlRecord.objects.count(), Suggestion.objects.count()) == counts
    assert dict(UrlRecord.objects.values_list("canonical_url", "state")) == records
    assert story_hits() == hits
    assert site.hits["/rss.xml"] == 3
    assert unchanged_feed.urls == 0 and unchanged_feed.fetched == 0
    assert full_feed.urls == 13 and full_feed.fetched == 0
    assert full_feed.known == 11 and full_feed.waiting == 2  # 429 and 503 are not due yet
    assert full_feed.new == full_feed.duplicates == full_feed.suggestions == 0


def test_an_edited_story_becomes_a_new_version(site, world, outlet):
    urls = build_outlet(site)
    run()
    item = state_of(urls["triangle"]).news_item

    with override_settings(SCRAPER_REFRESH_AFTER_HOURS=0):
        run()  # same page: no new version
        assert item.versions.count() == 1
        publish(site, "triangle-en", "/en/news/triangle-deeds", paragraphs=[
            *STORIES["triangle-en"]["paragraphs"],
            "Update: the akimat said the remaining deeds would be issued by December.",
        ])
        summary = run()

    item.refresh_from_db()
    assert summary.updated == 1 and item.version_count == 2
    assert [v.number for v in item.versions.order_by("number")] == [1, 2]
    assert "issued by December" in item.text
    assert "issued by December" not in item.versions.get(number=1).text
    assert NewsItem.objects.count() == 5


def test_retries_are_fetched_again_when_due_and_limit_defers(site, world, outlet):
    urls = build_outlet(site)
    run(limit=3)
    deferred = UrlRecord.objects.filter(reason="deferred")
    assert NewsItem.objects.count() == 3
    assert deferred.count() == 10 and {r.state for r in deferred} == {UrlState.RETRY}

    site.page("/news/busy", article_html("Ак-Жар: вода по графику", [
        "В Ак-Жаре воду теперь привозят по графику, который мэрия Бишкека опубликовала "
        "на своём сайте. Жители говорят, что цистерны приходят вовремя.",
        "Водопровод, по словам чиновников, начнут прокладывать весной, когда высохнут "
        "дороги на окраине.",
    ], published="2024-01-10T10:00:00+06:00"))
    UrlRecord.objects.filter(canonical_url=state_of(urls["busy"]).canonical_url).update(
        retry_after=timezone.now() - dt.timedelta(seconds=1))
    summary = run()

    assert state_of(urls["busy"]).state == UrlState.STORED
    assert not UrlRecord.objects.filter(reason="deferred").exists()
    assert summary.new == 3  # the deferred stories (the rest are duplicates/rejections)
    assert NewsItem.objects.count() == 6


def test_one_failing_outlet_never_stops_the_others(site, world, outlet, closed_port):
    build_outlet(site)
    down = Outlet.objects.create(name="Down", slug="down", home_page=site.url("/"),
                                 feed_urls=f"http://127.0.0.1:{closed_port}/rss", enabled=True)
    garbage = Outlet.objects.create(name="Garbage", slug="garbage", home_page=site.url("/"),
                                    feed_urls=site.page("/garbage.xml", "<p>not a feed"),
                                    enabled=True)
    lines = []

    run_record, summary = run_scrape(trigger="test", progress=lines.append)

    assert NewsItem.objects.filter(outlet=outlet).count() == 5
    assert sorted(summary.outlets_failed) == ["down", "garbage"]
    assert summary.failures["feed_connection_error"] == 1
    assert summary.failures["feed_unreadable"] == 1
    down.refresh_from_db()
    assert down.consecutive_failures == 1 and down.last_error_at is not None
    assert "connection_error" in down.last_error and down.last_success_at is None
    garbage.refresh_from_db()
    assert garbage.consecutive_failures == 1
    assert run_record.ok and run_record.finished_at and run_record.summary["new"] == 5
    assert any("Окраина-Ньюс" in line for line in lines)


def test_a_broken_adapter_fails_its_outlet_only(site, world, outlet):
    build_outlet(site)
    Outlet.objects.create(name="Odd", slug="odd", home_page=site.url("/"),
                          feed_urls=site.url("/rss.xml"), enabled=True, adapter="nonexistent")
    _run, summary = run_scrape(trigger="test")
    assert summary.outlets_failed == ["odd"] and summary.failures["outlet_error"] == 1
    assert NewsItem.objects.count() == 5


def test_scrape_command_shows_progress_and_summary(site, world, outlet):
    build_outlet(site)
    from io import StringIO

    out = StringIO()
    call_command("scrape", stdout=out)
    text = out.getvalue()
    assert "Окраина-Ньюс: 13 stories listed" in text  # 14 entries, one twice
    assert "new #" in text and "duplicate (near_duplicate)" in text
    assert "rejected (robots_disallowed)" in text
    assert "new: 5" in text and "duplicates: 2" in text and "suggestions: 7" in text
    assert "Failures by reason: bad_content_type: 1, http_error: 2" in text
    assert ScrapeRun.objects.get().trigger == "command"

    out = StringIO()
    call_command("scrape", "--outlet", "okraina", stdout=out)
    assert "fetched: 0; new: 0" in out.getvalue()


@pytest.mark.parametrize(("args", "message"), [
    (["--outlet", "nope"], "No outlet with slug or id 'nope'. Known outlets: okraina"),
    (["--since", "2024-13-01"], "--since must be a date as YYYY-MM-DD"),
    (["--since", "yesterday"], "--since must be a date as YYYY-MM-DD"),
    (["--since", "2999-01-01"], "is in the future"),
    (["--limit", "0"], "--limit must be a positive number"),
    (["--outlet", " "], "--outlet needs an outlet slug or id"),
])
def test_scrape_command_refuses_bad_arguments(outlet, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("scrape", *args)
    assert not ScrapeRun.objects.exists()


def test_scrape_command_fails_when_every_outlet_fails(db, closed_port):
    Outlet.objects.create(name="Down", slug="down", home_page="https://example.org/",
                          feed_urls=f"http://127.0.0.1:{closed_port}/rss", enabled=True)
    with pytest.raises(CommandError, match="Every outlet failed"):
        call_command("scrape")


def test_scrape_command_with_nothing_enabled(db):
    from io import StringIO

    out = StringIO()
    call_command("scrape", stdout=out)
    assert "No outlet is enabled" in out.getvalue()


def test_scheduled_task_runs_the_scrape(site, world, outlet):
    from scrapers.tasks import scrape_outlets

    build_outlet(site)
    result = scrape_outlets.enqueue(limit=50)
    assert result.status == "SUCCESSFUL", result.errors
    assert result.return_value["new"] == 5 and result.return_value["ok"] is True
    assert ScrapeRun.objects.get().trigger == "task"


def test_listing_pages_and_adapters_find_stories(site, world, db):
    first = publish(site, "triangle-en", "/en/news/triangle-deeds")
    second = publish(site, "shanyrak-kk", "/kk/news/shanyrak")
    site.page("/en/latest/", f"""<html><body><ul class="latest">
        <li><h2 class="title"><a href="/en/news/triangle-deeds">Triangle</a></h2></li>
        <li><h2 class="title"><a href="{second}">Шаңырақ</a></h2></li>
        <li><h2 class="title"><a href="/av/video-1">Video</a></h2></li>
        </ul><nav><a href="/about">About</a></nav></body></html>""")
    listing = Outlet.objects.create(
        name="Listing", slug="listing", home_page=site.url("/"), languages="en, kk",
        listing_urls=site.url("/en/latest/"), listing_link_selector="h2.title a",
        enabled=True,
    )
    summary = run([listing])
    assert summary.new == 2 and summary.rejected == 1  # /av/video-1 is a 404 here
    assert set(NewsItem.objects.values_list("url", flat=True)) == {first, second}
    assert not UrlRecord.objects.filter(canonical_url__endswith="/about").exists()

    from types import SimpleNamespace

    from scrapers.adapters import rferl

    assert rferl.keep_entry(SimpleNamespace(link="https://www.azattyk.org/a/33000001.html"))
    assert not rferl.keep_entry(SimpleNamespace(link="https://www.azattyk.org/av/33000002.html"))
