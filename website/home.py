"""What the home page shows: counts by status, latest changes, overdue promises, places."""

from django.db.models import Count, Prefetch

from core.visibility import default_locale, published, published_q
from places.models import CityPage, SettlementPage
from promises.models import PromisePage, StatusChange
from promises.status import Status


def home_context():
    promises = published(PromisePage.objects.all())
    counts = dict(promises.values_list("status").annotate(n=Count("id")).order_by())
    live_settlements = (
        published(SettlementPage.objects.all())
        .annotate(promise_count=Count("promises", filter=published_q("promises")))
        .order_by("title")
    )
    return {
        "status_counts": [(status, counts.get(status.value, 0)) for status in Status],
        "promise_total": sum(counts.values()),
        "overdue_promises": promises.overdue().for_listing().order_by("deadline_due")[:10],
        "latest_changes": default_locale(StatusChange.objects.filter(published_q("promise")))
        .select_related("promise")
        .order_by("-date", "-recorded_at", "-pk")[:10],
        "cities": published(CityPage.objects.all())
        .select_related("country")
        .prefetch_related(Prefetch("settlements", queryset=live_settlements))
        .order_by("title"),
    }
