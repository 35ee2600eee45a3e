"""What a searchable record looks like in the index: `SearchDocument`, built from the models.

One document per public record (id "<type>-<pk>", see search.records), built the same way for
a rebuild, an edit and the database fallback's results:

    type, pk, kind        the record type ("promise", ...), its primary key, its own kind field
    title                 the title
    names                 title and every alias (other_names), for name types
    names_latin           those names transliterated (anyascii), for cross-script matching
    name_keys             phonetic keys of the names (search.names.name_keys)
    body, excerpt         the record's own text (summary, promise text and quote ...), its start
    context, context_latin, context_keys
                          names of the records it refers to (a promise's settlements, their
                          cities, the people and bodies who promised, its subjects, election)
    status, deadline_due  promise status and the last day of its deadline (overdue is computed)
    date, date_text, year the record's date (made, held, published, founded) as its earliest day,
                          as stored ("2010-11"), and its year
    language              the record's language code
    link_page, url        where a result links to, when not the record's own page
    ru, ky, kk            the record in each translated content language (records.TRANSLATED_
                          LANGUAGES): {title, body, excerpt}, from its live translation where
                          there is one, else the English text; a name type's translated titles
                          join its `names`
    translated            the languages the record has a live translation in
    <facet fields>        one per search.facets.VocabularyFacet: ids of the named records
                          (cities, settlements, promisors, subjects, election)
    fingerprint           a hash of everything above: check_search_index compares it
"""

import datetime
import hashlib
import html
import json
from collections import defaultdict
from typing import TypedDict

from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.models import Page

from core.names import split_names
from core.partial_dates import parse_or_none
from core.visibility import published

from .facets import VOCABULARY_FACETS
from .names import all_keys, latin
from .records import TRANSLATED_LANGUAGES
from .vocabularies import vocabulary

BODY_LIMIT = 20_000  # characters of a record's own text that are indexed
EXCERPT_LENGTH = 240  # shown under a result when no passage is highlighted


class SearchDocument(TypedDict, total=False):
    """A record as indexed; the facet fields (lists of ids) are added by their facets."""

    type: str
    pk: int
    kind: str | None
    title: str
    names: list[str]
    names_latin: list[str]
    name_keys: list[str]
    body: str
    excerpt: str
    context: list[str]
    context_latin: list[str]
    context_keys: list[str]
    status: str | None
    deadline_due: str | None
    date: str | None
    date_text: str
    year: int | None
    language: str | None
    link_page: int | None
    url: str | None
    translated: list[str]
    ru: "LocalText"
    ky: "LocalText"
    kk: "LocalText"
    fingerprint: str


class LocalText(TypedDict):
    """A record's text in one translated language (the English text where untranslated)."""

    title: str
    body: str
    excerpt: str


# What a hit needs from its document (the engine returns only these, and the facet fields).
RESULT_FIELDS = ("type", "pk", "kind", "title", "names", "excerpt", "status", "deadline_due",
                 "date_text", "year", "language", "link_page", "url", "translated",
                 *(f"{language}.{name}" for language in TRANSLATED_LANGUAGES
                   for name in ("title", "excerpt")))


def _text(value):
    text = str(value or "")
    if "<" in text:
        text = strip_tags(text)
    if "&" in text:
        text = html.unescape(text)
    return _cut(text.replace("\xa0", " ").strip(), BODY_LIMIT)


def _cut(text, limit):
    """The text up to `limit` characters, cut after a word, with "…" if something was cut."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip() + "…"


def record_date(value, zone=None):
    """(earliest day, text as stored) for a partial date string, a date or a datetime."""
    if not value:
        return None, ""
    if isinstance(value, datetime.datetime):
        aware = value.tzinfo is not None
        value = value.astimezone(zone or timezone.get_current_timezone()) if aware else value
        value = value.date()
    if isinstance(value, datetime.date):
        return value, value.isoformat()
    try:
        parsed = parse_or_none(value)
    except ValueError:
        return None, str(value)
    return (parsed.earliest() if parsed else None), str(value)


def fingerprint(doc):
    payload = json.dumps({k: v for k, v in doc.items() if k != "fingerprint"},
                         sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha1(payload.encode(), usedforsecurity=False).hexdigest()


class _Relations:
    """{path: {pk: set(ids)}} for a chunk of records, read in one query per ORM path, and the
    published pages among those a result may link to (one query more)."""

    def __init__(self, record_type, pks, paths):
        self.by_path = {}
        for path in paths:
            found = defaultdict(set)
            if path == "pk":
                for pk in pks:
                    found[pk].add(pk)
            else:
                rows = record_type.model.objects.filter(pk__in=pks).values_list("pk", path)
                for pk, value in rows:
                    if value is not None:
                        found[pk].add(value)
            self.by_path[path] = found
        linked = {page_id for path in record_type.link_paths
                  for ids in self.by_path[path].values() for page_id in ids}
        self.linkable = set(published(Page.objects.filter(pk__in=linked))
                            .values_list("pk", flat=True)) if linked else set()

    def ids(self, path, pk):
        return self.by_path[path].get(pk, set())


def _paths(rt):
    """Every ORM path a record type's documents read."""
    paths = {path for paths in rt.context.values() for path in paths}
    paths |= {path for paths in rt.facet_paths.values() for path in paths}
    return sorted(paths | set(rt.link_paths))


