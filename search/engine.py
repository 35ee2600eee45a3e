"""Everything that talks to the search engine (OpenSearch 3.x, also 2.x) lives in this module.

No other module imports opensearchpy. Another engine of the same family could be added here.

Connection: settings.OPENSEARCH_URL (empty: no engine, the database answers), with credentials
in the URL (https://user:password@host:9200), OPENSEARCH_VERIFY_CERTS / OPENSEARCH_CA_CERTS for
TLS, OPENSEARCH_TIMEOUT seconds per search and OPENSEARCH_RETRY_AFTER seconds of circuit breaker.
OPENSEARCH_URL may list every node of a cluster, comma-separated: a request that cannot reach one
node goes to the next within the same OPENSEARCH_TIMEOUT, and that node is left alone for a
while (see `client`); the circuit breaker opens only when no node answers.

Indexes: records live in versioned indexes "<prefix>-records-v<timestamp>". Searches use the alias
"<prefix>-records". A rebuild fills a new index that carries the alias "<prefix>-records-building"
while it is filled; every write goes to all indexes behind either alias, so edits made during a
rebuild reach the new index, and an atomic alias swap makes it live. Writes use external versions
(microseconds at the moment the database was read): a rebuild chunk read before an edit can never
overwrite the edit's newer document or resurrect a deleted one.

Analysis: `ru_en` (standard tokenizer, Kyrgyz/Kazakh letters folded to Russian, lowercase,
asciifolding, Russian and light English stemmers) for text; `folded` (no stemming) for names and
exact forms and the spelling suggester; `translit` for the anyascii Latin forms of names; an
edge-n-gram `autocomplete` subfield on names; phonetic keys (search.names) as keywords.

Languages: each record also carries its text in every translated language (objects `ru`, `ky`,
`kk`, see search.documents), analysed per language. Russian: `ru_text` (Russian stemmer, ё → е).
Kyrgyz and Kazakh have no stemmer in OpenSearch's analysis-common: `turkic_words` folds their
letters to the Russian ones (ң → н, ө → о, ү → у, қ → к ...: readers often type on a Russian
keyboard) and lowercases; its `stems` subfield also cuts each word to its first five letters.
Both languages only add suffixes to a word's stem, and for Turkish, their close relative, such
a fixed five-letter prefix retrieves about as well as a real stemmer (Can et al., "Information
retrieval on Turkish texts", JASIST 59(3), 2008); it also confuses more words, so it counts for
less than a whole-word match. A reader's query searches their language's fields first, the
English ones with less weight, and names in every script as before.

When no record matches every word of a query of several, the records that match most of them
are returned (`RawResults.relaxed`), before the "did you mean" suggestion.
"""

import logging
import threading
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from opensearchpy import (
    A,
    ConnectionTimeout,
    Date,
    Document,
    Index,
    InnerDoc,
    Integer,
    Keyword,
    Long,
    Object,
    OpenSearch,
    Q,
    Search,
    Text,
    Transport,
    Urllib3HttpConnection,
    analyzer,
    char_filter,
    token_filter,
)
from opensearchpy import exceptions as os_exceptions
from opensearchpy.connection import connections
from opensearchpy.helpers import bulk, scan

from .documents import RESULT_FIELDS, build_documents
from .facets import FACETS, FACETS_BY_NAME, VOCABULARY_FACETS
from .names import FOLD_MAPPINGS, compact_key, compact_prefix_key, latin
from .query import DEADLINE, MADE
from .records import TRANSLATED_LANGUAGES, doc_id, iter_pk_chunks, types_in_order
from .results import Completion, EngineUnavailable, RawResults

logger = logging.getLogger("ubada.search")

CONNECTION = "ubada"
NAME_TYPES = ("settlement", "city", "person", "body")
SOURCE_FIELDS = [*RESULT_FIELDS, *(facet.field for facet in VOCABULARY_FACETS)]
WRITE_TIMEOUT = 10
BULK_TIMEOUT = 120

# Analysis ----------------------------------------------------------------------------------

kk_ky_fold = char_filter("kk_ky_fold", type="mapping", mappings=FOLD_MAPPINGS)
russian_stemmer = token_filter("russian_stemmer", type="stemmer", language="russian")
english_stemmer = token_filter("english_stemmer", type="stemmer", language="light_english")
prefixes = token_filter("prefixes", type="edge_ngram", min_gram=1, max_gram=20)

ru_en = analyzer("ru_en", tokenizer="standard", char_filter=[kk_ky_fold],
                 filter=["lowercase", "asciifolding", russian_stemmer, english_stemmer])
