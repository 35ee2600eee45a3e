"""The site's own searchable record types, registered by SearchConfig.ready().

Other apps register theirs from their own `ready()` (scrapers.search_records for news items).
"""

from django.utils.translation import gettext_lazy as _

from actors.models import BodyPage, PersonPage
from chronicle.models import Event
from places.models import CityPage, SettlementPage
from promises.filters import DATE_FIELD, DEADLINE_FIELD, RELATED_PATHS, STATUS_FIELD
from promises.models import PromisePage
from sources.models import Source

from .records import RecordType, register

BY, TO, CITY = _("By"), _("To"), _("City")


def register_builtin_types():
    register(RecordType(
        name="settlement", label=_("Settlement"), label_plural=_("Settlements"),
        model=SettlementPage, priority=10, names_field="other_names", vocabulary="settlement",
        text_fields=("summary",), date_field="founded",
        context={"city": ("city",)},
        facet_paths={"city": ("city",), "settlement": ("pk",)}, details=((CITY, "city"),),
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
        facet_paths={"promisor": ("pk",), "city": ("city",)}, details=((CITY, "city"),),
    ))
    register(RecordType(
        name="promise", label=_("Promise"), label_plural=_("Promises"), model=PromisePage,
        priority=50, text_fields=("text", "quote", "beneficiary_group", "deadline_phrase"),
        status_field=STATUS_FIELD, deadline_field=DEADLINE_FIELD, date_field=DATE_FIELD,
        # the promise list's filters (promises.filters), so both pages select alike
        context=RELATED_PATHS, facet_paths=RELATED_PATHS,
        details=((BY, "promisor"), (TO, "settlement")),
    ))
    register(RecordType(
        name="event", label=_("Event"), label_plural=_("Events"), model=Event, priority=60,
        kind_field="kind", text_fields=("summary",), date_field="date",
        link_paths=("settlements", "people", "bodies"),
        context={"settlement": ("settlements",), "city": ("settlements__city",),
                 "promisor": ("people", "bodies")},
        facet_paths={"settlement": ("settlements",), "city": ("settlements__city",)},
        details=((CITY, "city"),),
    ))
    register(RecordType(
        name="source", label=_("Source"), label_plural=_("Sources"), model=Source, priority=80,
        kind_field="kind", text_fields=("section", "excerpt", "publisher"),
        date_field="published", url_name="source_detail",
    ))
