"""The database fallback's table of public records: what filtering, counting and ordering read.

For every public record of every type (search.records) the table holds its facets' bucket keys,
its title (for ranking), its dates and its translation key, read in one query per type and one
per ORM path, and kept per process for as long as the data's version holds (search.versions).
A search then filters, counts its facets and orders its page in Python, without a query per
facet, bucket or record type; only matching the text asks the database (search.database), in
one query. The documents of the hits shown are built once and kept in the same table.

The table is the same data the engine's documents carry (search.documents reads the same paths),
so both backends count alike.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone
from wagtail.models import PageViewRestriction

from .documents import build_documents, record_date
from .facets import FACETS
from .records import types_in_order
from .versions import PerVersion


@dataclass
class Row:
    """One public record, as filtering, counting and ordering need it."""

    pk: int
    title: str  # case-folded
    when: datetime.date | None  # the record's date (its earliest day)
    due: datetime.date | None  # the last day of its deadline
    translation_key: object = None
    keys: dict = field(default_factory=dict)  # facet name -> frozenset of bucket keys


@dataclass
class TypeTable:
    """The public records of one record type, by pk."""

    rt: object
    rows: dict  # pk -> Row
    by_translation_key: dict  # translation key -> pk (translatable types)


def _paths(rt):
    return sorted({path for paths in rt.facet_paths.values() for path in paths} - {"pk"})


def _ids_by_path(rt, paths):
    """{path: {pk: set(ids)}} over every record of the type, one query per path."""
    found = {}
    for path in paths:
        by_pk = defaultdict(set)
        for pk, value in rt.model.objects.order_by().values_list("pk", path):
            if value is not None:
                by_pk[pk].add(value)
        found[path] = by_pk
    return found


def _fields(rt):
    fields = dict.fromkeys([rt.title_field, *rt.scalar_fields()])
    if rt.translatable:
        fields["translation_key"] = None
    return list(fields)


def _row(rt, values, ids_by_path, facets, zone):
    pk = values["pk"]
    when, _text = record_date(values[rt.date_field], zone) if rt.date_field else (None, "")
    values["year"] = when.year if when else None

    def ids_along(path):
        return {pk} if path == "pk" else ids_by_path[path].get(pk, set())

    due = values.get(rt.deadline_field) if rt.deadline_field else None
    return Row(pk=pk, title=(values[rt.title_field] or "").casefold(), when=when, due=due,
               translation_key=values.get("translation_key"),
               keys={facet.name: frozenset(facet.record_keys(rt, values, ids_along))
                     for facet in facets})


def _type_table(rt, zone):
    ids_by_path = _ids_by_path(rt, _paths(rt))
    facets = [facet for facet in FACETS if facet.applies_to(rt)]
    rows = {}
    for values in rt.records().order_by().values("pk", *_fields(rt)):
        rows[values["pk"]] = _row(rt, values, ids_by_path, facets, zone)
    by_translation_key = {row.translation_key: pk for pk, row in rows.items()
                          if row.translation_key is not None}
    return TypeTable(rt, rows, by_translation_key)


class Table:
    """Every record type's TypeTable, the paths of private sections, and built documents."""

    def __init__(self):
        zone = timezone.get_current_timezone()
        self.today = timezone.localdate()  # the overdue facet's keys hold for this day
        self.types = {rt.name: _type_table(rt, zone) for rt in types_in_order()}
        self.restricted_paths = list(
            PageViewRestriction.objects.order_by().values_list("page__path", flat=True))
        self._documents = {}

    def documents(self, rt, pks):
        """{pk: SearchDocument} for public records of a type, each built once."""
        missing = [pk for pk in pks if (rt.name, pk) not in self._documents]
        if missing:
            built = build_documents(rt, missing)
            for pk in missing:
                self._documents[(rt.name, pk)] = built.get(pk)
        return {pk: doc for pk in pks if (doc := self._documents[(rt.name, pk)]) is not None}


_TABLE = PerVersion(Table)


def table():
    """The current Table (rebuilt when the data or the day changed)."""
    current = _TABLE.get()
    if current.today != timezone.localdate():
        _TABLE.clear()
        current = _TABLE.get()
    return current


def clear():
    _TABLE.clear()
