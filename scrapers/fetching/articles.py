"""Extract the article from a news page: title, date, author, language, main text.

The text comes from the outlet's body selector when it has one, else from trafilatura (its
boilerplate rules beat ours on real pages: issue 13), else from a densest-block heuristic.
BeautifulSoup with lxml, which repairs any broken HTML without raising. Dates come from
metadata first (``article:published_time``, JSON-LD, ``<time datetime>``) and then from visible
text in Russian, Kazakh, Kyrgyz or English ("15 ноября 2011", "2023 жылғы 12 наурыз",
"2023-жылдын 5-октябры", "November 15, 2011", "15.11.2011"), and from htmldate when
neither finds one.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import Any
from urllib.parse import urljoin

import htmldate
import nh3
import trafilatura
from bs4 import (
    BeautifulSoup,
    Comment,
    Declaration,
    Doctype,
    MarkupResemblesLocatorWarning,
    NavigableString,
    Tag,
    XMLParsedAsHTMLWarning,
)
from bs4.element import CData, ProcessingInstruction
from lxml import etree
from lxml import html as lxml_html
from soupsieve import SelectorSyntaxError
from trafilatura.htmlprocessing import build_html_output

# Scraped pages are whatever they are; these warnings only add noise to the logs.
for _category in (XMLParsedAsHTMLWarning, MarkupResemblesLocatorWarning):
    warnings.filterwarnings("ignore", category=_category, module=r"scrapers\.fetching\.")

__all__ = [
    "ALLOWED_ATTRIBUTES",
    "ALLOWED_TAGS",
    "Article",
    "DATE_LANGUAGES",
    "extract_article",
    "guess_language",
    "html_to_text",
    "parse_date_text",
    "sanitise_html",
]

log = logging.getLogger(__name__)

DATE_LANGUAGES = ("ru", "kk", "ky", "en")
ALLOWED_TAGS = frozenset({"p", "br", "a", "em", "strong", "blockquote", "ul", "ol", "li"})
ALLOWED_ATTRIBUTES = {"a": {"href"}}

# fmt: off
_DROP_TAGS = [
    "script", "style", "noscript", "nav", "aside", "footer", "iframe", "template",
    "svg", "button", "select", "textarea", "object", "embed", "canvas", "head",
]
# fmt: on
_NOISE = re.compile(
    r"(?:^|[-_])(?:comments?|share|sharing|social|related|advert\w*|ads?|banner|promo|"
    r"subscribe|breadcrumbs?|cookies?|sidebar|popup|newsletter)(?:$|[-_])",
    re.IGNORECASE,
)
_KEEP_ALWAYS = frozenset({"html", "body", "main", "article"})
# fmt: off
_BLOCKS = frozenset({
    "p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6",
    "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "td", "th",
    "figure", "figcaption", "address", "hr", "body",
})
# fmt: on
_SKIPPED_STRINGS = (Comment, Declaration, Doctype, CData, ProcessingInstruction)
_MIN_ARTICLE_CHARS = 200
_LANG_ALIASES = {"kz": "kk", "kaz": "kk", "kg": "ky", "kir": "ky", "rus": "ru", "eng": "en"}
_KAZAKH_ONLY = frozenset("әғқұһӘҒҚҰҺ")
_KAZAKH_KYRGYZ = frozenset("ңөүҢӨҮ")
_XML_PROLOG = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_DATE_HINT_WORDS = ("date", "time", "publish", "posted", "meta", "created")
_DATE_HINT = re.compile("|".join(_DATE_HINT_WORDS), re.IGNORECASE)

# --- dates ----------------------------------------------------------------------------------

_WORD = r"[^\W\d_]{3,12}"
_TIME = r"(?:[,\s]+(?:в|at|с|саат|сағат)?\s*(?P<time>\d{1,2}:\d{2}))?"
_DATE_PATTERNS = (
    # 15 ноября 2011 г., 14:30 / 5-октябрь 2022 / 12 наурыз 2023 ж.
    re.compile(
        rf"(?<!\d)(?P<day>\d{{1,2}})[\s\-]+(?P<month>{_WORD})\.?,?\s+(?P<year>(?:19|20)\d\d)"
        rf"(?:\s*(?:года|г\.|г|ж\.|ж|жыл\w*))?{_TIME}"
    ),
    # 2023 жылғы 12 наурыз / 2023-жылдын 5-октябры / 2023 ж. 12 наурыз
    re.compile(
        rf"(?<!\d)(?P<year>(?:19|20)\d\d)[\s\-]*(?:жылғы|жылдын|жылы|жыл|ж\.|ж)\s+"
        rf"(?P<day>\d{{1,2}})[\s\-]+(?P<month>{_WORD}){_TIME}"
    ),
    # November 15, 2011
    re.compile(
        rf"(?P<month>[A-Z][a-z]{{2,8}})\.?\s+(?P<day>\d{{1,2}}),?\s+(?P<year>(?:19|20)\d\d)"
        rf"{_TIME}"
    ),
    # 15.11.2011 14:30
    re.compile(r"(?<![\d.])(?P<day>\d{1,2})\.(?P<nmonth>\d{1,2})\.(?P<year>(?:19|20)\d\d)" + _TIME),
)


class _DateParser:
    """A lazily built, shared dateparser.DateDataParser limited to supported languages."""

    _lock = threading.Lock()
    _parser: Any = None

    @classmethod
    def get(cls) -> Any:
        with cls._lock:
            if cls._parser is None:
                # dateparser takes about a second to import: only when a date needs it
                from dateparser.date import DateDataParser

                settings = {
                    "DATE_ORDER": "DMY",
                    "PREFER_DAY_OF_MONTH": "first",
                    "REQUIRE_PARTS": ["day", "month", "year"],
                }
                languages = []
                for language in DATE_LANGUAGES:
                    try:  # dateparser validates languages on first use
                        DateDataParser(languages=[language]).get_date_data("1 2 2000")
                    except ValueError:
                        continue
                    languages.append(language)
                cls._parser = DateDataParser(languages=languages or None, settings=settings)
            return cls._parser


def _dateparser_parse(text: str) -> datetime | None:
    try:
        return _DateParser.get().get_date_data(text).date_obj
    except (ValueError, TypeError, OverflowError, LookupError):
        return None


def _month_variants(word: str) -> Iterator[str]:
    yield word
    lowered = word.lower()
    # Kyrgyz possessive forms: октябры -> октябрь, марты -> март, июну -> июн(ь)
    if len(lowered) > 3 and lowered[-1] in "ыиуү":
        yield lowered[:-1] + "ь"
        yield lowered[:-1]


def _aware(value: datetime, default_tz: tzinfo) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=default_tz)


def _plausible_year(value: datetime) -> bool:
    return 1990 <= value.year <= datetime.now(UTC).year + 1


def parse_date_text(text: str, default_tz: tzinfo = UTC) -> datetime | None:
    """Find and parse the first date written out in ``text`` (see module docstring)."""
    if not text:
        return None
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            parts = match.groupdict()
            time_part = f" {parts['time']}" if parts.get("time") else ""
            if parts.get("nmonth"):
                try:
                    hour, minute = (int(x) for x in (parts.get("time") or "0:0").split(":"))
                    value = datetime(
                        int(parts["year"]), int(parts["nmonth"]), int(parts["day"]), hour, minute
                    )
                except ValueError:
                    continue
            else:
                value = None
                for month in _month_variants(parts["month"]):
                    value = _dateparser_parse(f"{parts['day']} {month} {parts['year']}{time_part}")
                    if value is not None:
                        break
            if value is not None and _plausible_year(value):
                return _aware(value, default_tz)
    return None


def _parse_machine_date(value: str, default_tz: tzinfo) -> datetime | None:
    value = value.strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        parsed = _dateparser_parse(value) or parse_date_text(value, default_tz)
    if parsed is None or not _plausible_year(parsed):
        return None
    return _aware(parsed, default_tz)


# --- language -------------------------------------------------------------------------------


def guess_language(text: str) -> str:
    """Guess ru/kk/ky/en from the letters used; empty string if there are no letters."""
    cyrillic = latin = kazakh = shared = 0
    for ch in text:
        if "\u0400" <= ch <= "\u04ff":
            cyrillic += 1
            if ch in _KAZAKH_ONLY:
                kazakh += 1
            elif ch in _KAZAKH_KYRGYZ:
                shared += 1
        elif ch.isascii() and ch.isalpha():
            latin += 1
    if cyrillic == 0 and latin == 0:
        return ""
    if latin > cyrillic:
        return "en"
    # one Kazakh place name in a Russian text must not make it Kazakh
    if kazakh >= 2 and kazakh / cyrillic >= 0.01:
        return "kk"
    if shared >= 2 and shared / cyrillic >= 0.01:
        return "ky"
    return "ru"


def _normalise_lang(value: str | None) -> str:
    if not value:
        return ""
    code = value.strip().replace("_", "-").split("-", 1)[0].lower()
    return _LANG_ALIASES.get(code, code)


# --- sanitising -----------------------------------------------------------------------------


def sanitise_html(fragment: str, base_url: str | None = None) -> str:
    """Keep only p, br, a[href], em, strong, blockquote, ul, ol, li; drop scripts and styles.

    With ``base_url``, relative links are made absolute.
    """
    if not fragment:
        return ""

    def absolutise(element: str, attribute: str, value: str) -> str | None:
        if element == "a" and attribute == "href" and base_url:
            return urljoin(base_url, value)
        return value

    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=absolutise,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer",
    ).strip()


# --- extraction -----------------------------------------------------------------------------


@dataclass
class Article:
    url: str
    title: str = ""
    published: datetime | None = None
    author: str = ""
    #: "ru", "kk", "ky", "en", another ISO 639-1 code from <html lang>, or ""
    language: str = ""
    #: main text: paragraphs separated by a blank line, whitespace normalised inside them
    text: str = ""
    #: main content as sanitised HTML
    html: str = ""
    description: str = ""
    #: <link rel=canonical> or og:url, absolute; empty if absent
    canonical_url: str = ""
    #: what found the text: "selectors" (the outlet's), "trafilatura", "heuristic" or ""
    text_method: str = ""
    #: what found the date: "selectors", "metadata", "text" (a written-out date), "htmldate",
    #: "feed" (set by the pipeline from the feed entry) or ""
    date_method: str = ""


def _clean(value: str | None) -> str:
    return " ".join(value.split()) if value else ""


_META_KEYS = ("property", "name", "itemprop")


class _MetaIndex:
    """The page's <meta> tags, read in one pass: each (attribute, name) pair maps to the content
    of its first tag, so a lookup of many names no longer rescans the page for each of them."""

    def __init__(self, soup: BeautifulSoup) -> None:
        self._content: dict[tuple[str, str], str] = {}
        for tag in soup.find_all("meta"):
            content = _clean(str(tag.get("content") or ""))
            for key in _META_KEYS:
                name = tag.get(key)
                if name:
                    self._content.setdefault((key, str(name)), content)

    def first(self, *names: str) -> str:
        """The content of the first name present (as property, name or itemprop, in that order)."""
        for name in names:
            for key in _META_KEYS:
                content = self._content.get((key, name))
                if content:
                    return content
        return ""


def _select_all(soup: BeautifulSoup, selector: str | None) -> list[Tag]:
    """``soup.select`` that logs and ignores invalid selectors (they come from settings)."""
    if not selector:
        return []
    try:
        return [tag for tag in soup.select(selector) if isinstance(tag, Tag)]
    except (SelectorSyntaxError, ValueError, NotImplementedError) as exc:
        log.warning("ignoring invalid CSS selector %r: %s", selector, exc)
        return []


def _select(soup: BeautifulSoup, selector: str | None) -> Tag | None:
    found = _select_all(soup, selector)
    return found[0] if found else None


def _json_ld(soup: BeautifulSoup) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
        try:
            data = json.loads(script.string or "")
        except (ValueError, TypeError):
            continue
        stack = [data]
        while stack:
            current = stack.pop()
            if isinstance(current, list):
                stack.extend(current)
            elif isinstance(current, dict):
                items.append(current)
                if isinstance(current.get("@graph"), list):
                    stack.extend(current["@graph"])
    return items


def _ld_author(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(filter(None, (_ld_author(v) for v in value)))
    if isinstance(value, dict):
        return _clean(str(value.get("name") or ""))
    return _clean(str(value)) if isinstance(value, str) else ""


def _paragraphs(node: Tag) -> list[str]:
    """Text of ``node`` split into blocks; iterative, so deep nesting cannot overflow."""
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = _clean("".join(current))
        if text:
            paragraphs.append(text)
        current.clear()

    stack: list[tuple[Any, bool]] = [(node, False)]
    while stack:
        element, leaving = stack.pop()
        if leaving:
            flush()
            continue
        if isinstance(element, NavigableString):
            if not isinstance(element, _SKIPPED_STRINGS):
                current.append(str(element))
            continue
        if not isinstance(element, Tag):
            continue
        if element.name == "br":
            flush()
            continue
        if element.name in _BLOCKS:
            flush()
            stack.append((element, True))
        stack.extend((child, False) for child in reversed(element.contents))
    flush()
    return paragraphs


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment: blocks separated by spaces, whitespace normalised."""
    if not html:
        return ""
    if "<" not in html and "&" not in html:
        return _clean(html)
    soup = BeautifulSoup(html, "lxml")
    for tag in soup.find_all(["script", "style", "noscript", "template"]):
        tag.decompose()
    return " ".join(_paragraphs(soup))


