"""The scorecard of a list of promises: how many have each status, and how many are overdue."""

from django.db.models import Count, Q

from .status import Status, is_overdue, overdue_q

SCORED_FIELDS = ("status", "deadline_due")  # what scorecard_of_values reads of each promise


def scorecard(promises):
    """Counts for a list of promises (already fetched: it makes no query)."""
    promises = list(promises)
    counts = dict.fromkeys(Status, 0)
    for promise in promises:
        counts[Status(promise.status)] += 1
    return _card(counts, total=len(promises),
                 overdue=sum(1 for promise in promises if promise.is_overdue()))


def scorecard_of_values(values):
    """The same counts for (status, last day of the deadline) pairs (SCORED_FIELDS), as a
    query for a list's rows reads them: no query of its own."""
    counts = dict.fromkeys(Status, 0)
    for status, _deadline_due in values:
        counts[Status(status)] += 1
    return _card(counts, total=len(values),
                 overdue=sum(1 for status, deadline_due in values
                             if is_overdue(status, deadline_due)))


def scorecard_of(queryset):
    """The same counts for a queryset of promises, in one aggregate query: a record page shows
    the scorecard of all its promises and lists only the most recent, so it never fetches them."""
    counts = queryset.order_by().aggregate(
        total=Count("pk"), overdue=Count("pk", filter=overdue_q()),
        **{status.value: Count("pk", filter=Q(status=status)) for status in Status})
    return _card({status: counts[status.value] for status in Status},
                 total=counts["total"], overdue=counts["overdue"])


def _card(counts, total, overdue):
    return {
        "total": total,
        "by_status": list(counts.items()),
        "overdue": overdue,
        # What a resident asks first (the settlement page's lead): kept, and broken.
        "kept": counts[Status.KEPT],
        "broken": counts[Status.BROKEN],
    }
