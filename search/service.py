"""The search service: choose the backend, fall back to the database, make results showable.

Views call `run(query)` and `autocomplete(text)`; they never see the engine or the ORM queries.
The engine answers when OPENSEARCH_URL is set and the node answers within OPENSEARCH_TIMEOUT;
otherwise the database does (search.database), and `SearchPage.notice` says why.
"""

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from core.params import clamp_page
from core.partial_dates import parse_or_none
from promises.status import Status, is_overdue

from . import database, engine
from .facets import FACETS, FACETS_BY_NAME
from .query import MAX_RESULTS
from .records import REGISTRY, TRANSLATED_LANGUAGES
from .results import EngineUnavailable
from .vocabularies import vocabulary

logger = logging.getLogger("ubada.search")

ENGINE, DATABASE = "engine", "database"
SHOWN_BUCKETS = 12
DUE_BY, LANGUAGE = _("Due by"), _("Language")
NOTICES = {
    "unconfigured": "",
    "unavailable": _("The search engine is not answering, so these results come from a "
                     "simpler search of the database: misspellings and word forms are not "
                     "matched, and the order is less exact."),
    "circuit_open": _("The search engine is not answering, so these results come from a "
                      "simpler search of the database: misspellings and word forms are not "
                      "matched, and the order is less exact."),
    "missing": _("The search index is being built, so these results come from a simpler search "
                 "of the database."),
    "error": _("The search engine could not answer this search, so these results come from a "
               "simpler search of the database."),
}


@dataclass
class Bucket:
    value: str
    label: str
    count: int
    selected: bool
    url: str
    english: bool = False  # the label is the English fallback of the reader's language


@dataclass
class FacetView:
    name: str
    label: str
    buckets: list
    hidden: int = 0  # buckets not shown

    @property
    def selected(self):
        return [bucket for bucket in self.buckets if bucket.selected]


@dataclass
class Hit:
    type: str
    type_label: str
    pk: int
    title: str
    title_html: str
    url: str
    snippet: str
    date_text: str = ""
    status: str = ""
    status_label: str = ""
    overdue: bool = False
    kind_label: str = ""
    aliases: str = ""  # names that matched, when not the title (html)
    details: list = field(default_factory=list)  # [(label, text)]
    title_lang: str = ""  # "en" when the title is shown in English to a reader of another
    snippet_lang: str = ""  # language; "" when it is in the reader's language