folded = analyzer("folded", tokenizer="standard", char_filter=[kk_ky_fold],
                  filter=["lowercase", "asciifolding"])
translit = analyzer("translit", tokenizer="standard", filter=["lowercase", "asciifolding"])
autocomplete = analyzer("autocomplete", tokenizer="standard", char_filter=[kk_ky_fold],
                        filter=["lowercase", "asciifolding", prefixes])
ru_text = analyzer("ru_text", tokenizer="standard", char_filter=[kk_ky_fold],
                   filter=["lowercase", russian_stemmer])
turkic_prefix = token_filter("turkic_prefix", type="truncate", length=5)
turkic_words = analyzer("turkic_words", tokenizer="standard", char_filter=[kk_ky_fold],
                        filter=["lowercase"])
turkic_stems = analyzer("turkic_stems", tokenizer="standard", char_filter=[kk_ky_fold],
                        filter=["lowercase", turkic_prefix])


def _text(folded_subfield=True, **subfields):
    """A ru_en text field; postings with offsets make highlighting cheap."""
    if folded_subfield:
        subfields["folded"] = Text(analyzer=folded, index_options="offsets")
    return Text(analyzer=ru_en, index_options="offsets", fields=subfields)


def _local_text(text_analyzer, stems_analyzer=None):
    """A translated text field: whole words, and, where a language has them, prefix stems."""
    fields = {"stems": Text(analyzer=stems_analyzer)} if stems_analyzer else {}
    return Text(analyzer=text_analyzer, index_options="offsets", fields=fields)


def _local_document(text_analyzer, stems_analyzer=None):
    """The mapping of a record's text in one language (search.documents.LocalText)."""
    return Object(type(f"Local_{text_analyzer._name}", (InnerDoc,), {
        "title": _local_text(text_analyzer, stems_analyzer),
        "body": _local_text(text_analyzer, stems_analyzer),
        "excerpt": Keyword(index=False, doc_values=False),
    }))


# the analysis of each translated language; a new one needs its own entry here
LOCAL_ANALYSIS = {"ru": (ru_text,), "ky": (turkic_words, turkic_stems),
                  "kk": (turkic_words, turkic_stems)}
if set(LOCAL_ANALYSIS) != set(TRANSLATED_LANGUAGES):
    raise ImproperlyConfigured("search.engine analyses the content languages "
                               f"{sorted(LOCAL_ANALYSIS)}, the settings name "
                               f"{sorted(TRANSLATED_LANGUAGES)}: add a field and its analysis.")


class RecordDocument(Document):
    """One searchable record of any type; see search.documents for what each field holds.

    The facets' own fields (search.facets.VocabularyFacet) are added by `index_body`.
    """

    type = Keyword()
    pk = Long()
    kind = Keyword()
    title = _text()
    names = _text(autocomplete=Text(analyzer=autocomplete, search_analyzer=folded))
    names_latin = Text(analyzer=translit, fields={
        "autocomplete": Text(analyzer=autocomplete, search_analyzer=translit)})
    name_keys = Keyword()
    body = _text(folded_subfield=False)  # the bulk of the text: analysed once
    excerpt = Keyword(index=False, doc_values=False)
    context = _text()
    context_latin = Text(analyzer=translit)
    context_keys = Keyword()
    spell = Text(analyzer=folded)
    status = Keyword()
    deadline_due = Date()
    date = Date()
    date_text = Keyword(index=False)
    year = Integer()
    language = Keyword()
    link_page = Long(index=False)
    url = Keyword(index=False, doc_values=False)
    translated = Keyword()
    ru = _local_document(*LOCAL_ANALYSIS["ru"])
    ky = _local_document(*LOCAL_ANALYSIS["ky"])
    kk = _local_document(*LOCAL_ANALYSIS["kk"])
    fingerprint = Keyword()


SPELL_SOURCES = ("title", "names", "context")  # the words "did you mean" can suggest


def index_body(building=False):
    """Settings and mappings of a records index (as JSON for indices.create)."""
    index = Index("records")
    index.document(RecordDocument)
    index.settings(
        number_of_shards=1,
        # a rebuild fills the primaries alone; _go_live then adds the replicas in one copy
        number_of_replicas=0 if building else replicas(),
        refresh_interval="-1" if building else "1s",
        max_result_window=10_000,
        gc_deletes="1h",  # delete tombstones outlive a rebuild (see write versions)
        translog={"durability": "async" if building else "request"},
    )
    body = index.to_dict()
    properties = body["mappings"]["properties"]
    for name in SPELL_SOURCES:
        properties[name]["copy_to"] = "spell"
    for facet in FACETS:
        if facet.mapping:
            properties[facet.field] = dict(facet.mapping)
    body["mappings"]["dynamic"] = False
    return body


