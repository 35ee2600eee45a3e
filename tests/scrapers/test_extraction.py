"""The lxml pre-trim in extract_article changes nothing it finds."""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

import pytest

from scrapers.fetching.articles import extract_article, trim_furniture
from scrapers.fetching.decoding import decode_html

from .news_site import STORIES, article_html

extract = extract_article
untrimmed = partial(extract_article, trim=False)

RECORDINGS = sorted((Path(__file__).parent / "recordings" / "articles").glob("*.html"))


def fields(article):
    return (article.title, article.text, article.published, article.author, article.language,
            article.description, article.canonical_url)


@pytest.mark.parametrize("path", RECORDINGS, ids=lambda p: p.name)
def test_recorded_pages_extract_the_same(path):
    html, _encoding = decode_html(path.read_bytes())
    url = f"https://news.example.org/articles/{path.name}"
    assert fields(extract(html, url)) == fields(untrimmed(html, url))


@pytest.mark.parametrize("key", sorted(STORIES))
def test_test_stories_extract_the_same(key):
    story = STORIES[key]
    html = article_html(story["title"], story["paragraphs"], published=story["published"],
                        lang=story["lang"], author=story.get("author", ""))
    url = "https://okraina.example/news/x"
    assert fields(extract(html, url)) == fields(untrimmed(html, url))


def test_benchmark_pages_extract_the_same():
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from scrape_bench import build_site

    pages = [body.decode() for path, body in build_site(60, 2).items() if "/news/" in path]
    for html in pages:
        url = "https://bench.example/news/1"
        assert fields(extract(html, url)) == fields(untrimmed(html, url))


def test_trim_keeps_json_ld_and_drops_scripts():
    html = ('<html><head><script type="application/ld+json">{"datePublished": '
            '"2024-01-02"}</script><script>alert(1)</script></head><body><nav>menu</nav>'
            "<article><p>text</p></article><footer>f</footer></body></html>")
    trimmed = trim_furniture(html)
    assert "datePublished" in trimmed and "alert" not in trimmed
    assert "menu" not in trimmed and ">f<" not in trimmed and "<p>text</p>" in trimmed


def test_unparseable_text_goes_through_unchanged():
    xml = '<?xml version="1.0" encoding="utf-8"?><p>x</p>'
    assert trim_furniture(xml) == xml
    assert trim_furniture("") == ""


def test_selectors_into_dropped_elements_get_the_whole_page():
    html = ("<html><body><aside class='story'><p>" + "Текст. " * 60
            + "</p></aside><article><p>Другое.</p></article></body></html>")
    selectors = {"body": "aside.story"}
    url = "https://x.example/"
    assert fields(extract(html, url, selectors)) == fields(
        untrimmed(html, url, selectors))