@dataclass
class SearchPage:
    query: object
    backend: str
    total: int
    hits: list
    facets: list
    suggestion: str = ""
    notice: str = ""
    messages: list = field(default_factory=list)
    degraded: bool = False  # answered by the database because the engine failed: not cached
    relaxed_note: str = ""  # said when no record matched every word of the query

    @property
    def num_pages(self):
        shown = min(self.total, MAX_RESULTS)
        return max(1, -(-shown // self.query.per_page))

    @property
    def has_previous(self):
        return self.query.page > 1

    @property
    def has_next(self):
        return self.query.page < self.num_pages


def execute(query):
    """(RawResults, backend, reason) — the engine's answer, or the database's."""
    if engine.configured():
        try:
            return engine.search(query), ENGINE, ""
        except EngineUnavailable as error:
            if error.reason not in ("circuit_open",):
                logger.warning("search falls back to the database: %s", error)
            return database.search(query), DATABASE, error.reason
        except Exception:  # a bug in building the request must not cost the reader a page
            logger.exception("engine search failed; falling back to the database")
            return database.search(query), DATABASE, "error"
    return database.search(query), DATABASE, "unconfigured"


def run(query):
    """A SearchPage for a SearchQuery."""
    raw, backend, reason = execute(query)
    messages = list(query.messages)
    last_page = max(1, -(-min(raw.total, MAX_RESULTS) // query.per_page))
    if raw.total and query.page > last_page:
        messages.append(str(_("There is no page %(asked)s; showing page %(shown)s of "
                              "%(total)s.") % {"asked": f"{query.page:,}", "shown": last_page,
                                               "total": last_page}))
        query = query.with_changes(page=clamp_page(query.page, last_page))
        raw, backend, reason = execute(query)
    labels = _Labels()
    return SearchPage(
        query=query, backend=backend, total=raw.total,
        hits=[_hit(doc, labels, query.language) for doc in raw.docs],
        facets=facet_views(query, raw.facet_counts), suggestion=raw.suggestion,
        notice=str(NOTICES.get(reason, "")), messages=messages,
        degraded=reason not in ("", "unconfigured"),
        relaxed_note=_relaxed_note(query) if raw.relaxed else "",
    )


def _relaxed_note(query):
    terms = ", ".join(f"“{term}”" for term in query.terms)
    return str(_("No record contains all of: %(terms)s; showing records that match most of "
                 "the words.") % {"terms": terms})


def autocomplete(text, limit=8):
    """([{value, label, type, url}], backend) for what the reader has typed so far."""
    text = " ".join(str(text or "").split())[:60]
    if len(text) < 2:
        return [], DATABASE if not engine.configured() else ENGINE
    backend = DATABASE
    completions = None
    if engine.configured():
        try:
            completions, backend = engine.complete(text, limit), ENGINE
        except EngineUnavailable:
            completions = None
        except Exception:
            logger.exception("engine autocomplete failed")
    if completions is None:
        completions = database.complete(text, limit)
    items = []
    for completion in completions:
        rt = REGISTRY.get(completion.type)
        type_label = str(rt.label) if rt else completion.type
        label = completion.title
        if completion.matched and completion.matched != completion.title:
            label = f"{completion.title} ({completion.matched})"
        items.append({"value": completion.title, "label": f"{label} · {type_label}",
                      "type": completion.type, "url": _page_url(completion.pk)})
    return items, backend


# Facets ------------------------------------------------------------------------------------


def _buckets(facet, query, counts):
    """Every showable bucket of a facet, in the facet's order, selected ones included."""
    selected_keys = facet.selected_keys(query.filters.get(facet.name, ()))
    keys = list(counts) + [key for key in selected_keys if key not in counts]
    labels = facet.labels(keys)
    return facet.order([Bucket(labels[key][0], labels[key][1], counts.get(key, 0),
                               key in selected_keys, "", labels[key][2])
                        for key in keys if key in labels])


def facet_views(query, facet_counts):
    views = []
    for facet in FACETS:
        buckets = _buckets(facet, query, dict(facet_counts.get(facet.name, [])))
        if not buckets:
            continue
        shown = [b for b in buckets if b.selected]
        shown += [b for b in buckets if not b.selected][: max(0, SHOWN_BUCKETS - len(shown))]
        order = {id(b): i for i, b in enumerate(buckets)}
        shown.sort(key=lambda b: order[id(b)])
        for bucket in shown:  # links only for what is shown
            bucket.url = query.toggled(facet.name, bucket.value)
        views.append(FacetView(facet.name, str(facet.label), shown, len(buckets) - len(shown)))
    return views


# Hits --------------------------------------------------------------------------------------


def _page_url(pk):
    try:
        return reverse("permalink", args=[pk]) if pk else ""
    except NoReverseMatch:
        return ""


def _url(rt, doc):
    if rt is not None and rt.is_page:
        return _page_url(doc["pk"])
    if rt is not None and rt.url_name:
        try:
            return reverse(rt.url_name, args=[doc["pk"]])
        except NoReverseMatch:
            pass
    return doc["url"] or _page_url(doc["link_page"])


class _Labels:
    """What showing one page of hits needs, looked up once per page."""

    def __init__(self):
        self.today = timezone.localdate()
        self.languages = dict(settings.LANGUAGES)
        self._vocabularies = {}
        self._strings = {}

    def names(self, vocabulary_name, ids):
        if vocabulary_name not in self._vocabularies:
            self._vocabularies[vocabulary_name] = vocabulary(vocabulary_name).entries()["by_id"]
        by_id = self._vocabularies[vocabulary_name]
        return "; ".join(by_id[i].label for i in ids or [] if i in by_id)

    def date(self, value):
        """A stored partial date, shown as precisely as it is known (memoised per page)."""
        key = ("date", value)
        if key not in self._strings:
            when = _partial(value)
            self._strings[key] = when.display() if when else ""
        return self._strings[key]

    def text(self, lazy):
        key = id(lazy)
        if key not in self._strings:
            self._strings[key] = str(lazy)
        return self._strings[key]


def _partial(value):
    try:
        return parse_or_none(value) if value else None
    except ValueError:
        return None


def _details(rt, doc, due, labels):
    """[(label, text)] shown under a hit: the record type's named records, deadline, language."""
    details = []
    for label, facet_name in rt.details if rt else ():
        facet = FACETS_BY_NAME[facet_name]
        details.append((labels.text(label), labels.names(facet.name, doc[facet.field])))
    if rt and rt.deadline_field and due:
        details.append((labels.text(DUE_BY), labels.date(doc["deadline_due"][:10])))
    if doc["language"]:
        details.append((labels.text(LANGUAGE),
                        labels.languages.get(doc["language"], doc["language"])))
    return [(label, text) for label, text in details if text]


def _status_label(status, labels):
    try:
        return labels.text(Status(status).label) if status else ""
    except ValueError:
        return status


def _matched_aliases(highlight, title):
    """The highlighted names that matched and are not the title itself (html)."""
    escaped_title = escape(title)
    return [name for name in highlight.get("names", []) if "<mark>" in name
            and name.replace("<mark>", "").replace("</mark>", "") != escaped_title]


class _Shown:
    """A hit's title and snippet in the reader's language: its translation's where it has one,
    else the English, marked as such (`title_lang`, `snippet_lang`: "en" or "")."""

    def __init__(self, doc, language):
        highlight = doc["highlight"]
        local = doc.get(language) if language in TRANSLATED_LANGUAGES else None
        translated = bool(local) and language in (doc.get("translated") or ())
        text = local if translated else doc  # where the title, excerpt and passages come from
        prefix = f"{language}." if translated else ""
        english = "en" if local is not None else ""  # a reader of another language
        self.title = text["title"] or doc["title"] or ""
        self.title_html = highlight.get(f"{prefix}title", [escape(self.title)])[0]
        self.title_lang = "" if translated and self.title != doc["title"] else english
        passages = highlight.get(f"{prefix}body", []) + highlight.get("context", [])
        self.snippet = " … ".join(passages[:2]) if passages else escape(text["excerpt"] or "")
        self.snippet_lang = "" if translated else english


def _hit(doc, labels, language=""):
    """A showable Hit from a SearchDocument (with its "highlight"), in the reader's language;
    its link is the record's permalink in that language (/ru/record/<id>/), which leads to the
    record's translation (core.views.permalink)."""
    rt = REGISTRY.get(doc["type"])
    highlight = doc["highlight"]
    shown = _Shown(doc, language)
    status = doc["status"] or ""
    due = _partial((doc["deadline_due"] or "")[:10])
    return Hit(
        type=doc["type"], type_label=str(rt.label) if rt else doc["type"], pk=doc["pk"],
        title=shown.title,
        title_html=mark_safe(shown.title_html),  # noqa: S308 - escaped by the backend
        url=_url(rt, doc), snippet=mark_safe(shown.snippet),  # noqa: S308 - escaped by the backend
        date_text=labels.date(doc["date_text"]), status=status,
        status_label=_status_label(status, labels),
        overdue=is_overdue(status, due.latest() if due else None, labels.today),
        kind_label=str(rt.kind_label(doc["kind"])) if rt else "",
        aliases=mark_safe(  # noqa: S308 - escaped by the backend
            ", ".join(_matched_aliases(highlight, shown.title))),
        details=_details(rt, doc, due, labels),
        title_lang=shown.title_lang, snippet_lang=shown.snippet_lang,
    )