# Connection, names, circuit breaker --------------------------------------------------------


def configured():
    return bool(getattr(settings, "OPENSEARCH_URL", ""))


def hosts():
    """The nodes' URLs: OPENSEARCH_URL may list several, comma-separated."""
    return [url.strip() for url in settings.OPENSEARCH_URL.split(",") if url.strip()]


def replicas():
    """Copies of each shard besides the primary: 0 on a single node (a replica could never be
    placed and the index would stay yellow), 1 on a cluster of two or more nodes."""
    return int(getattr(settings, "OPENSEARCH_REPLICAS", 0))


def _timeout():
    return float(getattr(settings, "OPENSEARCH_TIMEOUT", 2.0))


_budget = threading.local()  # the deadline of the request this thread is sending


class _BudgetTransport(Transport):
    """One request's time budget (its request_timeout, else OPENSEARCH_TIMEOUT) covers every
    node it is tried on: a node that refuses the connection hands the request to the next one,
    but never beyond the budget, so a node being down costs a reader no more than before."""

    def perform_request(self, method, url, params=None, body=None, timeout=None, ignore=(),
                        headers=None):
        if params and not timeout and "request_timeout" in params:
            params = dict(params)
            timeout = params.pop("request_timeout")
        _budget.deadline = time.monotonic() + float(timeout or _timeout())
        try:
            return super().perform_request(method, url, params, body, timeout=timeout,
                                           ignore=ignore, headers=headers)
        finally:
            _budget.deadline = None


class _BudgetConnection(Urllib3HttpConnection):
    """A connection to one node that waits no longer than what is left of the budget."""

    def perform_request(self, method, url, params=None, body=None, timeout=None, ignore=(),
                        headers=None):
        deadline = getattr(_budget, "deadline", None)
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise ConnectionTimeout("TIMEOUT", "the request's time budget is used up", None)
            timeout = min(float(timeout or self.timeout), left)
        return super().perform_request(method, url, params, body, timeout=timeout,
                                       ignore=ignore, headers=headers)


_client_lock = threading.Lock()
_client_key = None


def _client_options(urls, timeout):
    """Every node listed, no sniffing (the list is the configuration); a connection error sends
    the request to the next node (one retry per other node), a timeout does not (the budget is
    spent); a failed node is tried again after OPENSEARCH_RETRY_AFTER seconds, doubling up to
    4 times while it keeps failing."""
    return {"hosts": urls, "timeout": timeout, "max_retries": len(urls) - 1,
            "retry_on_timeout": False, "pool_maxsize": 32, "transport_class": _BudgetTransport,
            "connection_class": _BudgetConnection, "dead_timeout": breaker.retry_after(),
            "timeout_cutoff": 2}


def client():
    global _client_key
    key = (settings.OPENSEARCH_URL, _timeout(), getattr(settings, "OPENSEARCH_VERIFY_CERTS", True),
           getattr(settings, "OPENSEARCH_CA_CERTS", ""))
    with _client_lock:
        if _client_key != key:
            urls = hosts()
            options = _client_options(urls, key[1])
            if any(url.startswith("https") for url in urls):
                options["verify_certs"] = bool(key[2])
                if key[3]:
                    options["ca_certs"] = key[3]
            connections.add_connection(CONNECTION, OpenSearch(**options))
            _client_key = key
    return connections.get_connection(CONNECTION)


def prefix():
    return getattr(settings, "OPENSEARCH_INDEX_PREFIX", "ubada") or "ubada"


def alias_name():
    return f"{prefix()}-records"


def building_alias():
    return f"{prefix()}-records-building"


def index_pattern():
    return f"{prefix()}-records-v*"


def new_index_name():
    return f"{prefix()}-records-v{datetime.now(tz=UTC).strftime('%Y%m%d%H%M%S%f')}"


def now_version():
    """An external version: microseconds now. Take it BEFORE reading the database."""
    return time.time_ns() // 1000


class CircuitBreaker:
    """After a failure, skip the engine for `retry_after` seconds; then let one request try."""

    def __init__(self):
        self._lock = threading.Lock()
        self._open_until = 0.0
        self.last_error = ""

    def allow(self):
        with self._lock:
            now = time.monotonic()
            if now < self._open_until:
                return False
            if self._open_until:  # half-open: this caller probes, the others wait it out
                self._open_until = now + self.retry_after()
            return True

    def retry_after(self):
        return float(getattr(settings, "OPENSEARCH_RETRY_AFTER", 30))

    def failure(self, error):
        with self._lock:
            self._open_until = time.monotonic() + self.retry_after()
            self.last_error = str(error)[:300]

    def success(self):
        with self._lock:
            self._open_until = 0.0

    def reset(self):
        self.success()
        self.last_error = ""


