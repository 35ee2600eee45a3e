"""The charts page and the charts' SVG images.

The SVGs are served as images (image/svg+xml) from their own URLs, so pages stay light and the
charts' inline styles never need the pages' Content-Security-Policy loosened: an SVG response
gets a policy of its own that allows its inline styles and nothing else (no script at all)."""

from csp.decorators import csp
from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from wagtail.models import Page

from core.visibility import published

from .charts import CHARTS, record_promises, status_tally_chart

SVG_POLICY = {"default-src": "'none'", "style-src": "'unsafe-inline'"}


def svg_response(chart):
    response = HttpResponse(chart.svg, content_type="image/svg+xml; charset=utf-8")
    patch_cache_control(response, public=True, max_age=settings.EXPORT_CACHE_SECONDS)
    return response


@require_safe
@csp(SVG_POLICY)
def chart_svg(request, name):
    """/charts/<name>.svg: one of the site-wide charts."""
    if name not in CHARTS:
        raise Http404("There is no such chart.")
    return svg_response(CHARTS[name]())


def record_tally(page_id):
    """(page, its status tally chart) for a published city, settlement, person or body."""
    page = get_object_or_404(published(Page.objects.all()), pk=page_id).specific
    promises = record_promises(page)
    if promises is None:
        raise Http404("This record has no promises to chart.")
    return page, status_tally_chart(page.title, promises)


@require_safe
@csp(SVG_POLICY)
def record_chart_svg(request, page_id):
    """/charts/status/<page id>.svg: a record's promises by status."""
    return svg_response(record_tally(page_id)[1])


def charts_page(request):
    """/charts/: the site-wide charts, each with its numbers as a table."""
    charts = [(name, build()) for name, build in CHARTS.items()]
    return render(request, "exports/charts_page.html", {"charts": charts})
