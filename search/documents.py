"""What a searchable record looks like, built from the Django models: the record registry.

Every searchable kind of record is a `RecordType` in `REGISTRY`. One description serves both
backends: the engine indexes the dicts `build_documents` makes, and the database fallback
(search.database) filters the same querysets along the same ORM paths, so the facet counts agree.

A document (one per record, id "<type>-<pk>"):

    type, pk, kind        the record type ("promise", ...), its primary key, its own kind field
    title                 the title
    names                 title and every alias (other_names), for name types
    names_latin           those names transliterated (anyascii), for cross-script matching
    name_keys             phonetic keys of the names (search.names.name_keys)
    body                  the record's own text (summary, promise text and quote, excerpt ...)
    context, context_latin, context_keys
                          names of the records it refers to (a promise's settlements, their
                          cities, the people and bodies who promised, its subjects, election)
    status, deadline_due  promise status and the last day of its deadline (overdue is computed)
    date, date_text, year the record's date (made, held, published, founded) as its earliest day,
                          as stored ("2010-11"), and its year
    cities, settlements, promisors, subjects, election, language   facet values (ids, codes)
    link_page, url        where a result links to, when not the record's own page
    fingerprint           a hash of everything above: check_search_index compares it

Adding a record type (news items from the scrapers, for example): describe it and register it
from your app's `AppConfig.ready()`; signals, rebuilds, checks, facets and the database fallback
pick it up::

    from search.documents import RecordType, register

    register(RecordType(
        name="news", label=_("News item"), label_plural=_("News"), model=NewsItem,
        text_fields=("summary", "body"), date_field="published", language_field="language",
        context={"settlement": ("settlements",), "city": ("settlements__city",)},
        facet_paths={"settlement": ("settlements",), "city": ("settlements__city",)},
        url_field="url", priority=70,
    ))

`queryset` (default: all rows, or live pages) decides what is public. Non-page models are kept
in step by post_save/post_delete; pages by Wagtail's publish/unpublish/move signals.
"""

import datetime
import hashlib
import html
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from core.names import split_names
from core.partial_dates import parse_or_none

from .names import all_keys, latin
from .vocabularies import vocabulary

BODY_LIMIT = 20_000  # characters of a record's own text that are indexed
EXCERPT_LENGTH = 240  # shown under a result when no passage is highlighted


@dataclass
class RecordType:
    name: str
    label: Any
    label_plural: Any
    model: type[Model]
    priority: int = 50  # order of types when the database ranks equally good matches
    queryset: Callable | None = None  # what is public; default: live pages or every row
    title_field: str = "title"
    names_field: str | None = None  # one alias a line (core.names)
    vocabulary: str | None = None  # the vocabulary this record type's names belong to
    text_fields: tuple = ()
    kind_field: str | None = None
    status_field: str | None = None
    deadline_field: str | None = None
    date_field: str | None = None  # a PartialDateField (or a DateField)
    language_field: str | None = None
    url_field: str | None = None  # an external URL to link to
    url_name: str | None = None  # a URL name taking the pk, for records that are not pages
    link_paths: tuple = ()  # for records without a page: link to the first related page
    # vocabulary name -> ORM paths from this model to ids in it (names go into `context`)
    context: dict = field(default_factory=dict)
    # facet name -> ORM paths from this model to the ids the facet counts ("pk" for itself)
    facet_paths: dict = field(default_factory=dict)

    @property
    def is_page(self):
        from wagtail.models import Page

        return issubclass(self.model, Page)

    def records(self):
        """The public records of this type: the ones that are indexed."""
        if self.queryset is not None:
            return self.queryset()
        if self.is_page:
            return self.model.objects.live()
        return self.model.objects.all()

    def has_facet(self, facet):
        return {
            "type": True,
            "status": bool(self.status_field),
            "overdue": bool(self.status_field and self.deadline_field),
            "year": bool(self.date_field),
            "language": bool(self.language_field),
        }.get(facet, facet in self.facet_paths)

    def kind_label(self, value):
        if not self.kind_field or not value:
            return ""
        choices = dict(self.model._meta.get_field(self.kind_field).flatchoices)
        return choices.get(value, value)

    def own_fields(self):
        fields = [self.title_field, *self.text_fields]
        if self.names_field:
            fields.append(self.names_field)
        return fields


REGISTRY: dict[str, RecordType] = {}
_BY_MODEL: dict[type, RecordType] = {}


