"""Helpers for the public pages: fetching what a page shows, and merged timelines."""

from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Prefetch, prefetch_related_objects
from django.db.models.constants import LOOKUP_SEP

from core.partial_dates import sort_key as date_sort_key

# How many promises a record page (city, settlement, person, body) lists, newest first: the
# scorecard counts them all and the promise list, filtered by the record, shows the rest.
RECENT_PROMISES = 20


def prefetch_for_display(page, request, *lookups):
    """Prefetch a page's relations in bulk, except in previews (their rows live in memory).

    Relations reached through foreign keys only ("city", "summary_source__part_of") come in
    one query, joined, rather than one query per step; the others (reverse and many-to-many
    relations, `Prefetch` objects) are prefetched."""
    if getattr(request, "is_preview", False):
        return
    joined = [lookup for lookup in lookups if _is_forward_chain(type(page), lookup)]
    _join_linked(page, [lookup for lookup in joined
                        if _link_of(page, lookup) is not None and not _is_loaded(page, lookup)])
    for lookup in joined:
        if _link_of(page, lookup) is None:  # no link: nothing to fetch
            page._state.fields_cache[lookup.split(LOOKUP_SEP)[0]] = None
    prefetched = [lookup for lookup in lookups if lookup not in joined]
    if prefetched:
        prefetch_related_objects([page], *prefetched)


def _link_of(page, lookup):
    """The id the page's first foreign key of a lookup holds (None: no link)."""
    return getattr(page, page._meta.get_field(lookup.split(LOOKUP_SEP)[0]).attname)


def _is_loaded(record, lookup):
    """Whether every step of a foreign-key lookup is already loaded (select_related by the
    query that fetched the page: core.routing's `route_select_related`)."""
    for name in lookup.split(LOOKUP_SEP):
        if record is None:
            return True
        if name not in record._state.fields_cache:
            return False
        record = record._state.fields_cache[name]
    return True


def _join_linked(page, lookups):
    """Fetch what these foreign-key lookups reach in one joined query."""
    if not lookups:
        return
    fetched = type(page)._base_manager.select_related(*lookups).get(pk=page.pk)
    for name in {lookup.split(LOOKUP_SEP)[0] for lookup in lookups}:
        attname = page._meta.get_field(name).attname
        if getattr(page, attname) == getattr(fetched, attname):  # else: a draft's own link
            page._state.fields_cache[name] = getattr(fetched, name)


def _is_forward_chain(model, lookup):
    """Whether a lookup follows only foreign keys (and one-to-one fields) from `model`."""
    if not isinstance(lookup, str):
        return False
    for name in lookup.split(LOOKUP_SEP):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return False
        if not (field.many_to_one or field.one_to_one) or field.auto_created:
            return False
        model = field.related_model
    return True


@dataclass
class TimelineEntry:
    date: str  # a stored partial date
    kind: str  # "event", "promise" or "status"
    record: object

    ORDER = ("event", "promise", "status")

    def sort_key(self):
        """In true order ("2011" after "February 2011"), undated entries last."""
        return (date_sort_key(self.date), self.ORDER.index(self.kind))


def in_true_order(records):
    """Dated records (events) oldest first, a less precise date after the more precise ones it
    contains; the database's text order would put "2011" before "2011-02"."""
    return sorted(records, key=lambda record: date_sort_key(record.date))


def timeline(promises=(), events=(), status_changes=()):
    """Promises (by the date made), events and status changes in one list, oldest first.

    Undated entries come last.
    """
    entries = [TimelineEntry(promise.made, "promise", promise) for promise in promises]
    entries += [TimelineEntry(event.date, "event", event) for event in events]
    entries += [TimelineEntry(change.date, "status", change) for change in status_changes]
    return sorted(entries, key=TimelineEntry.sort_key)


def with_their_sources(records):
    """Records (events, status changes) with their sources and what each source is part of, in
    two queries rather than three (a source's whole joined to it)."""
    source_model = records.model._meta.get_field("sources").related_model
    return records.prefetch_related(None).prefetch_related(
        Prefetch("sources", queryset=source_model.objects.select_related("part_of")))