def _remove_noise(soup: BeautifulSoup, extra_selectors: list[str]) -> None:
    """Drop furniture, the outlet's ``remove`` selectors and noise-classed elements, except
    those holding the headline: a wrapper classed ``page-banner`` or an unclosed <nav> that
    swallowed the story is not noise. <form> stays (ASP.NET pages wrap everything in one)."""
    for tag in soup.find_all(_DROP_TAGS):
        if not tag.decomposed and tag.find("h1") is None:
            tag.decompose()
    for selector in extra_selectors:
        for tag in _select_all(soup, selector):
            if not tag.decomposed:
                tag.decompose()
    noisy = []
    for tag in soup.find_all(True):
        if tag.name in _KEEP_ALWAYS:
            continue
        classes = tag.get("class") or []
        tokens = [*classes, str(tag.get("id") or "")] if isinstance(classes, list) else []
        if any(_NOISE.search(token) for token in tokens if token) and tag.find("h1") is None:
            noisy.append(tag)
    for tag in noisy:
        if not tag.decomposed:
            tag.decompose()


def _densest_block(soup: BeautifulSoup) -> Tag | None:
    """The element whose paragraphs hold the most text (grandparents score half)."""
    scores: dict[int, list[Any]] = {}
    for paragraph in soup.find_all("p"):
        length = len(_clean(paragraph.get_text()))
        if not length:
            continue
        parent = paragraph.parent
        for weight in (1.0, 0.5):
            if not isinstance(parent, Tag) or parent.name == "[document]":
                break
            entry = scores.setdefault(id(parent), [0.0, parent])
            entry[0] += weight * length
            parent = parent.parent
    if not scores:
        return None
    return max(scores.values(), key=lambda item: item[0])[1]