breaker = CircuitBreaker()


def _guard(operation, *, missing_ok=False):
    """Run an engine call; translate every failure into EngineUnavailable."""
    if not configured():
        raise EngineUnavailable("No search engine is configured.", "unconfigured")
    if not breaker.allow():
        raise EngineUnavailable("The search engine failed recently.", "circuit_open")
    try:
        result = operation()
    except os_exceptions.NotFoundError as error:
        breaker.success()
        if missing_ok:
            return None
        raise EngineUnavailable(f"The search index does not exist: {error}", "missing") from error
    except (os_exceptions.ConnectionError, os_exceptions.ConnectionTimeout) as error:
        breaker.failure(error)
        raise EngineUnavailable(f"The search engine did not answer: {error}") from error
    except os_exceptions.TransportError as error:
        status = error.status_code if isinstance(error.status_code, int) else 500
        if status >= 500 or status == 429:
            breaker.failure(error)
            raise EngineUnavailable(f"The search engine failed: {error}") from error
        breaker.success()
        logger.exception("search engine refused a request")
        raise EngineUnavailable(f"The search engine refused the request: {error}",
                                "error") from error
    breaker.success()
    return result


def cluster_status():
    """The cluster's colour (green, yellow or red), asked in at most OPENSEARCH_TIMEOUT
    seconds; EngineUnavailable when it does not answer."""
    try:
        return client().cluster.health(request_timeout=_timeout())["status"]
    except Exception as error:  # any failure is the answer
        raise EngineUnavailable(f"No answer from the search engine: {error}") from error


def health():
    """(ok, message) in at most OPENSEARCH_TIMEOUT seconds, for commands and the admin."""
    if not configured():
        return False, "OPENSEARCH_URL is not set: search is served from the database."
    try:
        info = client().info(request_timeout=_timeout())
        status = cluster_status()
    except Exception as error:  # any failure is the answer
        return False, f"No answer from {settings.OPENSEARCH_URL}: {error}"
    return True, (f"OpenSearch {info['version']['number']} at {settings.OPENSEARCH_URL}, "
                  f"cluster {status}")


# Queries -----------------------------------------------------------------------------------

TEXT_FIELDS = ["title^3", "names^3", "body", "context"]
FOLDED_FIELDS = ["title.folded^3", "names.folded^4", "context.folded^0.5"]
LATIN_FIELDS = ["names_latin^2", "context_latin^0.5"]
FUZZINESS = "AUTO:5,9"  # no typo allowed under 5 letters, one up to 8, then two


# Each translated language's fields: above the English ones (a reader's own language first).
LOCAL_BOOST = 2
LOCAL_FIELDS = {language: [f"{language}.title^3", f"{language}.body"]
                + ([f"{language}.title.stems^1.5", f"{language}.body.stems^0.5"]
                   if len(analysis) > 1 else [])
                for language, analysis in LOCAL_ANALYSIS.items()}


def _local_fields(language):
    return LOCAL_FIELDS.get(language, [])


def _word_clause(word, language=""):
    key = compact_key(word)
    should = [
        Q("multi_match", query=word, fields=TEXT_FIELDS, operator="and", type="best_fields",
          tie_breaker=0.2),
        Q("multi_match", query=word, fields=FOLDED_FIELDS, operator="and", boost=1.5),
        Q("multi_match", query=latin(word), fields=LATIN_FIELDS, operator="and"),
        # typos in names and titles (not in long texts: too slow, too many false friends)
        Q("multi_match", query=word, fields=["title", "names", "context"],
          fuzziness=FUZZINESS, prefix_length=1, max_expansions=20, operator="and", boost=0.4),
    ]
    if _local_fields(language):
        should.append(Q("multi_match", query=word, fields=_local_fields(language),
                        operator="and", type="best_fields", tie_breaker=0.2, boost=LOCAL_BOOST))
    if key:
        should += [Q("term", name_keys={"value": key, "boost": 4}),
                   Q("term", context_keys={"value": key, "boost": 1})]
        if len(key) >= 5:
            should += [
                Q("fuzzy", name_keys={"value": key, "fuzziness": FUZZINESS, "prefix_length": 1,
                                      "boost": 1}),
                Q("fuzzy", context_keys={"value": key, "fuzziness": FUZZINESS,
                                         "prefix_length": 1, "boost": 0.3}),
            ]
    return Q("bool", should=should, minimum_should_match=1)


