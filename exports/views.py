"""The public downloads: promises and status changes as CSV (all, or those the promise list's
filters select), the data package, and the page that documents them."""

import hashlib

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_safe

from core.cache_scopes import LISTS, versions
from core.limits import limit_rate
from core.page_cache import normalised_query
from core.visibility import published
from promises.listing import PromiseFilterForm, filter_promises
from promises.models import PromisePage

from .columns import PROMISE_COLUMNS, STATUS_CHANGE_COLUMNS
from .csv_stream import csv_pieces
from .datapackage import ARCHIVE_NAME, RESOURCES
from .rows import promise_rows, status_change_rows

TABLES = {  # the name in the URL -> (columns, rows of the promises selected)
    "promises": (PROMISE_COLUMNS, promise_rows),
    "status-changes": (STATUS_CHANGE_COLUMNS, status_change_rows),
}
FILTERS = tuple(PromiseFilterForm.base_fields)
# Parameters read besides the filters: the byte-order mark, and the list's own page number,
# which a link copied from the list may carry and which means nothing for a download.
OPTIONS = ("bom", "page")
BOM_VALUES = {"0": False, "1": True}


class BadParameters(ValueError):
    """The query asks for something the export does not understand; the message says what."""


def read_query(query):
    """(promise filter data, bom) from a request's query, or BadParameters saying what is wrong:
    a download is fetched by scripts, which are better told than silently given everything."""
    unknown = sorted(set(query) - set(FILTERS) - set(OPTIONS))
    if unknown:
        raise BadParameters(_("Unknown parameter(s): %(names)s. This download reads %(known)s.")
                            % {"names": ", ".join(unknown), "known": ", ".join(FILTERS + OPTIONS)})
    if query.get("bom", "0") not in BOM_VALUES:
        raise BadParameters(_("bom must be 0 or 1."))
    form = PromiseFilterForm({name: query[name] for name in FILTERS if name in query})
    data = form.valid_data()
    if form.errors:
        problems = "; ".join(f"{name}: {' '.join(errors)}" for name, errors in form.errors.items())
        raise BadParameters(_("Some filters are not valid: %(problems)s") % {"problems": problems})
    return data, BOM_VALUES[query.get("bom", "0")]


def export_etag(request, table):
    """Changes with every content change (the "lists" scope of core.cache_scopes) and with the
    query."""
    query = normalised_query(request.GET, [*FILTERS, "bom"])
    digest = hashlib.sha256(f"{table}?{query}".encode()).hexdigest()[:16]
    return f"{versions([LISTS])[LISTS]}-{digest}"


@require_safe
@limit_rate("export")
@condition(etag_func=export_etag)
def export_csv(request, table):
    """/data/<table>.csv: every published promise (or status change) the filters select."""
    columns, rows = TABLES[table]
    try:
        data, bom = read_query(request.GET)
    except BadParameters as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    promises = filter_promises(published(PromisePage.objects.all()), data)
    response = StreamingHttpResponse(csv_pieces(columns, rows(promises), bom=bom),
                                     content_type="text/csv; charset=utf-8")
    name = f"ubada-{table}{'-filtered' if data else ''}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    patch_cache_control(response, public=True, max_age=settings.EXPORT_CACHE_SECONDS)
    return response


@require_safe
@limit_rate("export")
def datapackage_archive(request):
    """/data/ubada-datapackage.zip: the last package `build_datapackage` made."""
    if not default_storage.exists(ARCHIVE_NAME):
        return HttpResponse(_("The data package has not been built yet. Please try again later."),
                            status=404, content_type="text/plain; charset=utf-8")
    response = FileResponse(default_storage.open(ARCHIVE_NAME), as_attachment=True,
                            filename="ubada-datapackage.zip", content_type="application/zip")
    patch_cache_control(response, public=True, max_age=settings.EXPORT_CACHE_SECONDS)
    return response


def data_page(request):
    """/data/: what can be downloaded, under which licence, and what every column means."""
    tables = [(name, columns) for name, (columns, _rows) in TABLES.items()]
    return render(request, "exports/data_page.html", {
        "tables": tables, "filters": FILTERS, "resources": RESOURCES,
        "package_built": default_storage.exists(ARCHIVE_NAME),
    })
