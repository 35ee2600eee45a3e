"""What the home page shows: counts by status, latest changes, overdue promises, places."""

from django.db.models import Count, Prefetch, Q

from places.models import CityPage, SettlementPage
from promises.models import PromisePage, StatusChange
from promises.status import Status


def home_context():
    promises = PromisePage.objects.live()
    counts = dict(promises.values_list("status").annotate(n=Count("id")).order_by())
    live_settlements = (
        SettlementPage.objects.live()
        .annotate(promise_count=Count("promises", filter=Q(promises__live=True)))
        .order_by("title")
    )
    return {
        "status_counts": [(status, counts.get(status.value, 0)) for status in Status],
        "promise_total": sum(counts.values()),
        "overdue_promises": promises.overdue().for_listing().order_by("deadline_due")[:10],
        "latest_changes": StatusChange.objects.filter(promise__live=True)
        .select_related("promise")
        .order_by("-date", "-recorded_at", "-pk")[:10],
        "cities": CityPage.objects.live()
        .select_related("country")
        .prefetch_related(Prefetch("settlements", queryset=live_settlements))
        .order_by("title"),
    }