def _phrase_clause(phrase, language=""):
    should = [
        Q("multi_match", query=phrase, type="phrase", fields=TEXT_FIELDS),
        Q("multi_match", query=latin(phrase), type="phrase", fields=LATIN_FIELDS),
    ]
    if language in LOCAL_FIELDS:
        should.append(Q("multi_match", query=phrase, type="phrase",
                        fields=[f"{language}.title^3", f"{language}.body"], boost=LOCAL_BOOST))
    key = compact_key(phrase)
    if key:
        should.append(Q("term", name_keys={"value": key, "boost": 3}))
    return Q("bool", should=should, minimum_should_match=1)


# Above what any record's words can score: a title holding every word of the query comes
# before every record that matches some words in its title and the others elsewhere.
EVERY_WORD_IN_TITLE_BONUS = 1000


def _title_fields(language):
    return ["title", "title.folded"] + ([f"{language}.title"] if language in LOCAL_FIELDS else [])


def _title_has_every_term(query):
    """A fixed bonus, for a query of several words or phrases, when the title holds them all
    (the English title, or the title in the reader's language)."""
    if len(query.terms) < 2:
        return []
    fields = _title_fields(query.language)
    clauses = [Q("multi_match", query=word, fields=fields, operator="and")
               for word in query.words]
    clauses += [Q("multi_match", query=phrase, type="phrase", fields=fields)
                for phrase in query.phrases]
    return [Q("constant_score", filter=Q("bool", must=clauses),
              boost=EVERY_WORD_IN_TITLE_BONUS)]


def text_query(query, required=None):
    """Every word and phrase must match a record, in any script or spelling; with `required`,
    only that many of them (the records that match most of the words)."""
    if not query.has_text:
        return Q("match_all")
    clauses = [_word_clause(word, query.language) for word in query.words]
    clauses += [_phrase_clause(phrase, query.language) for phrase in query.phrases]
    if required is not None:
        clauses = [Q("bool", should=clauses, minimum_should_match=required)]
    main = Q("bool", must=clauses, should=_title_has_every_term(query))
    if len(query.words) > 1:
        whole = Q("term", name_keys={"value": compact_key(" ".join(query.words)), "boost": 6})
        return Q("bool", should=[main, whole], minimum_should_match=1)
    return main


def _highlighted_fields(language):
    """The fields snippets come from: the English ones, and the reader's language's."""
    local = [f"{language}.title", f"{language}.body"] if language in LOCAL_FIELDS else []
    return ["title", "names", "body", "context", *local]


def _highlight_query(query):
    """What to mark in snippets: the words and phrases, and typos in names only.

    Much cheaper than highlighting with the full query (its fuzzy clauses over long texts are
    rewritten for every hit and field).
    """
    fields = _highlighted_fields(query.language)
    should = [Q("multi_match", query=phrase, type="phrase", fields=fields)
              for phrase in query.phrases]
    if query.words:
        text = " ".join(query.words)
        should.append(Q("multi_match", query=text, fields=fields))
        should += [Q("match", names={"query": word, "fuzziness": FUZZINESS, "prefix_length": 1,
                                     "max_expansions": 10})
                   for word in query.words if len(word) >= 5]
    return Q("bool", should=should)


def _filters(filters):
    """The engine filters of a query's facet filters (each facet builds its own)."""
    return [Q(FACETS_BY_NAME[name].engine_filter(values)) for name, values in filters.items()]


def _sort(query):
    if query.sort == MADE:
        return [{"date": {"order": "desc", "missing": "_last"}}, "_score", {"pk": "desc"}]
    if query.sort == DEADLINE:
        return [{"deadline_due": {"order": "asc", "missing": "_last"}},
                {"date": {"order": "desc", "missing": "_last"}}, {"pk": "desc"}]
    return ["_score", {"date": {"order": "desc", "missing": "_last"}}, {"pk": "desc"}]


def _add_facet_counts(search, query, all_filters):
    """Facet counts are disjunctive: a facet counts with every filter but its own. Facets
    without a filter of their own share one filter aggregation (all filters)."""
    shared = search.aggs.bucket("shared", "filter", filter=Q("bool", filter=all_filters))
    for facet in FACETS:
        if facet.name in query.filters:
            others = Q("bool", filter=_filters(query.filters_except(facet.name)))
            parent = search.aggs.bucket(facet.name, "filter", filter=others)
            name = "values"
        else:
            parent, name = shared, facet.name
        parent.bucket(name, A(facet.engine_aggregation()))


