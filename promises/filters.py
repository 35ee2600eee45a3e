"""What promises can be filtered by, declared once: the promise list (promises.listing) and the
public search (search.record_types, search.facets) read these paths and fields, so "promises to
Ak-Jar" or "promises in Bishkek" select the same promises on both pages."""

from dataclasses import dataclass, field

from django.db.models import Q

from .status import overdue_q

STATUS_FIELD, DEADLINE_FIELD, DATE_FIELD = "status", "deadline_due", "made"
# filter name -> ORM paths from a promise to the ids of the records it names
RELATED_PATHS = {
    "settlement": ("settlements",),
    "city": ("settlements__city",),
    "promisor": ("people", "bodies"),
    "subject": ("subjects",),
    "election": ("election",),
}


def related_q(name, ids, paths=RELATED_PATHS):
    """Promises (or any model with these paths) related to one of `ids` along the paths of the
    filter `name`; "pk" as a path stands for the record itself."""
    q = Q()
    for path in paths[name]:
        q |= Q(pk__in=ids) if path == "pk" else Q(**{f"{path}__in": ids})
    return q


def year_q(years, date_field=DATE_FIELD):
    """Records whose partial date (a "YYYY[-MM[-DD]]" string) falls in one of `years`."""
    q = Q()
    for year in years:
        q |= Q(**{f"{date_field}__startswith": f"{year:04d}"})
    return q


@dataclass(frozen=True)
class PromiseFilter:
    """A typed promise filter: every condition given must hold."""

    statuses: tuple = ()
    related: dict = field(default_factory=dict)  # RELATED_PATHS name -> ids
    years: tuple = ()
    overdue: bool = False

    def apply(self, queryset):
        if self.statuses:
            queryset = queryset.filter(**{f"{STATUS_FIELD}__in": self.statuses})
        for name, ids in self.related.items():
            queryset = queryset.filter(related_q(name, ids))
        if self.years:
            queryset = queryset.filter(year_q(self.years))
        if self.overdue:
            queryset = queryset.filter(overdue_q(status_field=STATUS_FIELD,
                                                 deadline_field=DEADLINE_FIELD))
        return queryset.distinct() if self.related else queryset
