"""Score article text and publication dates over a directory of labelled pages, the project's
``extract_article`` beside plain trafilatura and plain htmldate, in one run (issue 13).

    .venv/bin/python bench/extraction_eval.py                       # tests/scrapers/regression
    .venv/bin/python bench/extraction_eval.py path/to/labelled/dir

The directory holds HTML pages and a ``pages.json``: a list of objects, one per page::

    {
      "file": "ru_page_banner.html",      # the page, relative to the directory (UTF-8)
      "url": "https://...",               # optional: the page's address
      "shape": "what makes it hard",      # optional, for people
      "expected": ["snippet", ...],       # text that must be in the extracted text
      "unexpected": ["snippet", ...],     # boilerplate that must not
      "body": "the whole article text",   # optional: scored by token F1
      "date": "2024-03-12"                # optional: the day of publication
    }

Text: recall of expected snippets, share of unexpected snippets that leaked in, pages where no
expected snippet was found, and mean token F1 over pages with a ``body``. Dates: pages with the
exact day right and pages with no date at all. CPU time per page for each extractor.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import htmldate
import trafilatura

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scrapers.fetching.articles import extract_article  # noqa: E402  (needs ROOT on sys.path)

DEFAULT_DIR = ROOT / "tests" / "scrapers" / "regression"
_TOKEN = re.compile(r"\w+")


@dataclass
class TextScore:
    """Running totals of one text extractor's scores."""

    found: int = 0
    expected: int = 0
    leaked: int = 0
    unexpected: int = 0
    empty_pages: int = 0
    f1: list[float] = field(default_factory=list)
    cpu: float = 0.0

    def add(self, text: str, label: dict) -> None:
        hits = sum(snippet in text for snippet in label.get("expected", []))
        self.found += hits
        self.expected += len(label.get("expected", []))
        self.leaked += sum(snippet in text for snippet in label.get("unexpected", []))
        self.unexpected += len(label.get("unexpected", []))
        self.empty_pages += bool(label.get("expected")) and not hits
        if label.get("body"):
            self.f1.append(token_f1(text, label["body"]))

    def row(self, name: str, pages: int) -> str:
        recall = self.found / self.expected if self.expected else float("nan")
        leakage = self.leaked / self.unexpected if self.unexpected else float("nan")
        f1 = sum(self.f1) / len(self.f1) if self.f1 else float("nan")
        return (
            f"{name:<28} recall {recall:.3f}  leaked {leakage:.3f}  nothing found on "
            f"{self.empty_pages}  F1 {f1:.3f} ({len(self.f1)} bodies)  "
            f"{1000 * self.cpu / max(pages, 1):.1f} ms CPU/page"
        )


@dataclass
class DateScore:
    """Running totals of one date finder's scores."""

    right: int = 0
    labelled: int = 0
    missing: int = 0
    cpu: float = 0.0

    def add(self, day: str | None, label: dict) -> None:
        if not label.get("date"):
            return
        self.labelled += 1
        self.right += day == label["date"]
        self.missing += not day

    def row(self, name: str, pages: int) -> str:
        share = self.right / self.labelled if self.labelled else float("nan")
        return (
            f"{name:<28} exact day {share:.3f} ({self.right}/{self.labelled})  "
            f"no date on {self.missing}  {1000 * self.cpu / max(pages, 1):.1f} ms CPU/page"
        )


def token_f1(found: str, gold: str) -> float:
    """F1 of the word multisets (lower-cased), the usual measure of body extraction."""
    found_tokens = Counter(_TOKEN.findall(found.lower()))
    gold_tokens = Counter(_TOKEN.findall(gold.lower()))
    common = sum((found_tokens & gold_tokens).values())
    if not common:
        return 0.0
    precision = common / sum(found_tokens.values())
    recall = common / sum(gold_tokens.values())
    return 2 * precision * recall / (precision + recall)


def _timed(function: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[Any, float]:
    started = time.process_time()
    result = function(*args, **kwargs)
    return result, time.process_time() - started


def _warm_up(page: str) -> None:
    """One untimed call of each: the first pays for imports and lazily built parsers."""
    extract_article(page, "https://example.org/")
    trafilatura.extract(page, include_comments=False)
    htmldate.find_date(page, original_date=True)


def evaluate(directory: Path) -> list[str]:
    """The report's lines: the project's and the plain libraries' figures, same pages."""
    labels = json.loads((directory / "pages.json").read_text(encoding="utf-8"))
    project_text, plain_text = TextScore(), TextScore()
    project_dates, plain_dates = DateScore(), DateScore()
    if labels:
        _warm_up((directory / labels[0]["file"]).read_text(encoding="utf-8", errors="replace"))
    for label in labels:
        page = (directory / label["file"]).read_text(encoding="utf-8", errors="replace")
        url = label.get("url") or f"https://example.org/{label['file']}"
        article, cpu = _timed(extract_article, page, url)
        project_text.cpu += cpu
        project_text.add(article.text, label)
        project_dates.add(
            article.published.date().isoformat() if article.published else None, label
        )
        text, cpu = _timed(trafilatura.extract, page, include_comments=False)
        plain_text.cpu += cpu
        plain_text.add(text or "", label)
        day, cpu = _timed(htmldate.find_date, page, original_date=True)
        plain_dates.cpu += cpu
        plain_dates.add(day, label)
    project_dates.cpu = project_text.cpu  # one call gives both
    pages = len(labels)
    return [
        f"{pages} labelled pages in {directory}",
        "Text:",
        "  " + project_text.row("extract_article", pages),
        "  " + plain_text.row("trafilatura.extract", pages),
        "Dates:",
        "  " + project_dates.row("extract_article", pages),
        "  " + plain_dates.row("htmldate.find_date", pages),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIR)
    args = parser.parse_args()
    print("\n".join(evaluate(args.directory)))


if __name__ == "__main__":
    main()
