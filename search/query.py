"""Request parameters → a typed, validated `SearchQuery`. No view or engine code here.

Everything a reader can put in the URL is checked: the text is cut to MAX_QUERY_LENGTH
characters (settings.SEARCH_MAX_QUERY_LENGTH, 200) before it is searched or shown back, and to
MAX_WORDS words, quotes are paired (an unmatched one is ignored), words made only
of punctuation or query syntax are dropped, the page is a number from 1 to the last page that
can be shown, and facet values must name something that exists. Whatever is changed or ignored is
said in `messages`; nothing here raises on odd input.

/search/?q=electricity+"Ak-Jar"&type=promise&status=broken&status=stalled&city=bishkek&page=2
"""

import re
import unicodedata
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.params import clamp_page, parse_int

from .facets import CONTROL_CHARACTERS, FACETS

MAX_QUERY_LENGTH = settings.SEARCH_MAX_QUERY_LENGTH
MAX_WORDS = 12
PER_PAGE = 20
MAX_RESULTS = 10_000  # the engine's max_result_window: deeper pages are not served
RELEVANCE, MADE, DEADLINE = "relevance", "made", "deadline"
SORTS = {
    RELEVANCE: _("Best match"),
    MADE: _("Date, newest first"),
    DEADLINE: _("Deadline, soonest first"),
}
_HAS_WORD = re.compile(r"\w", re.UNICODE)
_EDGE_PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$", re.UNICODE)


@dataclass(frozen=True)
class SearchQuery:
    """A validated search: what to match, how to filter, sort and page."""

    text: str = ""  # the cleaned query, as shown back in the search box
    words: tuple = ()  # free words (every one must match)
    phrases: tuple = ()  # quoted phrases (each must match as a phrase)
    filters: dict = field(default_factory=dict)  # facet name -> tuple of index values
    params: dict = field(default_factory=dict)  # facet name -> tuple of URL values (kept)
    sort: str = RELEVANCE
    page: int = 1
    per_page: int = PER_PAGE
    messages: tuple = ()
    language: str = ""  # the reader's language: its text is searched first and shown

    @property
    def has_text(self):
        return bool(self.words or self.phrases)

    @property
    def offset(self):
        return (self.page - 1) * self.per_page

    @property
    def terms(self):
        """Words and phrases: each one must be found in a matching record."""
        return self.words + self.phrases

    def with_changes(self, **changes):
        return replace(self, **changes)

    def filters_except(self, facet_name):
        return {name: values for name, values in self.filters.items() if name != facet_name}

    def url_params(self, **changes):
        """The query string of this search with some parameters changed (None removes one)."""
        pairs = {"q": [self.text] if self.text else []}
        for name, values in self.params.items():
            pairs[name] = list(values)
        if self.sort != default_sort(self):
            pairs["sort"] = [self.sort]
        if self.page > 1:
            pairs["page"] = [str(self.page)]
        for name, value in changes.items():
            if value is None:
                pairs.pop(name, None)
            else:
                pairs[name] = value if isinstance(value, list) else [str(value)]
        return urlencode([(name, value) for name, values in pairs.items() for value in values
                          if value not in ("", None)])

    def toggled(self, facet_name, value):
        """URL parameters with a facet value added (or removed if selected), back to page 1."""
        current = list(self.params.get(facet_name, ()))
        new = [v for v in current if v != value] if value in current else current + [value]
        return self.url_params(**{facet_name: new, "page": None})


def default_sort(query):
    return RELEVANCE if query.has_text else MADE


def split_text(text):
    """(words, phrases, unmatched_quote) from query text; quotes may be " or « » or “ ”."""
    text = text.replace("«", '"').replace("»", '"').replace("“", '"').replace("”", '"')
    text = text.replace("„", '"')
    parts = text.split('"')
    unmatched = len(parts) % 2 == 0  # an odd number of quotes
    if unmatched:
        parts[-2:] = [parts[-2] + " " + parts[-1]]
    words, phrases = [], []
    for index, part in enumerate(parts):
        if index % 2:
            phrase = " ".join(_clean_word(w) for w in part.split() if _clean_word(w))
            if phrase:
                (phrases if " " in phrase else words).append(phrase)
        else:
            words.extend(w for w in (_clean_word(w) for w in part.split()) if w)
    return list(dict.fromkeys(words)), list(dict.fromkeys(phrases)), unmatched