def register(record_type):
    """Make a kind of record searchable (see the module docstring)."""
    REGISTRY[record_type.name] = record_type
    _BY_MODEL[record_type.model] = record_type
    return record_type


def for_model(model):
    return _BY_MODEL.get(model)


def for_instance(instance):
    record_type = _BY_MODEL.get(type(instance))
    if record_type is None and hasattr(instance, "specific_class"):
        record_type = _BY_MODEL.get(instance.specific_class)
    return record_type


def types_in_order():
    return sorted(REGISTRY.values(), key=lambda rt: rt.priority)


def doc_id(type_name, pk):
    return f"{type_name}-{pk}"


def parse_doc_id(value):
    type_name, _sep, pk = value.rpartition("-")
    return type_name, int(pk)


# Building documents ------------------------------------------------------------------------


def _relations(record_type, pks, paths):
    """{path: {pk: set(ids)}} for ORM paths from the model, in one query per path."""
    result = {}
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
        result[path] = found
    return result


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


def _date(value, zone=None):
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


def build_documents(record_type, pks):
    """{pk: document} for the public records among `pks` (the others are left out)."""
    pks = list(pks)
    if not pks:
        return {}
    rt = record_type
    scalar = [f for f in (rt.kind_field, rt.status_field, rt.deadline_field, rt.date_field,
                          rt.language_field, rt.url_field) if f]
    rows = list(rt.records().filter(pk__in=pks).values("pk", *dict.fromkeys(
        rt.own_fields() + scalar)))
    if not rows:
        return {}
    live = [row["pk"] for row in rows]
    paths = {path for paths in rt.context.values() for path in paths}
    paths |= {path for paths in rt.facet_paths.values() for path in paths}
    paths |= set(rt.link_paths)
    relations = _relations(rt, live, sorted(paths))
    vocabs = {name: vocabulary(name).entries()["by_id"] for name in rt.context}
    zone = timezone.get_current_timezone()
    docs = {}
    for row in rows:
        pk = row["pk"]
        title = row[rt.title_field] or ""
        names = split_names(title, row.get(rt.names_field, "")) if rt.names_field else []
        context_names = []
        for vocab_name, vocab_paths in rt.context.items():
            ids = set().union(*(relations[path].get(pk, set()) for path in vocab_paths))
            known = vocabs[vocab_name]
            for entry_id in sorted(ids):
                if entry_id in known:
                    context_names.extend(known[entry_id].names)
        context_names = list(dict.fromkeys(context_names))
        facets = {
            facet: sorted(set().union(*(relations[path].get(pk, set()) for path in facet_paths)))
            for facet, facet_paths in rt.facet_paths.items()
        }
        earliest, date_text = _date(row.get(rt.date_field), zone) if rt.date_field else (
            None, "")
        deadline = row.get(rt.deadline_field) if rt.deadline_field else None
        link_page = None
        for path in rt.link_paths:
            linked = relations[path].get(pk)
            if linked:
                link_page = min(linked)
                break
        body = "\n".join(filter(None, (_text(row.get(f)) for f in rt.text_fields)))
        doc = {
            "type": rt.name,
            "pk": pk,
            "kind": row.get(rt.kind_field) if rt.kind_field else None,
            "title": title,
            "names": names,
            "names_latin": list(dict.fromkeys(latin(name) for name in names)),
            "name_keys": all_keys(names),
            "body": body,
            "excerpt": _cut(body, EXCERPT_LENGTH),
            "context": context_names,
            "context_latin": list(dict.fromkeys(latin(name) for name in context_names)),
            "context_keys": all_keys(context_names),
            "status": row.get(rt.status_field) if rt.status_field else None,
            "deadline_due": deadline.isoformat() if deadline else None,
            "date": earliest.isoformat() if earliest else None,
            "date_text": date_text,
            "year": earliest.year if earliest else None,
            "cities": facets.get("city", []),
            "settlements": facets.get("settlement", []),
            "promisors": facets.get("promisor", []),
            "subjects": facets.get("subject", []),
            "election": facets.get("election", []),
            "language": row.get(rt.language_field) if rt.language_field else None,
            "link_page": link_page,
            "url": row.get(rt.url_field) if rt.url_field else None,
        }
        doc["fingerprint"] = fingerprint(doc)
        docs[pk] = doc
    return docs