def _context_names(rt, relations, vocabularies, pk):
    """The names of the records this one refers to, in a stable order without repeats."""
    names = []
    for vocab_name, vocab_paths in rt.context.items():
        ids = set().union(*(relations.ids(path, pk) for path in vocab_paths))
        known = vocabularies[vocab_name]
        for entry_id in sorted(ids):
            if entry_id in known:
                names.extend(known[entry_id].names)
    return list(dict.fromkeys(names))


def _link_page(rt, relations, pk):
    for path in rt.link_paths:
        linked = relations.ids(path, pk) & relations.linkable
        if linked:
            return min(linked)
    return None


def _body(rt, row):
    return "\n".join(filter(None, (_text(row.get(f)) for f in rt.text_fields)))


def _translations(rt, rows):
    """{canonical pk: {language: row of its live translation}} for rows of a record type."""
    if not rt.translatable:
        return {}
    pks = {row["translation_key"]: row["pk"] for row in rows}
    found = defaultdict(dict)
    for row in (rt.translations().filter(translation_key__in=list(pks))
                .values("pk", "translation_key", "locale__language_code",
                        *rt.translated_fields())):
        found[pks[row["translation_key"]]][row["locale__language_code"]] = row
    return found


def _local_texts(rt, title, body, translations):
    """{language: LocalText}: each translated language's text, the English where untranslated."""
    texts = {}
    for language in TRANSLATED_LANGUAGES:
        row = translations.get(language)
        local_title = (row[rt.title_field] or title) if row else title
        local_body = (_body(rt, row) or body) if row else body
        texts[language] = LocalText(title=local_title, body=local_body,
                                    excerpt=_cut(local_body, EXCERPT_LENGTH))
    return texts


def _names(rt, row, translations):
    """A name type's names: the title, its aliases and its translations' titles."""
    if not rt.names_field:
        return []
    title = row[rt.title_field] or ""
    names = split_names(title, row.get(rt.names_field, ""))
    translated = [t[rt.title_field] for t in translations.values() if t[rt.title_field]]
    return list(dict.fromkeys(names + translated))


def _document(rt, row, relations, vocabularies, zone, translations):
    """The SearchDocument of one row (read with .values()) of a record type."""
    pk = row["pk"]
    title = row[rt.title_field] or ""
    names = _names(rt, row, translations)
    context_names = _context_names(rt, relations, vocabularies, pk)
    earliest, date_text = record_date(row[rt.date_field], zone) if rt.date_field else (None, "")
    deadline = row[rt.deadline_field] if rt.deadline_field else None
    body = _body(rt, row)
    doc = SearchDocument(
        type=rt.name, pk=pk, kind=row[rt.kind_field] if rt.kind_field else None, title=title,
        names=names, names_latin=list(dict.fromkeys(latin(name) for name in names)),
        name_keys=all_keys(names), body=body, excerpt=_cut(body, EXCERPT_LENGTH),
        context=context_names,
        context_latin=list(dict.fromkeys(latin(name) for name in context_names)),
        context_keys=all_keys(context_names),
        status=row[rt.status_field] if rt.status_field else None,
        deadline_due=deadline.isoformat() if deadline else None,
        date=earliest.isoformat() if earliest else None, date_text=date_text,
        year=earliest.year if earliest else None,
        language=row[rt.language_field] if rt.language_field else None,
        link_page=_link_page(rt, relations, pk),
        url=row[rt.url_field] if rt.url_field else None,
        translated=sorted(translations),
        **_local_texts(rt, title, body, translations),
    )
    for facet in VOCABULARY_FACETS:
        doc[facet.field] = facet.document_values(rt, lambda path: relations.ids(path, pk))
    doc["fingerprint"] = fingerprint(doc)
    return doc


def build_documents(record_type, pks):
    """{pk: document} for the public records among `pks` (the others are left out)."""
    pks = list(pks)
    if not pks:
        return {}
    rt = record_type
    fields = dict.fromkeys(rt.own_fields() + rt.scalar_fields())
    if rt.translatable:
        fields["translation_key"] = None
    rows = list(rt.records().filter(pk__in=pks).values("pk", *fields))
    if not rows:
        return {}
    relations = _Relations(rt, [row["pk"] for row in rows], _paths(rt))
    vocabularies = {name: vocabulary(name).entries()["by_id"] for name in rt.context}
    zone = timezone.get_current_timezone()
    translations = _translations(rt, rows)
    return {row["pk"]: _document(rt, row, relations, vocabularies, zone,
                                 translations.get(row["pk"], {}))
            for row in rows}
