"""What the city and settlement pages show beyond their promises, fetched only when the cached
fragment that shows it is missing.

A fragment ({% cache %} in templates/places/) is kept under `fragment_key`: the versions of the
"site" and "lists" scopes and of the record's own scope (core.cache_scopes), the interface
language and the day. Every change the public can see bumps "lists" or "site" (a publish, a
translation published, an event, source or district saved: core.signals), so a kept fragment is
never older than what it shows, and a page whose fragments are kept fetches none of it.
"""

from functools import cached_property

from django.conf import settings
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import get_language

from core.cache_scopes import LISTS, SITE, scope_of, versions
from core.display import prefetch_for_display, timeline, with_their_sources
from core.localized import Translations
from core.partial_dates import sort_key as date_sort_key
from core.visibility import published, published_q

# A settlement's facts: each a row that holds as of a date, on the word of a source.
FACT_RELATIONS = ("legal_statuses", "sizes", "services")


def fact_order(row):
    """Settlement facts oldest first in true order ("2011" after "May 2011"); an undated fact
    first, so it is never taken for the current one."""
    return (bool(row.as_of), date_sort_key(row.as_of))


def fragment_key(record, request):
    """The part of a fragment's cache key that changes when anything it may show changes; in a
    preview (a draft's rows, in memory) a key of its own, never kept (`fragment_seconds`)."""
    if getattr(request, "is_preview", False):
        return "preview"
    tokens = versions([SITE, LISTS, scope_of(record)])
    return ":".join([*tokens.values(), get_language() or "", timezone.localdate().isoformat()])


def fragment_seconds(request):
    """How long a fragment is kept: never in a preview."""
    return 0 if getattr(request, "is_preview", False) else settings.FRAGMENT_CACHE_SECONDS


class Fragments:
    """Shared by the pages' fragment sources: the key and lifetime of their fragments."""

    def __init__(self, page, request):
        self.page = page
        self.request = request

    @cached_property
    def cache_key(self):
        return fragment_key(self.page, self.request)

    @property
    def seconds(self):
        return fragment_seconds(self.request)

    @cached_property
    def translations(self):
        return Translations.for_request(self.request)


class CitySettlements(Fragments):
    """A city's settlements for its table and map: every one, so that a resident finds theirs,
    with its size, legal status and number of promises, in the reader's language. A constant
    number of queries, however many settlements the city has."""

    @cached_property
    def rows(self):
        settlements = (
            published(self.page.settlements.all())
            .annotate(promise_count=models.Count("promises", filter=published_q("promises")))
            .select_related("district", "location_source__part_of")
            .prefetch_related("legal_statuses", "sizes")
            .order_by("title")
        )
        return self.translations.show_all(settlements)


class SettlementDetails(Fragments):
    """A settlement's page below its promises: its summary and facts with their sources, and
    the timeline of its events, its listed promises and their status changes."""

    def __init__(self, page, request, promises):
        super().__init__(page, request)
        self.promises = promises  # the listed promises (a queryset of the page's)

    @cached_property
    def settlement(self):
        """The page with its facts and their sources, in the reader's language."""
        facts = [
            Prefetch(name, queryset=self.page._meta.get_field(name).related_model.objects
                     .select_related("source__part_of"))
            for name in FACT_RELATIONS
        ]
        prefetch_for_display(self.page, self.request, "founded_source__part_of",
                             "location_source__part_of", *facts)
        return self.translations.show_all([self.page])[0]

    @property
    def legal_status_history(self):
        return sorted(self.settlement.legal_statuses.all(), key=fact_order)

    @property
    def size_history(self):
        return sorted(self.settlement.sizes.all(), key=fact_order)

    @property
    def services(self):
        return self.settlement.current_services()

    @property
    def facts(self):
        """Every fact row shown, for the one note on those still in English."""
        return [*self.legal_status_history, *self.size_history, *self.services]

    @cached_property
    def timeline(self):
        events = list(with_their_sources(self.page.events.all()))
        changes = list(with_their_sources(self.promises.status_changes()))
        shown = {"timeline": timeline(self.promises, events, changes)}
        self.translations.show_context(shown)
        return shown["timeline"]