def _strip_furniture(node: Tag) -> None:
    """Drop the headline and date lines from the main text (they have their own fields)."""
    doomed = list(node.find_all(["h1", "time"]))
    for tag in node.find_all(True):
        tokens = [*(tag.get("class") or []), str(tag.get("id") or "")]
        if any(_DATE_HINT.search(t) for t in tokens if t) and len(_clean(tag.get_text())) <= 100:
            doomed.append(tag)
    for tag in doomed:
        if not tag.decomposed:
            tag.decompose()


def _main_node(soup: BeautifulSoup) -> Tag | None:
    """The heuristic's guess at the story: the longest <article>, else the densest block."""
    articles = [a for a in soup.find_all("article") if isinstance(a, Tag)]
    if articles:
        best = max(articles, key=lambda a: len(_clean(a.get_text())))
        if len(_clean(best.get_text())) >= _MIN_ARTICLE_CHARS:
            return best
    dense = _densest_block(soup)
    if dense is not None:
        return dense
    body = soup.body
    return body if isinstance(body, Tag) else None


def _find_title(soup: BeautifulSoup, meta: _MetaIndex, selector: str | None) -> str:
    chosen = _select(soup, selector)
    if chosen is not None and _clean(chosen.get_text()):
        return _clean(chosen.get_text())
    title = meta.first("og:title", "twitter:title")
    if title:
        return title
    h1 = soup.find("h1")
    if isinstance(h1, Tag) and _clean(h1.get_text()):
        return _clean(h1.get_text())
    if soup.title is not None:
        return _clean(soup.title.get_text())
    return ""


