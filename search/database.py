"""The database fallback: the same SearchQuery answered with ORM queries, no engine needed.

Used when OPENSEARCH_URL is empty, and whenever the engine is down, slow or missing its index.
It filters the same records (search.records.REGISTRY) along the same ORM paths the documents
are built from, so the facet counts equal the engine's for the same filters.

Matching: every word or quoted phrase must occur (case-insensitively) in the record's own text
fields, or name the record itself or a record it refers to (a promise's settlements, cities,
promisors, subjects). Names are compared in Python against the cached vocabularies, folded and
transliterated (search.names), so "Акжар", "Ak Zhar" and "Ak-Jar" find the same settlement here
too. What only the engine does: inflection (Бишкеке → Бишкек), typo tolerance, relevance
scoring (here: exact names first, then titles holding every word of a query of several, then
by record type and recency) and real highlighting (here: the first occurrence of a word is
marked).

The reader's language: a word also matches a record whose live translation in the reader's
language holds it (in its title or text), and a record is named by its translations' titles
too (search.vocabularies). Without stemming, Russian, Kyrgyz and Kazakh words match only in the
form typed (Атамбаева does not find Атамбаев here, only on the engine), and a word matches a
translation only in the reader's own language, not in the other two.

When no record matches every word of a query of several, the records that match the most of
them are returned (`RawResults.relaxed`), as on the engine.
"""

import heapq
import re
from collections import Counter

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Q
from django.utils.html import escape

from . import table as records_table
from .facets import FACETS, FACETS_BY_NAME
from .names import compact_key, fold
from .query import DEADLINE, MADE
from .records import TRANSLATED_LANGUAGES, types_in_order
from .results import Completion, RawResults
from .vocabularies import VOCABULARIES, close_words, vocabulary

AUTOCOMPLETE_VOCABULARIES = ("settlement", "city", "promisor")


def _variants(term):
    """Spellings to try with icontains: SQLite folds the case of ASCII letters only."""
    if connection.vendor != "sqlite" or term.isascii():
        return [term]
    return list(dict.fromkeys([term, term.lower(), term.capitalize(), term.upper(),
                               term.title()]))


def _contains(fields, term):
    """Any of the fields contains the term, in any letter case."""
    return Q.create([(f"{field}__icontains", variant) for field in fields
                     for variant in _variants(term)], connector=Q.OR)


def _translation_q(rt, term, language, restricted_paths):
    """The record's live, public translation in `language` holds the term (a page under one of
    `restricted_paths`, a private section, is not public: core.visibility)."""
    if not rt.translatable or language not in TRANSLATED_LANGUAGES:
        return Q()
    translations = rt.model.objects.filter(locale__language_code=language)
    if rt.is_page:
        translations = translations.filter(live=True).exclude(Q.create(
            [("path__startswith", path) for path in restricted_paths], connector=Q.OR))
    translations = translations.filter(_contains(rt.translated_fields(), term))
    return Q(translation_key__in=translations.values("translation_key"))


def _term_q(rt, term, language, restricted_paths):
    q = _contains(rt.own_fields(), term) | _translation_q(rt, term, language, restricted_paths)
    if rt.vocabulary:
        ids = vocabulary(rt.vocabulary).match(term)
        if ids:
            q |= Q(pk__in=ids)
    for vocab_name, paths in rt.context.items():
        ids = vocabulary(vocab_name).match(term)
        if ids:
            for path in paths:
                q |= Q(**{f"{path}__in": ids})
    return q


def _terms_matched(types, query, restricted_paths):
    """{type name: Counter(pk: how many of the query's terms the record matches)}, every type
    and term asked in one query (a UNION ALL of one ORM query per type and term). Public or
    not: the caller keeps the public records (search.table)."""
    parts, params = [], []
    for type_index, rt in enumerate(types):
        for term_index, term in enumerate(query.terms):
            matches = (rt.model.objects.filter(_term_q(rt, term, query.language,
                                                       restricted_paths))
                       .order_by().values("pk"))
            try:
                sql, sql_params = matches.query.get_compiler(connection=connection).as_sql()
            except EmptyResultSet:  # a condition the ORM knows matches nothing
                continue
            parts.append(f"SELECT {type_index}, {term_index}, matched.pk FROM ({sql}) matched")  # noqa: S608 - the ORM's SQL, its parameters apart
            params.extend(sql_params)
    matched_terms = {rt.name: Counter() for rt in types}
    if not parts:  # nothing public to search (PostgreSQL refuses an empty statement)
        return matched_terms
    with connection.cursor() as cursor:
        cursor.execute(" UNION ".join(parts), params)  # UNION: each (type, term, pk) once
        for type_index, _term_index, pk in cursor.fetchall():
            matched_terms[types[type_index].name][pk] += 1
    return matched_terms