def iter_pk_chunks(record_type, chunk_size=500):
    """The public records' pks in ascending chunks (keyset pagination: no OFFSET)."""
    last = None
    while True:
        queryset = record_type.records().order_by("pk")
        if last is not None:
            queryset = queryset.filter(pk__gt=last)
        chunk = list(queryset.values_list("pk", flat=True)[:chunk_size])
        if not chunk:
            return
        yield chunk
        last = chunk[-1]


def dependents(vocabulary_name, ids):
    """(type, pk) of the records whose `context` names one of `ids` of a vocabulary."""
    found = []
    ids = list(ids)
    if not ids:
        return found
    for rt in REGISTRY.values():
        for path in rt.context.get(vocabulary_name, ()):
            lookup = "pk__in" if path == "pk" else f"{path}__in"
            pks = rt.model.objects.filter(**{lookup: ids}).values_list("pk", flat=True)
            found.extend((rt.name, pk) for pk in pks.distinct())
    return found


# The project's record types ----------------------------------------------------------------


def register_builtin_types():
    from actors.models import BodyPage, PersonPage
    from chronicle.models import Event
    from places.models import CityPage, SettlementPage
    from promises.models import PromisePage
    from sources.models import Source

    register(RecordType(
        name="settlement", label=_("Settlement"), label_plural=_("Settlements"),
        model=SettlementPage, priority=10, names_field="other_names", vocabulary="settlement",
        text_fields=("summary",), date_field="founded",
        context={"city": ("city",)},
        facet_paths={"city": ("city",), "settlement": ("pk",)},
    ))
    register(RecordType(
        name="city", label=_("City"), label_plural=_("Cities"), model=CityPage, priority=20,
        names_field="other_names", vocabulary="city", text_fields=("summary",),
        facet_paths={"city": ("pk",)},
    ))
    register(RecordType(
        name="person", label=_("Person"), label_plural=_("People"), model=PersonPage,
        priority=30, names_field="other_names", vocabulary="promisor", kind_field="kind",
        text_fields=("summary",), facet_paths={"promisor": ("pk",)},
    ))
    register(RecordType(
        name="body", label=_("Body"), label_plural=_("Bodies"), model=BodyPage, priority=40,
        names_field="other_names", vocabulary="promisor", kind_field="kind",
        text_fields=("summary",), context={"city": ("city",)},
        facet_paths={"promisor": ("pk",), "city": ("city",)},
    ))
    promise_context = {
        "settlement": ("settlements",),
        "city": ("settlements__city",),
        "promisor": ("people", "bodies"),
        "subject": ("subjects",),
        "election": ("election",),
    }
    register(RecordType(
        name="promise", label=_("Promise"), label_plural=_("Promises"), model=PromisePage,
        priority=50, text_fields=("text", "quote", "beneficiary_group", "deadline_phrase"),
        status_field="status", deadline_field="deadline_due", date_field="made",
        context=promise_context, facet_paths=promise_context,
    ))
    register(RecordType(
        name="event", label=_("Event"), label_plural=_("Events"), model=Event, priority=60,
        kind_field="kind", text_fields=("summary",), date_field="date",
        link_paths=("settlements", "people", "bodies"),
        context={"settlement": ("settlements",), "city": ("settlements__city",),
                 "promisor": ("people", "bodies")},
        facet_paths={"settlement": ("settlements",), "city": ("settlements__city",)},
    ))
    register(RecordType(
        name="source", label=_("Source"), label_plural=_("Sources"), model=Source, priority=80,
        kind_field="kind", text_fields=("section", "excerpt", "publisher"),
        date_field="published", url_name="source_detail",
    ))
    register_news_items()


def register_news_items():
    """The scrapers' news items, once cited as a source (what the public may see)."""
    from django.apps import apps

    if not apps.is_installed("scrapers"):
        return
    try:
        NewsItem = apps.get_model("scrapers", "NewsItem")  # noqa: N806
    except LookupError:
        return
    fields = {f.name for f in NewsItem._meta.get_fields()}
    if not {"title", "text", "language", "published_at", "source"} <= fields:
        return
    register(RecordType(
        name="news", label=_("News item"), label_plural=_("News"), model=NewsItem,
        priority=70, queryset=lambda: NewsItem.objects.filter(source__isnull=False),
        text_fields=("text", "author") if "author" in fields else ("text",),
        date_field="published_at", language_field="language",
        url_name="news_item", url_field="url" if "url" in fields else None,
    ))