def _find_published(
    soup: BeautifulSoup,
    meta: _MetaIndex,
    selector: str | None,
    ld: list[dict[str, Any]],
    default_tz: tzinfo,
) -> tuple[datetime | None, str]:
    """The publication date and where it was found ("selectors", "metadata" or "text")."""
    for method, is_machine_readable, raw in _date_candidates(soup, meta, selector, ld):
        parse = _parse_machine_date if is_machine_readable else parse_date_text
        parsed = parse(raw, default_tz)
        if parsed:
            return parsed, method
    return None, ""


def _date_candidates(
    soup: BeautifulSoup, meta: _MetaIndex, selector: str | None, ld: list[dict[str, Any]]
) -> Iterator[tuple[str, bool, str]]:
    """Where the story's date may be written, most trustworthy first (lazily: the first
    that parses wins): the outlet's selector, meta tags, JSON-LD, <time>, visible dates.
    Each as (method, machine-readable?, text)."""
    chosen = _select(soup, selector)
    if chosen is not None:
        for raw in (chosen.get("datetime"), chosen.get("content")):
            if raw:
                yield "selectors", True, str(raw)
        yield "selectors", False, chosen.get_text(" ")
    raw = meta.first(
        "article:published_time",
        "datePublished",
        "og:published_time",
        "pubdate",
        "publish-date",
        "DC.date.issued",
        "date",
    )
    if raw:
        yield "metadata", True, raw
    for item in ld:
        if item.get("datePublished"):
            yield "metadata", True, str(item["datePublished"])
    for time_tag in soup.find_all("time"):
        raw_time = time_tag.get("datetime")
        if raw_time:
            yield "metadata", True, str(raw_time)
    for text in _visible_date_candidates(soup):
        yield "text", False, text