class _Search:
    """One search over the table of public records (search.table): the text is matched in one
    query; filtering, facet counts and ordering happen here, in Python."""

    def __init__(self, query, data):
        self.query = query
        self.tables = [data.types[rt.name] for rt in types_in_order()
                       if rt.name in data.types and data.types[rt.name].rows]
        self.selected = {name: frozenset(FACETS_BY_NAME[name].selected_keys(values))
                         for name, values in query.filters.items()}
        self.matched_terms = (_terms_matched([table.rt for table in self.tables], query,
                                             data.restricted_paths)
                              if query.has_text else None)
        self.folded_terms = [term.casefold() for term in query.terms]
        self.exact_ids = _exact_ids(query, {table.rt.vocabulary for table in self.tables})

    def _candidates(self, minimum):
        """(type table, row) of the public records matching at least `minimum` terms."""
        for table in self.tables:
            if self.matched_terms is None:
                yield from ((table, row) for row in table.rows.values())
                continue
            for pk, count in self.matched_terms[table.rt.name].items():
                row = table.rows.get(pk)
                if row is not None and count >= minimum:
                    yield table, row

    def _failed(self, row):
        """The selected facets a record fails (up to two: more exclude it as surely)."""
        failed = []
        for name, keys in self.selected.items():
            if not row.keys.get(name, frozenset()) & keys:  # a facet that does not apply fails
                failed.append(name)
                if len(failed) > 1:
                    break
        return failed

    def collect(self, minimum):
        """([(type table, row)] that pass every filter, {facet: Counter}): a facet counts the
        records that pass every filter but its own."""
        results, counts = [], {facet.name: Counter() for facet in FACETS}
        for table, row in self._candidates(minimum):
            failed = self._failed(row)
            if len(failed) > 1:
                continue
            for facet_name, keys in row.keys.items():
                if not failed or failed[0] == facet_name:
                    counts[facet_name].update(keys)
            if not failed:
                results.append((table, row))
        return results, counts

    def most_terms_matched(self):
        """The most terms any record that passes the filters matches."""
        return max((self.matched_terms[table.rt.name][row.pk]
                    for table, row in self._candidates(1) if not self._failed(row)), default=0)

    def _rank(self, table, row):
        if not self.query.has_text:
            return 3
        if row.title == self.query.text.casefold() or row.pk in self.exact_ids.get(
                table.rt.vocabulary, ()):
            return 0
        if len(self.folded_terms) > 1 and all(term in row.title for term in self.folded_terms):
            return 1
        return 2 if row.title.startswith(self.folded_terms[0]) else 3

    def key(self, item):
        """Where a result goes in the chosen order."""
        table, row = item
        date_key = (0, -row.when.toordinal()) if row.when else (1, 0)
        priority = table.rt.priority
        if self.query.sort == MADE:
            return (*date_key, priority, -row.pk)
        if self.query.sort == DEADLINE:
            due_key = (0, row.due.toordinal()) if row.due else (1, 0)
            return (due_key, *date_key, priority, -row.pk)
        return (self._rank(table, row), priority, *date_key, -row.pk)

    def page(self, results):
        """[(record type, pk)] of the requested page."""
        query = self.query
        wanted = query.offset + query.per_page
        ordered = heapq.nsmallest(wanted, results, key=self.key)
        return [(table.rt, row.pk) for table, row in ordered[query.offset:wanted]]


def _exact_ids(query, names):
    """{vocabulary name: ids of the records the whole query names exactly}, for `names`."""
    key = compact_key(query.text)
    if not query.has_text or not key:
        return {}
    folded = fold(query.text)
    return {name: {entry.id for entry in vocabulary(name).all()
                   if key in entry.keys or folded in entry.folded}
            for name in names if name}


