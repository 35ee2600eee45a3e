"""The API's promise filters turned into promises.filters.PromiseFilter, the one the promise
list and search use, after checking that every record a filter names is public: filtering by
a private settlement's id must not tell which published promises were made to it. A filter
naming no public record is a 404: what it names is not there (the parameter itself is valid)."""

from django.utils.translation import gettext as _
from ninja.errors import HttpError

from actors.models import BodyPage, PersonPage
from chronicle.models import Event
from core.visibility import default_locale, published
from places.models import CityPage, SettlementPage
from promises.filters import PromiseFilter
from promises.models import published_subjects

PUBLIC_RECORDS = {  # filter -> the records it may name
    "city": lambda: published(CityPage.objects.all()),
    "settlement": lambda: published(SettlementPage.objects.all()),
    "election": lambda: default_locale(Event.objects.elections()),
}


def _promisor_exists(pk):
    return (published(PersonPage.objects.filter(pk=pk)).exists()
            or published(BodyPage.objects.filter(pk=pk)).exists())


def _related(filters):
    """{filter name: (id,)} for the related-record filters given, each checked to be public."""
    related = {}
    for name, records in PUBLIC_RECORDS.items():
        pk = getattr(filters, name)
        if pk is not None:
            if not records().filter(pk=pk).exists():
                raise HttpError(404, _("No public %(filter)s has the id %(id)s.")
                                % {"filter": name, "id": pk})
            related[name] = (pk,)
    if filters.promisor is not None:
        if not _promisor_exists(filters.promisor):
            raise HttpError(404, _("No public person or body has the id %(id)s.")
                            % {"id": filters.promisor})
        related["promisor"] = (filters.promisor,)
    if filters.subject is not None:
        subject = published_subjects().filter(slug=filters.subject).values_list("pk", flat=True)
        if not subject:
            raise HttpError(404, _("No subject is called “%(slug)s”.") % {"slug": filters.subject})
        related["subject"] = (subject[0],)
    return related


def promise_filter(filters):
    """The PromiseFilter for the API's validated parameters (api.params.PromiseFilters)."""
    return PromiseFilter(
        statuses=(filters.status,) if filters.status else (),
        related=_related(filters),
        years=(filters.year,) if filters.year else (),
        overdue=filters.overdue,
    )