def build_search(query, required=None):
    """The DSL Search for a SearchQuery: hits, disjunctive facet counts, highlights; with
    `required`, of the records that match that many of the query's words."""
    search = Search(using=CONNECTION, index=alias_name()).query(text_query(query, required))
    all_filters = _filters(query.filters)
    if all_filters:
        search = search.post_filter(Q("bool", filter=all_filters))
    _add_facet_counts(search, query, all_filters)
    if query.has_text:
        search = search.highlight_options(pre_tags=["<mark>"], post_tags=["</mark>"],
                                          encoder="html", require_field_match=False,
                                          highlight_query=_highlight_query(query).to_dict())
        whole, passages = ["title", "names"], ["body", "context"]
        if query.language in LOCAL_FIELDS:
            whole.append(f"{query.language}.title")
            passages.append(f"{query.language}.body")
        search = search.highlight(*whole, number_of_fragments=0)
        search = search.highlight(*passages, fragment_size=160, number_of_fragments=2)
    search = search.sort(*_sort(query)).source(SOURCE_FIELDS)
    search = search.extra(track_total_hits=True, from_=query.offset, size=query.per_page)
    return search.params(request_timeout=_timeout())


def _raw(response):
    data = response.to_dict() if hasattr(response, "to_dict") else response
    total = data["hits"]["total"]
    total = total["value"] if isinstance(total, dict) else total
    docs = []
    for hit in data["hits"]["hits"]:
        doc = dict(hit.get("_source", {}))
        doc["highlight"] = hit.get("highlight", {})
        docs.append(doc)
    counts = {}
    aggregations = data.get("aggregations", {})
    for facet in FACETS:
        if facet.name in aggregations:
            agg = aggregations[facet.name].get("values", {})
        else:
            agg = aggregations.get("shared", {}).get(facet.name, {})
        counts[facet.name] = facet.engine_counts(agg)
    return RawResults(total=total, docs=docs, facet_counts=counts)


def search(query):
    """RawResults for a SearchQuery; raises EngineUnavailable when the database must answer."""
    client()
    results = _guard(lambda: _raw(build_search(query).execute()))
    if results.total == 0 and query.words:
        try:
            results.suggestion = _guard(lambda: suggest(query)) or ""
        except EngineUnavailable:
            results.suggestion = ""
    if results.total == 0 and len(query.terms) > 1:
        required = _guard(lambda: most_words_matched(query))
        if required:
            relaxed = _guard(lambda: _raw(build_search(query, required).execute()))
            relaxed.suggestion, relaxed.relaxed = results.suggestion, True
            return relaxed
    return results


def most_words_matched(query):
    """The most words and phrases of the query any record (within the filters) matches: a
    count per number, from all but one down to one; 0 if none matches even one."""
    filters = _filters(query.filters)
    for required in range(len(query.terms) - 1, 0, -1):
        count = (Search(using=CONNECTION, index=alias_name())
                 .query(Q("bool", must=[text_query(query, required)], filter=filters))
                 .params(request_timeout=_timeout()).count())
        if count:
            return required
    return 0


def suggest(query):
    """A corrected query that finds something ("did you mean"), or ""."""
    text = " ".join(query.words)
    response = (Search(using=CONNECTION, index=alias_name()).extra(size=0)
                .suggest("dym", text, term={"field": "spell", "suggest_mode": "missing",
                                            "min_word_length": 3, "prefix_length": 1})
                .params(request_timeout=_timeout()).execute()).to_dict()
    corrected, changed = [], False
    for entry in response.get("suggest", {}).get("dym", []):
        options = entry.get("options") or []
        corrected.append(options[0]["text"] if options else entry["text"])
        changed = changed or bool(options)
    if not changed:
        return ""
    candidate = " ".join(corrected)
    probe = query.with_changes(words=tuple(candidate.split()), phrases=())
    count = (Search(using=CONNECTION, index=alias_name())
             .query(Q("bool", must=[text_query(probe)], filter=_filters(query.filters)))
             .params(request_timeout=_timeout()).count())
    return candidate if count else ""


def complete(text, limit=8):
    """Names starting with `text` in any script: [Completion]."""
    client()
    key = compact_prefix_key(text)
    should = [
        Q("match", **{"names.autocomplete": {"query": text, "operator": "and", "boost": 2}}),
        Q("match", **{"names_latin.autocomplete": {"query": latin(text), "operator": "and"}}),
    ]
    if len(key) >= 3:
        should.append(Q("prefix", name_keys={"value": key, "boost": 0.5}))
    search = (Search(using=CONNECTION, index=alias_name())
              .filter("terms", type=list(NAME_TYPES))
              .query(Q("bool", should=should, minimum_should_match=1))
              .source(["type", "pk", "title", "names"])
              .extra(size=limit).params(request_timeout=_timeout()))
    data = _guard(lambda: search.execute().to_dict())
    return [Completion(hit["_source"]["type"], hit["_source"]["pk"], hit["_source"]["title"])
            for hit in data["hits"]["hits"]]


