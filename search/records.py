"""The record registry: every searchable kind of record, described once for both backends.

A `RecordType` says which model it reads, which rows are public, which fields hold its text,
kind, status, deadline, date and language, the ORM paths to the records it refers to (their
names go into its document's `context`) and to the ids each facet counts, and how a hit of this
type is shown. The engine indexes the documents search.documents builds from it; the database
fallback (search.database) filters the same querysets along the same paths, so the facet counts
agree.

Adding a record type: describe it and register it from your app's `AppConfig.ready()` (the
scrapers' news items are registered this way, from scrapers.search_records); signals, rebuilds,
checks, facets and the database fallback pick it up::

    from search.records import RecordType, register

    register(RecordType(
        name="news", label=_("News item"), label_plural=_("News"), model=NewsItem,
        text_fields=("text",), date_field="published_at", language_field="language",
        context={"settlement": ("settlements",), "city": ("settlements__city",)},
        facet_paths={"settlement": ("settlements",), "city": ("settlements__city",)},
        url_field="url", priority=70,
    ))

`queryset` (default: all rows, or the pages core.visibility.published lets through) decides what
is public. Non-page models are kept in step by post_save/post_delete; pages by Wagtail's
publish/unpublish/move signals and by privacy changes (search.signals).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model
from wagtail.models import Page, TranslatableMixin

from core.visibility import default_locale, published


@dataclass
class RecordType:
    name: str
    label: Any
    label_plural: Any
    model: type[Model]
    priority: int = 50  # order of types when the database ranks equally good matches
    queryset: Callable | None = None  # what is public; default: published pages or every row
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
    # what a hit of this type shows under its title: (label, vocabulary facet name), in order
    details: tuple = ()

    @property
    def is_page(self):
        return issubclass(self.model, Page)

    def records(self):
        """The public records of this type: the ones that are indexed."""
        if self.queryset is not None:
            return self.queryset()
        if self.is_page:
            return published(self.model.objects.all())
        if issubclass(self.model, TranslatableMixin):
            return default_locale(self.model.objects.all())
        return self.model.objects.all()

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

    def scalar_fields(self):
        """The model fields copied into the document as they are."""
        return [name for name in (self.kind_field, self.status_field, self.deadline_field,
                                  self.date_field, self.language_field, self.url_field) if name]


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
