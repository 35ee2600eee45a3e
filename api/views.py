"""The read-only JSON API at /api/v1/, with its OpenAPI 3 description (/api/v1/openapi.json)
and a browsable docs page (/api/v1/docs) served from django-ninja's own static files.

Every list answers one page in a fixed number of queries; ids are those of /record/<id>/ and
every item carries its absolute permalink. Headers (CORS, caching, rate limit, methods) are set
for the whole API by api.middleware.
"""

from urllib.parse import urlencode

from csp.decorators import csp_update
from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Path, Query
from ninja.errors import HttpError, ValidationError
from ninja.openapi.docs import Swagger

from core import page_cache

from . import records
from .params import MAX_ID, Paging, PromiseFilters, StatusChangeFilters
from .promise_filters import promise_filter
from .schemas import (
    BodyOut,
    CityOut,
    Error,
    EventOut,
    NewsItemOut,
    PersonOut,
    PromiseDetailOut,
    PromiseOut,
    SettlementOut,
    SourceOut,
    StatusChangeOut,
    page_of,
)

DESCRIPTION = """Ubada's record of promises to informal settlements, read-only.

Ids are those of the site's permalinks (`/record/<id>/`). Dates are as precise as the sources
give them: `{"date": "2011-03", "precision": "month"}`, never padded to a day. Lists are paged
(`page`, `page_size` up to 100). Only published, public records appear."""

api = NinjaAPI(
    title="Ubada API", version="1", description=DESCRIPTION, urls_namespace="api-v1",
    docs=Swagger(settings={"persistAuthorization": False}),
    # Swagger UI sets styles inline; its scripts still come from the site itself only.
    docs_decorator=csp_update({"style-src": ["'self'", "'unsafe-inline'"]}),
)


@api.exception_handler(ValidationError)
def invalid_parameters(request, error):
    """A parameter the API cannot read: 400 saying which, never a 500 or ninja's 422."""
    detail = [{"parameter": ".".join(str(part) for part in entry.get("loc", ())[1:]),
               "message": str(entry.get("msg", ""))} for entry in error.errors]
    return api.create_response(
        request, {"error": _("Invalid parameters."), "detail": detail}, status=400)


@api.exception_handler(Http404)
def not_found(request, error):
    return api.create_response(
        request, {"error": _("No public record has this id."), "detail": []}, status=404)


@api.exception_handler(HttpError)
def refused(request, error):
    return api.create_response(request, {"error": str(error), "detail": []},
                               status=error.status_code)


def each(item):
    """The items of a page, for `listing`, from a function turning one record into data."""
    return lambda records: [item(record) for record in records]


def listing(request, queryset, items, paging, *filters):
    """One page of `queryset` as `items` turns its records into data, with the addresses of
    the pages before and after it built from the parameters as read (never echoed raw)."""
    query = {}
    for schema in filters:
        for name, value in schema.model_dump(mode="json", exclude_defaults=True).items():
            query[name] = str(value).lower() if isinstance(value, bool) else value
    page_cache.depends_on_query(
        request, [*Paging.model_fields, *(name for f in filters for name in type(f).model_fields)])
    count = queryset.values("pk").count()  # counting ids alone costs a third less
    start = (paging.page - 1) * paging.page_size
    rows = items(queryset[start:start + paging.page_size])

    def address(number):
        params = {**query, "page": number}
        if paging.page_size != Paging.model_fields["page_size"].default:
            params["page_size"] = paging.page_size
        return f"{settings.SITE_URL}{request.path}?{urlencode(params)}"

    return answer(request, {
        "count": count, "page": paging.page, "page_size": paging.page_size,
        "next": address(paging.page + 1) if start + paging.page_size < count else None,
        "previous": address(paging.page - 1) if paging.page > 1 and start - paging.page_size
        < count else None,
        "results": rows,
    })


def answer(request, data):
    """`data` as JSON, without ninja checking it against the operation's schema again: the
    records modules build exactly that shape, schemathesis checks every operation against the
    description in the tests, and the check cost a list more than its queries."""
    return api.create_response(request, data, status=200)


RecordId = Path(..., ge=1, le=MAX_ID)
NOT_FOUND = {404: Error}


@api.get("/promises", response={200: page_of(PromiseOut), 400: Error, **NOT_FOUND},
         tags=["promises"])
def list_promises(request, filters: Query[PromiseFilters], paging: Query[Paging]):
    """Promises, with the filters of the public promise list."""
    queryset = records.promise_rows(promise_filter(filters).apply(records.promises()))
    return listing(request, queryset, records.promise_items, paging, filters)


@api.get("/promises/{promise_id}", response={200: PromiseDetailOut, 400: Error, **NOT_FOUND},
         tags=["promises"])
def get_promise(request, promise_id: int = RecordId):
    """A promise with every status change (from, to, date, rationale, sources)."""
    return answer(request, records.promise_detail(
        get_object_or_404(records.promise_rows(records.promises()), pk=promise_id)))


@api.get("/status-changes", response={200: page_of(StatusChangeOut), 400: Error},
         tags=["promises"])
def list_status_changes(request, filters: Query[StatusChangeFilters], paging: Query[Paging]):
    """Every status transition of every published promise, by promise and date."""
    queryset = records.status_changes()
    if filters.promise:
        queryset = queryset.filter(promise_id=filters.promise)
    return listing(request, queryset, each(records.status_change_item), paging, filters)


def record_endpoints(name, tag, queryset, item, schema):
    """GET /<name> (a paged list) and GET /<name>/{id} (one record) for a kind of record."""

    @api.get(f"/{name}", response={200: page_of(schema), 400: Error}, tags=[tag],
             operation_id=f"list_{name.replace('-', '_')}", summary=f"List {name}")
    def list_records(request, paging: Query[Paging]):
        return listing(request, queryset(), each(item), paging)

    @api.get(f"/{name}/{{record_id}}", response={200: schema, 400: Error, **NOT_FOUND},
             tags=[tag], operation_id=f"get_{name.replace('-', '_')}", summary=f"One of {name}")
    def get_record(request, record_id: int = RecordId):
        return answer(request, item(get_object_or_404(queryset(), pk=record_id)))


record_endpoints("settlements", "places", records.settlements, records.settlement_item,
                 SettlementOut)
record_endpoints("cities", "places", records.cities, records.city_item, CityOut)
record_endpoints("people", "actors", records.people, records.person_item, PersonOut)
record_endpoints("bodies", "actors", records.bodies, records.body_item, BodyOut)
record_endpoints("sources", "evidence", records.sources, records.source_item, SourceOut)
record_endpoints("events", "evidence", records.events, records.event_item, EventOut)
record_endpoints("news-items", "evidence", records.news_items, records.news_item, NewsItemOut)
