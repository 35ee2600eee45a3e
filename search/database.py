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

import re
from collections import Counter

from django.db import connection
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils.html import escape

from core.partial_dates import parse_or_none

from .documents import build_documents
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


def _translation_q(rt, term, language):
    """The record's live translation in `language` holds the term."""
    if not rt.translatable or language not in TRANSLATED_LANGUAGES:
        return Q()
    translations = rt.translations((language,)).filter(_contains(rt.translated_fields(), term))
    return Q(translation_key__in=translations.values("translation_key"))


def _term_q(rt, term, language=""):
    q = _contains(rt.own_fields(), term) | _translation_q(rt, term, language)
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


def _title_has_every_term(rt, query):
    """The record's title holds every word and phrase of a query of several (in any letter
    case); never true for a query of one, ranked by its exact name or first word instead."""
    if len(query.terms) < 2:
        return Q(pk__in=[])
    q = Q()
    for term in query.terms:
        q &= Q.create([(f"{rt.title_field}__icontains", variant) for variant in _variants(term)],
                      connector=Q.OR)
    return q


MATERIALISE_LIMIT = 20_000  # matches of a text search kept as a list of ids


def _term_matches(rt, term, language):
    return rt.model.objects.filter(_term_q(rt, term, language)).values("pk")


def _materialised(rt, queryset):
    """The facet counts filter these records again and again: scan the texts only once."""
    pks = list(queryset.order_by().values_list("pk", flat=True)[:MATERIALISE_LIMIT + 1])
    if len(pks) <= MATERIALISE_LIMIT:
        return rt.records().filter(pk__in=pks)
    return queryset


def _matching(rt, query):
    """The records of a type that match the text; the text is matched once per request."""
    queryset = rt.records()
    if not query.has_text:
        return queryset
    for term in query.terms:
        queryset = queryset.filter(pk__in=_term_matches(rt, term, query.language))
    return _materialised(rt, queryset)


def _terms_matched(types, query):
    """{type name: Counter(pk: how many of the query's terms the record matches)}."""
    matched_terms = {rt.name: Counter() for rt in types}
    for rt in types:
        for term in query.terms:
            matches = rt.records().filter(pk__in=_term_matches(rt, term, query.language))
            matched_terms[rt.name].update(
                matches.order_by().values_list("pk", flat=True)[:MATERIALISE_LIMIT])
    return matched_terms


def _apply(rt, queryset, facet, values):
    """The queryset narrowed by one facet filter; None if the record type cannot match it."""
    if not facet.applies_to(rt):
        return None
    return facet.database_filter(rt, queryset, values)