def _ranked_counts(facet, counts):
    ranked = sorted(((key, count) for key, count in counts.items() if count),
                    key=lambda item: (-item[1], item[0]))
    return ranked[:facet.size]  # the engine's terms aggregation returns as many


def highlight(text, terms, fragment=160):
    """The first passage of `text` containing a term, escaped, the terms in <mark>; or ""."""
    if not text or not terms:
        return ""
    pattern = re.compile("|".join(re.escape(term) for term in sorted(terms, key=len,
                                                                      reverse=True)),
                         re.IGNORECASE)
    match = pattern.search(text)
    if not match:
        return ""
    start = max(0, match.start() - fragment // 3)
    end = min(len(text), start + fragment)
    passage = text[start:end]
    marked = pattern.sub(lambda m: f"\x00{m.group(0)}\x01", passage)
    html = escape(marked).replace("\x00", "<mark>").replace("\x01", "</mark>")
    return ("…" if start else "") + html + ("…" if end < len(text) else "")


def _highlights(doc, terms, language):
    """The passages to show, as the engine gives them: {field: [html]}, the reader's language's
    title and text under "<language>.title" and "<language>.body"."""
    found = {}
    texts = {"title": doc["title"], "body": doc["body"]}
    if language in TRANSLATED_LANGUAGES:
        texts[f"{language}.title"] = doc[language]["title"]
        texts[f"{language}.body"] = doc[language]["body"]
    for field, text in texts.items():
        passage = highlight(text, terms)
        if passage:
            found[field] = [passage]
    names = [highlight(name, terms, fragment=1000) for name in doc["names"]]
    if any(names):
        found["names"] = [name for name in names if name]
    context = highlight("; ".join(doc["context"]), terms)
    if context:
        found["context"] = [context]
    return found


def _suggestion(query):
    """The database's "did you mean": the query's words replaced by close names' words."""
    corrected = [(close_words(word) or [word])[0] for word in query.words]
    return " ".join(corrected) if [fold(word) for word in query.words] != corrected else ""


def _documents(data, keys, query):
    """The documents of the page's (record type, pk) keys, in order, with their highlights."""
    by_type = {}
    for rt, pk in keys:
        by_type.setdefault(rt.name, (rt, []))[1].append(pk)
    built = {(rt.name, pk): doc for rt, pks in by_type.values()
             for pk, doc in data.documents(rt, pks).items()}
    docs = []
    for rt, pk in keys:
        if (rt.name, pk) in built:
            doc = dict(built[(rt.name, pk)])
            doc["highlight"] = (_highlights(doc, query.terms, query.language)
                                if query.has_text else {})
            docs.append(doc)
    return docs


def search(query):
    """RawResults for a SearchQuery, from the database (and the table of public records)."""
    data = records_table.table()
    state = _Search(query, data)
    results, counts = state.collect(len(query.terms))
    suggestion = _suggestion(query) if not results and query.words else ""
    relaxed = False
    if not results and len(query.terms) > 1:  # the records that match the most of the words
        results, counts = state.collect(max(state.most_terms_matched(), 1))
        relaxed = bool(results)
    facet_counts = {facet.name: _ranked_counts(facet, counts[facet.name]) for facet in FACETS}
    keys = state.page(results) if results else []
    return RawResults(total=len(results), docs=_documents(data, keys, query),
                      facet_counts=facet_counts, suggestion=suggestion, relaxed=relaxed)


def complete(text, limit=8):
    """Names starting with `text` in any script, from the cached vocabularies."""
    folded = fold(text)
    found = []
    for name in AUTOCOMPLETE_VOCABULARIES:
        for entry in VOCABULARIES[name].complete(text):
            title = entry.names[0] if entry.names else entry.label
            matched = entry.matched_name(text)
            rank = 0 if fold(title).startswith(folded) else 1
            found.append((rank, title.lower(), Completion(
                entry.kind, entry.id, title, matched if matched != title else "")))
    found.sort(key=lambda item: (item[0], item[1]))
    return [completion for _rank, _title, completion in found[:limit]]
