"""Issue 13's failure shapes, on regional pages written for them (tests/scrapers/regression):
every page must give its story's text without the site's boilerplate, and its day."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from scrapers.fetching import articles
from scrapers.fetching.articles import extract_article

REGRESSION_DIR = Path(__file__).parent / "regression"
LABELS = json.loads((REGRESSION_DIR / "pages.json").read_text(encoding="utf-8"))


def _page(name: str) -> str:
    return (REGRESSION_DIR / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("label", LABELS, ids=[label["file"] for label in LABELS])
def test_page_gives_its_story_and_day(label):
    article = extract_article(_page(label["file"]), f"https://news.example.kg/{label['file']}")

    missing = [snippet for snippet in label["expected"] if snippet not in article.text]
    leaked = [snippet for snippet in label["unexpected"] if snippet in article.text]
    assert not missing, f"{label['shape']}: story text lost"
    assert not leaked, f"{label['shape']}: boilerplate in the text"
    assert article.published is not None
    assert article.published.date() == date.fromisoformat(label["date"])
    assert article.text_method == "trafilatura"


def test_outlet_selectors_come_before_trafilatura():
    article = extract_article(
        _page("ru_page_banner.html"), "https://vb.example.kg/1", {"body": ".right-column"}
    )

    assert article.text_method == "selectors"
    assert article.text.startswith("Популярное")


def test_heuristic_when_trafilatura_finds_nothing(monkeypatch):
    monkeypatch.setattr(articles.trafilatura, "bare_extraction", lambda *args, **kwargs: None)

    article = extract_article(_page("ky_aspnet_form.html"), "https://osh.example.kg/4182")

    # the heuristic reads ASP.NET pages too: it no longer drops <form>
    assert article.text_method == "heuristic"
    assert "Жапалак айылынын тургундарына" in article.text


def test_date_methods_say_where_the_day_was_found():
    found = {
        label["file"]: extract_article(_page(label["file"]), "https://news.example.kg/").date_method
        for label in LABELS
    }

    assert found["ky_aspnet_form.html"] == "metadata"
    assert found["kk_unclosed_nav.html"] == "text"
    # "2024/05/17" is no pattern of ours: htmldate finds it
    assert found["kk_sidebar_content.html"] == "htmldate"


def test_date_fallback_keeps_to_quick_search_on_huge_pages(monkeypatch):
    calls = []

    def find_date(html, **kwargs):
        calls.append(kwargs["extensive_search"])

    monkeypatch.setattr(articles.htmldate, "find_date", find_date)
    small = "<html><body><p>Без даты.</p></body></html>"
    huge = small.replace("Без даты.", "Без даты. " * 20_000)

    for page in (small, huge):
        assert extract_article(page, "https://news.example.kg/").published is None

    assert calls == [True, False]
