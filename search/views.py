"""The public search page and the autocomplete endpoint. Query building lives elsewhere:
request.GET → search.query.parse_query → search.service.run → template."""

import logging

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core import page_cache
from core.limits import limit_rate

from . import service
from .facets import FACETS_BY_NAME
from .query import MAX_QUERY_LENGTH, SORTS, parse_query

logger = logging.getLogger("ubada.search")
# What parse_query reads: the search page is cached per these parameters, any other is ignored.
QUERY_PARAMETERS = ("q", "sort", "page", *FACETS_BY_NAME)


@require_safe
@limit_rate("search")
def search(request):
    page_cache.depends_on_query(request, QUERY_PARAMETERS)
    query = parse_query(request.GET)
    try:
        results = service.run(query)
    except Exception:  # the engine's failures fall back already; this is the last resort
        logger.exception("search failed for %r", request.GET.urlencode()[:300])
        results = service.SearchPage(
            query=query, backend=service.DATABASE, total=0, hits=[], facets=[],
            messages=[*query.messages, _("The search failed; please try again later.")],
            degraded=True)
    query = results.query
    context = {
        "query": query,
        "results": results,
        "sorts": list(SORTS.items()),
        "canonical_query": query.url_params(),  # for the language links
        "max_query_length": MAX_QUERY_LENGTH,
        "first_number": query.offset + 1,
        "previous_url": query.url_params(page=query.page - 1 if query.page > 2 else None),
        "next_url": query.url_params(page=query.page + 1),
        "active_filter_count": sum(len(values) for values in query.params.values()),
        "clear_filters_url": query.url_params(**dict.fromkeys(query.params),
                                              page=None),
        "suggestion_url": query.url_params(q=results.suggestion, page=None)
        if results.suggestion else "",
    }
    response = render(request, "search/search.html", context)
    return page_cache.mark_degraded(response) if results.degraded else response


@require_safe
@limit_rate("autocomplete")
def autocomplete(request):
    text = request.GET.get("q", "")
    try:
        items, backend = service.autocomplete(text)
    except Exception:  # suggestions are optional: never an error page for them
        logger.exception("autocomplete failed")
        items, backend = [], service.DATABASE
    response = JsonResponse({"query": text[:60], "results": items, "backend": backend},
                            json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "private, max-age=60"  # labels follow the reader's language
    return response