# Writes ------------------------------------------------------------------------------------


def _aliased_indexes():
    """{index: set(aliases)} for this prefix's versioned indexes."""
    data = client().indices.get_alias(index=index_pattern(), request_timeout=WRITE_TIMEOUT)
    return {name: set(info.get("aliases", {})) for name, info in data.items()}


def write_targets():
    """The indexes a write must reach: the live one and one being rebuilt.

    With neither (no rebuild ever ran), writes fail and are queued: an empty index must not
    replace the database's answers; rebuild_search_index creates the index and retries them.
    """
    indexes = _aliased_indexes()
    targets = sorted(name for name, aliases in indexes.items()
                     if aliases & {alias_name(), building_alias()})
    if not targets:
        raise EngineUnavailable("There is no search index yet: run rebuild_search_index.",
                                "missing")
    return targets


def create_index(name, building=False, aliases=()):
    body = index_body(building=building)
    if aliases:
        body["aliases"] = {alias: {} for alias in aliases}
    client().indices.create(index=name, body=body, request_timeout=BULK_TIMEOUT)
    return name


def _actions(docs, deletes, targets, version):
    for target in targets:
        for key, doc in docs.items():
            yield {"_op_type": "index", "_index": target, "_id": key, "version": version,
                   "version_type": "external", "_source": doc}
        for key in deletes:
            yield {"_op_type": "delete", "_index": target, "_id": key, "version": version,
                   "version_type": "external"}


def _item_failed(item):
    """The doc id of a failed bulk item, or None if it succeeded or can be ignored."""
    (op, result), = item.items()
    status = result.get("status", 200)
    error = result.get("error") or {}
    error_type = error.get("type", "") if isinstance(error, dict) else ""
    if status < 300 or status == 409:  # 409: a newer version is already there
        return None
    if op == "delete" and status == 404 and error_type != "index_not_found_exception":
        return None
    if error_type == "index_not_found_exception":  # an old index deleted after a rebuild
        return None
    return result.get("_id"), f"{status} {error_type}: {error}"[:500]


def write(docs, deletes, version):
    """Index `docs` ({doc id: document}) and delete ids; {doc id: error} for what failed.

    Raises EngineUnavailable when the engine cannot be reached at all.
    """
    if not docs and not deletes:
        return {}

    def run():
        targets = write_targets()
        _count, errors = bulk(client(), _actions(docs, deletes, targets, version),
                              raise_on_error=False, request_timeout=WRITE_TIMEOUT)
        failed = {}
        for item in errors:
            outcome = _item_failed(item)
            if outcome:
                failed[outcome[0]] = outcome[1]
        return failed

    client()
    return _guard(run)


def fingerprints():
    """{doc id: fingerprint} of everything in the live index."""
    def run():
        found = {}
        for hit in scan(client(), index=alias_name(), query={"_source": ["fingerprint"]},
                        size=5000, request_timeout=BULK_TIMEOUT):
            found[hit["_id"]] = hit["_source"].get("fingerprint")
        return found

    client()
    return _guard(run)


def refresh():
    client()
    return _guard(lambda: client().indices.refresh(index=alias_name(),
                                                   request_timeout=BULK_TIMEOUT))


def live_index():
    """The index the alias points to (None if there is none)."""
    indexes = _guard(_aliased_indexes)
    live = [name for name, aliases in indexes.items() if alias_name() in aliases]
    return live[0] if live else None


# Rebuild -----------------------------------------------------------------------------------


def rebuild(progress=None, chunk_size=500, keep_old=False, grace=None, threads=2, types=None):
    """Fill a new versioned index from the database, then move the alias to it.

    `progress(type_name, done, total)` is called after each chunk. Returns a dict of figures.
    """
    try:
        return _rebuild(progress, chunk_size, keep_old, grace, threads, types)
    except (os_exceptions.TransportError, os_exceptions.ConnectionError) as error:
        raise EngineUnavailable(f"The rebuild failed: {error}") from error


def _start_building(connection, name):
    """Create the new index and give it the building alias: writes from now on reach it too
    (see write_targets)."""
    create_index(name, building=True)
    stale = [index for index, aliases in _aliased_indexes().items()
             if building_alias() in aliases]
    actions = [{"remove": {"index": index, "alias": building_alias()}} for index in stale]
    actions.append({"add": {"index": name, "alias": building_alias()}})
    connection.indices.update_aliases(body={"actions": actions}, request_timeout=BULK_TIMEOUT)