def _visible_date_candidates(soup: BeautifulSoup) -> Iterator[str]:
    """Elements that look like date holders first, then the page text."""
    for tag in soup.find_all(True, limit=5000):
        tokens = [
            *(tag.get("class") or []),
            str(tag.get("id") or ""),
            str(tag.get("itemprop") or ""),
        ]
        if tag.name == "time" or any(_DATE_HINT.search(t) for t in tokens if t):
            yield tag.get_text(" ")
    body = soup.body or soup
    yield _clean(body.get_text(" "))[:5000]


# htmldate's extensive search reads every date-like string of the page: beyond this size the
# fallback keeps to its quick search, so that one page cannot cost seconds of a worker's CPU.
HTMLDATE_EXTENSIVE_MAX_CHARS = 150_000


def _htmldate_published(html_text: str, url: str, default_tz: tzinfo) -> datetime | None:
    """htmldate's original publication day, for pages where metadata and patterns found none."""
    try:
        found = htmldate.find_date(
            html_text,
            url=url or None,
            original_date=True,
            outputformat="%Y-%m-%d",
            extensive_search=len(html_text) <= HTMLDATE_EXTENSIVE_MAX_CHARS,
        )
    except (ValueError, TypeError):
        return None
    if not found:
        return None
    day = datetime.strptime(found, "%Y-%m-%d").replace(tzinfo=default_tz)
    return day if _plausible_year(day) else None


