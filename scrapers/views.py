"""The public page of an archived news story: its text, sanitised, never the raw page."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe

from core import page_cache
from core.params import parse_int

from .fetching.articles import sanitise_html
from .models import NewsItem


def news_item(request, pk):
    """An archived story. The public sees the stories cited as sources; editors see all."""
    page_cache.depends_on_query(request, ("version",))
    item = get_object_or_404(NewsItem.objects.select_related("outlet", "source"), pk=pk)
    editor = request.user.is_authenticated and request.user.has_perm(
        "wagtailadmin.access_admin"
    )
    if item.source_id is None and not editor:
        raise Http404
    versions = list(item.versions.only(
        "pk", "number", "fetched_at", "raw_sha256", "raw_size", "title", "html", "text",
        "final_url", "http_status",
    ).order_by("number"))
    shown = versions[-1] if versions else None
    requested = parse_int(request.GET.get("version"), minimum=1)
    if requested is not None:
        shown = next((v for v in versions if v.number == requested), shown)
    # the stored HTML was sanitised when it was archived; sanitise again on the way out
    archived_html = mark_safe(sanitise_html(shown.html)) if shown and shown.html else ""  # noqa: S308
    response = render(request, "scrapers/news_item.html", {
        "item": item,
        "version": shown,
        "versions": versions,
        "archived_html": archived_html,
        "paragraphs": [p for p in (shown.text if shown else item.text).split("\n\n") if p],
        "unpublished_preview": item.source_id is None,
        "canonical_query": f"version={shown.number}" if requested and shown else "",
    })
    response["X-Robots-Tag"] = "noindex"  # a copy of someone else's story: index the original
    return response
