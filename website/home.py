"""What the home page shows: counts by status, latest changes, overdue promises, places."""

from django.conf import settings
from django.db.models import Count, F, Prefetch, Window
from django.db.models.functions import RowNumber

from core.cache_scopes import LISTS, SITE, versions
from core.localized import Translations
from core.visibility import default_locale, published, published_q
from places.models import CityPage, SettlementPage
from promises.models import PromisePage, StatusChange
from promises.rows import ROW_FIELDS, promise_rows
from promises.status import Status

OVERDUE_SHOWN = 10
SETTLEMENTS_SHOWN = 8  # per city, those with the most promises; the city's page lists them all


def home_context(request):
    promises = published(PromisePage.objects.all())
    counts = dict(promises.values_list("status").annotate(n=Count("id")).order_by())
    overdue = promises.overdue().order_by("deadline_due", "pk").values_list(*ROW_FIELDS)
    return {
        "status_counts": [(status, counts.get(status.value, 0)) for status in Status],
        "promise_total": sum(counts.values()),
        "overdue_rows": promise_rows(request, overdue[:OVERDUE_SHOWN]),
        "latest_changes": default_locale(StatusChange.objects.filter(published_q("promise")))
        .select_related("promise")
        .order_by("-date", "-recorded_at", "-pk")[:10],
        # Counting every settlement's promises grows with the promises: the section is
        # rendered once per publish and language ({% cache %} on `places_version`), and the
        # cities read (through their translations) only when it is rendered.
        "places_version": ":".join(versions([SITE, LISTS]).values()),
        "fragment_seconds": settings.FRAGMENT_CACHE_SECONDS,
        "shown_cities": lambda: Translations().show_all(
            cities_with_their_biggest_settlements()),
    }


def cities_with_their_biggest_settlements():
    """The cities, each with its number of settlements and (as `settlements`, prefetched) the
    SETTLEMENTS_SHOWN of them with the most promises: the home page stays the same size however
    many settlements are recorded."""
    ranked = (
        published(SettlementPage.objects.all())
        .annotate(promise_count=Count("promises", filter=published_q("promises")))
        .annotate(rank=Window(RowNumber(), partition_by=F("city_id"),
                              order_by=(F("promise_count").desc(), F("title").asc())))
        .filter(rank__lte=SETTLEMENTS_SHOWN)
        .order_by("-promise_count", "title")
    )
    return (published(CityPage.objects.all())
            .select_related("country")
            .annotate(settlement_count=Count("settlements", filter=published_q("settlements")))
            .prefetch_related(Prefetch("settlements", queryset=ranked))
            .order_by("title"))