def _fill(connection, name, record_types, chunk_size, threads, progress):
    """({type: records read}, failures) after indexing every public record of the types.

    The database is read in this thread (chunk by chunk); bulk requests go out from a pool.
    """
    totals = {rt.name: rt.records().count() for rt in record_types}
    counts = dict.fromkeys(totals, 0)
    with _BulkPipeline(connection, threads) as pipeline:
        for rt in record_types:
            if progress:
                progress(rt.name, 0, totals[rt.name])
            for chunk in iter_pk_chunks(rt, chunk_size):
                version = now_version()
                pipeline.send([
                    {"_op_type": "index", "_index": name, "_id": doc_id(rt.name, pk),
                     "version": version, "version_type": "external", "_source": doc}
                    for pk, doc in build_documents(rt, chunk).items()
                ])
                counts[rt.name] += len(chunk)
                if progress:
                    progress(rt.name, counts[rt.name], totals[rt.name])
    return counts, pipeline.failures


def _go_live(connection, name):
    """Make the filled index searchable and move the alias to it; the indexes it replaced."""
    connection.indices.put_settings(
        index=name, body={"index": {"refresh_interval": "1s", "translog.durability": "request",
                                    "number_of_replicas": replicas()}},
        request_timeout=BULK_TIMEOUT)
    connection.indices.refresh(index=name, request_timeout=BULK_TIMEOUT)
    indexes = _aliased_indexes()
    live = [index for index, aliases in indexes.items() if alias_name() in aliases]
    swap = [{"remove": {"index": index, "alias": alias_name()}} for index in live]
    swap += [{"add": {"index": name, "alias": alias_name()}},
             {"remove": {"index": name, "alias": building_alias()}}]
    connection.indices.update_aliases(body={"actions": swap}, request_timeout=BULK_TIMEOUT)
    return [index for index, aliases in indexes.items()
            if index != name and building_alias() not in aliases]


def _rebuild(progress, chunk_size, keep_old, grace, threads, types):
    breaker.reset()
    connection = client()
    grace = _timeout() if grace is None else grace
    name = new_index_name()
    started = time.monotonic()
    _start_building(connection, name)
    record_types = [rt for rt in types_in_order() if types is None or rt.name in types]
    counts, failures = _fill(connection, name, record_types, chunk_size, threads, progress)
    loaded = time.monotonic()
    old = _go_live(connection, name)
    breaker.success()
    if old and not keep_old:
        time.sleep(grace)  # let searches that resolved the alias before the swap finish
        connection.indices.delete(index=",".join(old), ignore_unavailable=True,
                                  request_timeout=BULK_TIMEOUT)
    docs = sum(counts.values())
    return {"index": name, "documents": docs, "per_type": counts, "failures": failures,
            "seconds": loaded - started, "docs_per_second": docs / max(loaded - started, 1e-6),
            "deleted": [] if keep_old else old}


class _BulkPipeline:
    """Send bulk requests from `threads` threads while the caller prepares the next ones."""

    def __init__(self, connection, threads):
        self.connection = connection
        self.threads = max(1, threads)
        self.failures = []
        self._pool = None
        self._pending = deque()

    def __enter__(self):
        self._pool = ThreadPoolExecutor(max_workers=self.threads,
                                        thread_name_prefix="search-bulk")
        return self

    def _bulk(self, actions):
        _count, errors = bulk(self.connection, actions, chunk_size=len(actions) + 1,
                              max_chunk_bytes=200 * 1024 * 1024, raise_on_error=False,
                              request_timeout=BULK_TIMEOUT)
        return errors

    def _collect(self, future):
        for item in future.result():
            outcome = _item_failed(item)
            if outcome:
                self.failures.append(outcome)

    def send(self, actions):
        if not actions:
            return
        self._pending.append(self._pool.submit(self._bulk, actions))
        while len(self._pending) > self.threads * 2:
            self._collect(self._pending.popleft())

    def __exit__(self, *exc):
        try:
            while self._pending:
                future = self._pending.popleft()
                if exc[0] is None:
                    self._collect(future)
        finally:
            self._pool.shutdown(wait=True)
        return False


def delete_all_indexes():
    """Drop every index of this prefix (tests and benchmarks clean up with this)."""
    client().indices.delete(index=index_pattern(), ignore_unavailable=True,
                            request_timeout=BULK_TIMEOUT)
