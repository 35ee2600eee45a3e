"""Search facets, each declared once: its URL parameter and label, the document field it reads,
how it filters and counts on the engine and on the database, and how its buckets are shown.

The engine side is plain query DSL (dicts): search.engine wraps it, and stays the only module
that talks to OpenSearch. The database side gives each record its bucket keys (`record_keys`),
read along the same fields and ORM paths the documents are built from, so both backends count
alike: search.table keeps them, search.database filters and counts over them. Adding a facet
is adding one object to FACETS (a `VocabularyFacet` for records named in a vocabulary also
becomes a document field, indexed and returned with hits).
"""

import re

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.localized import reader_language
from core.params import parse_int
from promises.status import SETTLED, Status, is_overdue, overdue_cutoff

from .records import types_in_order
from .vocabularies import vocabulary

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
MAX_VALUE_LENGTH = 100
FLAG_ON, FLAG_OFF = ("yes", "1", "true", "on"), ("no", "0", "false", "off")


def _ordered_by(order, buckets):
    """Buckets in a fixed order of values; values not in it last."""
    return sorted(buckets, key=lambda b: order.index(b.value) if b.value in order else len(order))


class Facet:
    """A terms facet over one document field; subclasses say what the field holds."""

    mapping = None  # the engine mapping of `field`, when the facet owns the field

    def __init__(self, name, label, field, size=30):
        self.name = name  # the URL parameter
        self.label = label
        self.field = field  # the document field (engine) it filters and counts
        self.size = size  # buckets counted (the page shows the first few)

    # Parsing URL values ------------------------------------------------------------------------

    def parse(self, raw_values):
        """(values for the index, values ignored) for the URL values of this facet."""
        values, unknown = [], []
        for raw in raw_values:
            raw = CONTROL_CHARACTERS.sub("", str(raw)).strip()[:MAX_VALUE_LENGTH]
            if not raw:
                continue
            parsed = self.parse_value(raw)
            if parsed is None:
                unknown.append(raw)
            else:
                values.extend(parsed)
        return tuple(dict.fromkeys(values)), unknown

    def parse_value(self, raw):
        """The index values one URL value stands for; None if it names nothing."""
        return [raw] if raw in self.choices() else None

    def choices(self):
        return {}

    # Which records it applies to -------------------------------------------------------------

    def applies_to(self, rt):
        raise NotImplementedError

    # Engine (query DSL as dicts) -------------------------------------------------------------

    def engine_filter(self, values):
        return {"terms": {self.field: list(values)}}

    def engine_aggregation(self):
        return {"terms": {"field": self.field, "size": self.size,
                          "order": [{"_count": "desc"}, {"_key": "asc"}]}}

    def engine_counts(self, aggregation):
        """[(key, count)] from this facet's aggregation result."""
        return [(bucket["key"], bucket["doc_count"])
                for bucket in aggregation.get("buckets", []) if bucket["doc_count"]]

    # Database (search.table) ---------------------------------------------------------------

    def record_keys(self, rt, row, ids_along):
        """The bucket keys of one record (search.table): `row` holds its scalar fields (None
        where the type has none), `ids_along(path)` the ids along an ORM path."""
        raise NotImplementedError

    # Display ---------------------------------------------------------------------------------

    def selected_keys(self, values):
        """The bucket keys of the selected values."""
        return list(values)

    def labels(self, keys):
        """{key: (url value, label, English?)} for the keys that can be shown; English? when
        the label is the English fallback of the reader's language."""
        choices = self.choices()
        return {key: (str(key), str(choices.get(key, key)), False) for key in keys}

    def order(self, buckets):
        return sorted(buckets, key=lambda b: (-b.count, b.label.lower()))


class TypeFacet(Facet):
    """The record type: every document has one."""

    def choices(self):
        return {rt.name: rt.label_plural for rt in types_in_order()}

    def applies_to(self, rt):
        return True

    def record_keys(self, rt, row, ids_along):
        return {rt.name}

    def order(self, buckets):
        return _ordered_by([rt.name for rt in types_in_order()], buckets)