def _find_author(
    soup: BeautifulSoup, meta: _MetaIndex, selector: str | None, ld: list[dict[str, Any]]
) -> str:
    chosen = _select(soup, selector)
    if chosen is not None and _clean(chosen.get_text()):
        return _clean(chosen.get_text())
    author = meta.first("author", "article:author", "twitter:creator")
    if author and not author.startswith(("http://", "https://")):
        return author
    for tag in soup.find_all(attrs={"rel": "author"}):
        if _clean(tag.get_text()):
            return _clean(tag.get_text())
    tag = soup.find(attrs={"itemprop": "author"})
    if isinstance(tag, Tag):
        name = tag.find(attrs={"itemprop": "name"})
        text = _clean((name or tag).get_text())
        if text:
            return text
    for item in ld:
        if item.get("author"):
            name = _ld_author(item["author"])
            if name:
                return name
    return ""


def _find_canonical(soup: BeautifulSoup, meta: _MetaIndex, url: str) -> str:
    link = soup.find("link", attrs={"rel": "canonical"})
    href = link.get("href") if isinstance(link, Tag) else None
    if not href:
        href = meta.first("og:url")
    return urljoin(url, str(href).strip()) if href else ""


# Elements extract_article discards anyway. lxml (C, ~0.3 ms a page) drops them before
# BeautifulSoup sees the page: its whole-tree metadata lookups then run on a fraction of the
# size (1.7 ms instead of 12 ms a page on the benchmark's pages, with identical results).
FURNITURE = frozenset(
    {
        "script",
        "style",
        "noscript",
        "svg",
        "iframe",
        "template",
        "object",
        "embed",
        "canvas",
        "nav",
        "aside",
        "footer",
    }
)


def _holds_story(element: Any) -> bool:
    """Furniture that must stay: JSON-LD (dates, authors) and any element holding the headline,
    i.e. the story itself inside an unclosed <nav> or a JavaScript page's <noscript>."""
    if element.tag == "script":
        return (element.get("type") or "").strip().lower() == "application/ld+json"
    return element.find(".//h1") is not None


def trim_furniture(html_text: str) -> str:
    """The page without the elements extract_article would discard anyway (JSON-LD scripts
    and furniture holding the headline are kept). Text lxml cannot parse whole goes through
    unchanged."""
    if not html_text:
        return html_text
    parser = lxml_html.HTMLParser()  # one per call: its error log is per parse
    try:
        document = lxml_html.document_fromstring(html_text, parser=parser)
    except (etree.ParserError, ValueError):
        return html_text
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        return html_text  # e.g. nesting deeper than 256: lxml dropped part of the page
    doomed = [element for element in document.iter(*FURNITURE) if not _holds_story(element)]
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()
    return lxml_html.tostring(document, encoding="unicode")


def extract_article(
    html_text: str,
    url: str,
    selectors: dict[str, Any] | None = None,
    *,
    default_tz: tzinfo = UTC,
    trim: bool = True,
) -> Article:
    """Extract an :class:`Article` from a page's HTML.

    ``selectors`` (all optional, CSS): ``title``, ``published``, ``author``, ``body`` (the main
    text container) and ``remove`` (a list of selectors dropped before text extraction).
    Dates without a time zone get ``default_tz`` (pass the outlet's zone). ``trim`` drops the
    page furniture with lxml first for the metadata lookups and the heuristic; pages whose
    selectors point into furniture (an outlet that keeps its story in an <aside>) are never
    trimmed. trafilatura and htmldate read the whole page: on the trimmed one trafilatura is
    three times faster but its text differs on tiny and broken pages, so trim would no longer
    be a pure optimisation.
    """
    selectors = selectors or {}
    page_html = _XML_PROLOG.sub("", (html_text or "").lstrip("\ufeff"), count=1)
    soup = BeautifulSoup(_trimmed_html(page_html, selectors, trim), "lxml")
    meta = _MetaIndex(soup)
    ld = _json_ld(soup)
    article = Article(url=url)
    article.title = _find_title(soup, meta, selectors.get("title"))
    article.published, article.date_method = _find_published(
        soup, meta, selectors.get("published"), ld, default_tz
    )
    article.author = _find_author(soup, meta, selectors.get("author"), ld)
    article.description = meta.first("og:description", "description", "twitter:description")
    article.canonical_url = _find_canonical(soup, meta, url)
    declared_lang = _declared_language(soup)
    _read_text(article, page_html, soup, selectors)
    if article.published is None:
        article.published = _htmldate_published(page_html, url, default_tz)
        article.date_method = "htmldate" if article.published else ""
    guessed = guess_language(article.text or article.title)
    # templates often say lang="ru" on Kazakh or Kyrgyz pages: the letters cannot lie
    if declared_lang and not (declared_lang in ("ru", "en") and guessed in ("kk", "ky")):
        article.language = declared_lang
    else:
        article.language = guessed
    return article