def _clean_word(word):
    """The word without leading/trailing punctuation; "" if it has no letter or digit."""
    word = _EDGE_PUNCTUATION.sub("", word)
    return word if _HAS_WORD.search(word) else ""


def _getlist(params, name):
    """The values of one parameter from a QueryDict or a dict of lists."""
    if hasattr(params, "getlist"):
        return params.getlist(name)
    value = params.get(name, [])
    return value if isinstance(value, list | tuple) else [value]


def _parse_text(raw_values, messages):
    """(text, words, phrases): the query text cleaned, cut to the limits, split."""
    raw = " ".join(str(v) for v in raw_values)
    raw = " ".join(unicodedata.normalize("NFKC", CONTROL_CHARACTERS.sub(" ", raw)).split())
    if len(raw) > MAX_QUERY_LENGTH:
        messages.append(_("Your search was longer than %(limit)s characters; only the first "
                          "%(limit)s were used.") % {"limit": MAX_QUERY_LENGTH})
        raw = raw[:MAX_QUERY_LENGTH].rstrip()
    words, phrases, unmatched = split_text(raw)
    if unmatched:
        messages.append(_("A quotation mark without its pair was ignored."))
    if len(words) + len(phrases) > MAX_WORDS:
        messages.append(_("Only the first %(limit)s words were used.") % {"limit": MAX_WORDS})
        phrases = phrases[:MAX_WORDS]
        words = words[: max(0, MAX_WORDS - len(phrases))]
    if raw and not (words or phrases):
        messages.append(_("“%(text)s” has no letters or digits to search for.") % {"text": raw})
    return raw, tuple(words), tuple(phrases)


def _parse_filters(params, messages):
    """(filters, kept URL values) for the facets in the request; unknown values are reported."""
    filters, kept = {}, {}
    for facet in FACETS:
        raw_values = [v for v in _getlist(params, facet.name) if str(v).strip()]
        if not raw_values:
            continue
        values, unknown = facet.parse(raw_values[:20])
        for value in unknown:
            messages.append(_("“%(value)s” is not a known %(facet)s; that filter was ignored.")
                            % {"value": value[:60], "facet": str(facet.label).lower()})
        if values:
            filters[facet.name] = values
            kept[facet.name] = tuple(v for v in dict.fromkeys(str(r).strip() for r in raw_values)
                                     if v not in unknown)
    return filters, kept


def _parse_sort(raw_values, query, messages):
    sort = str(raw_values[0]) if raw_values else ""
    if sort and sort not in SORTS:
        messages.append(_("Unknown sort order “%(sort)s”; sorted by the default.")
                        % {"sort": sort[:30]})
        sort = ""
    return sort or default_sort(query)


def _parse_page(raw_values, per_page, messages):
    """The page asked for, moved to the first one if it is no page number and to the last page
    that can be served if it is beyond MAX_RESULTS."""
    asked = str(raw_values[0]).strip() if raw_values else ""
    page = parse_int(asked, minimum=1) if asked else 1
    if page is None:
        messages.append(_("There is no page “%(page)s”; showing the first page.")
                        % {"page": asked[:30]})
        page = 1
    last_servable = MAX_RESULTS // per_page
    if page > last_servable:
        messages.append(_("Only the first %(limit)s results can be shown; showing page "
                          "%(page)s.") % {"limit": f"{MAX_RESULTS:,}", "page": last_servable})
    return clamp_page(page, last_servable)


def parse_query(params, per_page=PER_PAGE, language=None):
    """A SearchQuery from request.GET (a QueryDict or a dict of lists) for a reader of
    `language` (default: the active language); never raises."""
    messages = []
    text, words, phrases = _parse_text(_getlist(params, "q"), messages)
    filters, kept = _parse_filters(params, messages)
    query = SearchQuery(text=text, words=words, phrases=phrases, filters=filters, params=kept,
                        per_page=per_page, language=language or get_language() or "")
    sort = _parse_sort(_getlist(params, "sort"), query, messages)
    page = _parse_page(_getlist(params, "page"), per_page, messages)
    return query.with_changes(sort=sort, page=page, messages=tuple(str(m) for m in messages))
