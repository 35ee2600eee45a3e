"""The public corrections log (/corrections/), built in promises.corrections."""

from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import render

from core import page_cache
from core.localized import Translations
from core.params import clamp_page, parse_int

from .corrections import attach_promises, corrections_log

PER_PAGE = 25


def corrections(request):
    """Every correction to the public record, newest first, a page at a time."""
    page_cache.depends_on_query(request, ("page",))
    paginator = Paginator(corrections_log(), PER_PAGE)
    page_obj = paginator.get_page(clamp_page(parse_int(request.GET.get("page")) or 1,
                                             paginator.num_pages))
    attach_promises(page_obj.object_list)
    translations = Translations.for_request(request)  # the promises in the reader's language
    translations.load([entry.promise for entry in page_obj.object_list])
    for entry in page_obj.object_list:
        entry.promise = translations.show(entry.promise)
    return render(request, "promises/corrections.html", {
        "page_obj": page_obj,
        "entries": page_obj.object_list,
        "canonical_params": QueryDict(),
        "canonical_query": f"page={page_obj.number}" if page_obj.number > 1 else "",
    })