class FieldChoiceFacet(Facet):
    """A choice stored in a field the record type names (`status_field`, `language_field`)."""

    def __init__(self, name, label, field, record_field, choices, size=30, accept=None):
        super().__init__(name, label, field, size)
        self.record_field = record_field  # the RecordType attribute naming the model field
        self._choices = choices
        self.accept = accept  # a pattern of values accepted beyond the choices

    def choices(self):
        return dict(self._choices())

    def parse_value(self, raw):
        if raw in self.choices() or (self.accept and re.fullmatch(self.accept, raw)):
            return [raw]
        return None

    def model_field(self, rt):
        return getattr(rt, self.record_field)

    def applies_to(self, rt):
        return bool(self.model_field(rt))

    def record_keys(self, rt, row, ids_along):
        value = row.get(self.model_field(rt))
        return {value} if value else set()


class StatusFacet(FieldChoiceFacet):
    def order(self, buckets):
        return _ordered_by(list(Status.values), buckets)


class OverdueFacet(Facet):
    """Promises whose deadline has passed unsettled (promises.status.OVERDUE_DEFINITION)."""

    KEY = "yes"

    def choices(self):
        return {self.KEY: _("Overdue")}

    def parse_value(self, raw):
        if raw.lower() in FLAG_ON:
            return [True]
        return [] if raw.lower() in FLAG_OFF else None

    def applies_to(self, rt):
        return bool(rt.status_field and rt.deadline_field)

    def engine_filter(self, values):
        """promises.status's definition as query DSL: deadline before today, not settled."""
        return {"bool": {
            "filter": [{"range": {"deadline_due": {"lt": overdue_cutoff().isoformat()}}}],
            "must_not": [{"terms": {"status": sorted(SETTLED)}}],
        }}

    def engine_aggregation(self):
        return {"filter": self.engine_filter((True,))}

    def engine_counts(self, aggregation):
        count = aggregation.get("doc_count")
        return [(self.KEY, count)] if count else []

    def record_keys(self, rt, row, ids_along):
        overdue = is_overdue(row.get(rt.status_field), row.get(rt.deadline_field))
        return {self.KEY} if overdue else set()

    def selected_keys(self, values):
        return [self.KEY] if values else []


class YearFacet(Facet):
    """The year of the record's date (made, held, published, founded)."""

    FIRST, LAST = 1000, 2999

    def parse_value(self, raw):
        year = parse_int(raw, minimum=self.FIRST, maximum=self.LAST)
        return None if year is None else [year]

    def applies_to(self, rt):
        return bool(rt.date_field)

    def record_keys(self, rt, row, ids_along):
        return {row["year"]} if row.get("year") else set()

    def labels(self, keys):
        return {key: (str(key), str(key), False) for key in keys}

    def order(self, buckets):
        return sorted(buckets, key=lambda b: -int(b.value))


class VocabularyFacet(Facet):
    """Ids of named records (search.vocabularies), reached along the record type's
    `facet_paths[name]`; the facet owns its document field."""

    mapping = {"type": "long"}

    def parse_value(self, raw):
        return vocabulary(self.name).resolve(raw) or None

    def applies_to(self, rt):
        return self.name in rt.facet_paths

    def record_keys(self, rt, row, ids_along):
        return self.document_values(rt, ids_along)

    def labels(self, keys):
        entries = vocabulary(self.name).get(keys)
        language = reader_language()
        return {key: (entry.value, *entry.label_in(language)) for key, entry in entries.items()}

    def document_values(self, rt, ids_along):
        """The facet's document field for one record: `ids_along(path)` gives ids per path."""
        return sorted(set().union(*(ids_along(path) for path in rt.facet_paths.get(self.name, ()))))


FACETS = [
    TypeFacet("type", _("Type"), "type", size=20),
    StatusFacet("status", _("Status"), "status", "status_field", lambda: Status.choices,
                size=20),
    OverdueFacet("overdue", _("Overdue"), "overdue", size=1),
    VocabularyFacet("city", _("City"), "cities"),
    VocabularyFacet("settlement", _("Settlement"), "settlements"),
    VocabularyFacet("promisor", _("Promised by"), "promisors"),
    VocabularyFacet("subject", _("Subject"), "subjects"),
    YearFacet("year", _("Year"), "year"),
    VocabularyFacet("election", _("Election"), "election"),
    FieldChoiceFacet("language", _("Language"), "language", "language_field",
                     lambda: settings.LANGUAGES, size=20, accept=r"[a-z]{2,3}(-[a-z0-9]+)?"),
]
FACETS_BY_NAME = {facet.name: facet for facet in FACETS}
VOCABULARY_FACETS = [facet for facet in FACETS if isinstance(facet, VocabularyFacet)]
