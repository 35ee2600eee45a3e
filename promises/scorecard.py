"""The scorecard of a list of promises: how many have each status, and how many are overdue."""

from .status import Status


def scorecard(promises):
    """Counts for a list of promises (already fetched: it makes no query)."""
    promises = list(promises)
    counts = dict.fromkeys(Status, 0)
    for promise in promises:
        counts[Status(promise.status)] += 1
    return {
        "total": len(promises),
        "by_status": list(counts.items()),
        "overdue": sum(1 for promise in promises if promise.is_overdue()),
        # What a resident asks first (the settlement page's lead): kept, and broken.
        "kept": counts[Status.KEPT],
        "broken": counts[Status.BROKEN],
    }