def _trimmed_html(html_text: str, selectors: dict[str, Any], trim: bool) -> str:
    if trim and not any(tag in str(value) for value in selectors.values() for tag in FURNITURE):
        return trim_furniture(html_text)
    return html_text


def _declared_language(soup: BeautifulSoup) -> str:
    html_tag = soup.find("html")
    if not isinstance(html_tag, Tag):
        return ""
    return _normalise_lang(str(html_tag.get("lang") or html_tag.get("xml:lang") or ""))


def _read_text(
    article: Article, page_html: str, soup: BeautifulSoup, selectors: dict[str, Any]
) -> None:
    """The story's text and sanitised HTML: from the outlet's body selector if it matches, else
    from trafilatura, else (trafilatura found nothing) from the densest block of the page."""
    remove = selectors.get("remove") or []
    if isinstance(remove, str):
        remove = [s.strip() for s in remove.split(",") if s.strip()]
    _remove_noise(soup, list(remove))
    node = _select(soup, selectors.get("body"))
    if node is not None and _fill_from_node(article, node):
        article.text_method = "selectors"
        return
    node = _trafilatura_body(page_html, article.url)
    if node is not None and _fill_from_node(article, node):
        article.text_method = "trafilatura"
        return
    node = _main_node(soup)
    if node is not None and _fill_from_node(article, node):
        article.text_method = "heuristic"


def _fill_from_node(article: Article, node: Tag) -> bool:
    """Set the article's text and sanitised HTML from ``node``; False if it holds no text."""
    _strip_furniture(node)
    paragraphs = _paragraphs(node)
    if not paragraphs:
        return False
    article.text = "\n\n".join(paragraphs)
    article.html = sanitise_html(str(node), base_url=article.url)
    return True


def _date_line_xpath() -> str:
    """XPath of the short date lines _strip_furniture drops, for trafilatura to prune first
    (its output keeps no class or id to recognise them by afterwards)."""
    lower = "translate(concat(@class, ' ', @id), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', "
    lower += "'abcdefghijklmnopqrstuvwxyz')"
    hinted = " or ".join(f"contains({lower}, '{word}')" for word in _DATE_HINT_WORDS)
    return f"//time | //*[({hinted}) and string-length(normalize-space(.)) <= 100]"


_DATE_LINE_XPATH = _date_line_xpath()


def _trafilatura_body(page_html: str, url: str) -> Tag | None:
    """trafilatura's main text as simple HTML (p, lists, links, headings), or None."""
    try:
        document = trafilatura.bare_extraction(
            page_html,
            url=url or None,
            include_comments=False,
            include_links=True,
            include_formatting=True,
            include_tables=True,
            with_metadata=False,
            prune_xpath=_DATE_LINE_XPATH,
        )
    except (ValueError, TypeError, etree.LxmlError):
        return None
    if document is None or document.body is None or not len(document.body):
        return None
    body = BeautifulSoup(build_html_output(document), "lxml").body
    return body if isinstance(body, Tag) else None
