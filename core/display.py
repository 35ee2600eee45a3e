"""Helpers for the public pages: fetching what a page shows, and merged timelines."""

from dataclasses import dataclass

from django.db.models import prefetch_related_objects

from core.partial_dates import sort_key as date_sort_key

# How many promises a record page (city, settlement, person, body) lists, newest first: the
# scorecard counts them all and the promise list, filtered by the record, shows the rest.
RECENT_PROMISES = 20


def prefetch_for_display(page, request, *lookups):
    """Prefetch a page's relations in bulk, except in previews (their rows live in memory)."""
    if not getattr(request, "is_preview", False):
        prefetch_related_objects([page], *lookups)


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