class _Search:
    def __init__(self, query):
        self.query = query
        self.types = list(types_in_order())
        self.matched = {rt.name: _matching(rt, query) for rt in self.types}
        self._filtered = {}
        self.relaxed = False

    def _match_only(self, counts, minimum):
        """Match the records that match at least `minimum` terms (counts: _terms_matched)."""
        self.matched = {rt.name: rt.records().filter(pk__in=[
            pk for pk, count in counts[rt.name].items() if count >= minimum])
            for rt in self.types}
        self._filtered = {}

    def relax(self):
        """Match the records that match the most terms (within the filters), when none matches
        them all."""
        counts = _terms_matched(self.types, self.query)
        self._match_only(counts, 1)
        most = max((counts[rt.name][pk] for rt in self.types
                    if (queryset := self.filtered(rt)) is not None
                    for pk in queryset.values_list("pk", flat=True)), default=0)
        self._match_only(counts, max(most, 1))
        self.relaxed = True

    def filtered(self, rt, exclude=None):
        key = (rt.name, exclude)
        if key not in self._filtered:
            queryset = self.matched[rt.name]
            for name, values in self.query.filters.items():
                if name == exclude or queryset is None:
                    continue
                queryset = _apply(rt, queryset, FACETS_BY_NAME[name], values)
            self._filtered[key] = queryset
        return self._filtered[key]

    def facet_counts(self, facet):
        counts = Counter()
        for rt in self.types:
            if not facet.applies_to(rt):
                continue
            queryset = self.filtered(rt, exclude=facet.name)
            if queryset is not None:
                counts.update(facet.database_counts(rt, queryset.order_by()))
        ranked = sorted(((key, count) for key, count in counts.items() if count),
                        key=lambda item: (-item[1], item[0]))
        return ranked[:facet.size]  # the engine's terms aggregation returns as many

    def _ranked(self, rt, queryset):
        query = self.query
        if not query.has_text:
            return queryset.annotate(_rank=Value(3, output_field=IntegerField()))
        exact_ids = set()
        key = compact_key(query.text)
        if rt.vocabulary and key:
            exact_ids = {entry.id for entry in vocabulary(rt.vocabulary).all()
                         if key in entry.keys or fold(query.text) in entry.folded}
        first = query.terms[0]
        exact = Q(**{f"{rt.title_field}__iexact": query.text})
        if exact_ids:
            exact |= Q(pk__in=exact_ids)
        return queryset.annotate(_rank=Case(
            When(exact, then=Value(0)),
            When(_title_has_every_term(rt, query), then=Value(1)),
            When(**{f"{rt.title_field}__istartswith": first}, then=Value(2)),
            default=Value(3), output_field=IntegerField(),
        ))

    def page(self):
        """[(type, pk)] of the requested page, across record types."""
        query = self.query
        wanted = query.offset + query.per_page
        rows = []
        for rt in self.types:
            queryset = self.filtered(rt)
            if queryset is None:
                continue
            queryset = self._ranked(rt, queryset.order_by())
            date_field = rt.date_field
            if query.sort == MADE:
                order = [F(date_field).desc(nulls_last=True)] if date_field else []
            elif query.sort == DEADLINE:
                order = [F(rt.deadline_field).asc(nulls_last=True)] if rt.deadline_field else []
                order += [F(date_field).desc(nulls_last=True)] if date_field else []
            else:
                order = ["_rank"]
            fields = ["pk", "_rank"] + ([date_field] if date_field else [])
            fields += [rt.deadline_field] if rt.deadline_field else []
            for row in queryset.order_by(*order, "-pk").values(*fields)[:wanted]:
                rows.append((self._key(rt, row), rt.name, row["pk"]))
        rows.sort()
        return [(name, pk) for _key, name, pk in rows[query.offset:wanted]]

    def _key(self, rt, row):
        when = None
        if rt.date_field and row.get(rt.date_field):
            value = row[rt.date_field]
            when = value if hasattr(value, "toordinal") else _earliest(value)
        date_key = (0, -when.toordinal()) if when else (1, 0)
        if self.query.sort == MADE:
            return (*date_key, rt.priority, -row["pk"])
        if self.query.sort == DEADLINE:
            due = row.get(rt.deadline_field) if rt.deadline_field else None
            return ((0, due.toordinal()) if due else (1, 0), *date_key, rt.priority, -row["pk"])
        return (row["_rank"], rt.priority, *date_key, -row["pk"])

    def total(self):
        return sum(queryset.count() for rt in self.types
                   if (queryset := self.filtered(rt)) is not None)


def _earliest(value):
    try:
        parsed = parse_or_none(value)
    except ValueError:
        return None
    return parsed.earliest() if parsed else None


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


def _documents(state, keys):
    """The documents of the page's (type, pk) keys, in order, with their highlights."""
    query = state.query
    by_type = {}
    for name, pk in keys:
        by_type.setdefault(name, []).append(pk)
    built = {}
    for rt in state.types:
        if rt.name in by_type:
            for pk, doc in build_documents(rt, by_type[rt.name]).items():
                built[(rt.name, pk)] = doc
    docs = []
    for key in keys:
        if key in built:
            doc = dict(built[key])
            doc["highlight"] = (_highlights(doc, query.terms, query.language)
                                if query.has_text else {})
            docs.append(doc)
    return docs


def search(query):
    """RawResults for a SearchQuery, from the database."""
    state = _Search(query)
    total = state.total()
    suggestion = _suggestion(query) if total == 0 and query.words else ""
    if total == 0 and len(query.terms) > 1:
        state.relax()
        total = state.total()
    facet_counts = {facet.name: state.facet_counts(facet) for facet in FACETS}
    keys = state.page() if total else []
    return RawResults(total=total, docs=_documents(state, keys), facet_counts=facet_counts,
                      suggestion=suggestion, relaxed=state.relaxed and total > 0)


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
