from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from wagtail import views as wagtail_views
from wagtail.models import Locale, Page
from wagtail.url_routing import RouteResult

from .localized import default_language
from .partial_dates import TYPED_MAX_LENGTH, describe, parse_typed
from .routing import route_start
from .scoped_cache import site_for_request
from .templatetags.ubada_tags import local_url
from .tombstones import tombstone_for, tombstone_response
from .visibility import published


def canonical_id(page_id):
    """The id of the canonical (default-locale) record of the page `page_id`: a translation's
    permalink leads to its record, shown in the reader's language."""
    page = Page.objects.filter(pk=page_id).select_related("locale").first()
    if page is None or page.locale.language_code == default_language():
        return page_id
    canonical = page.get_translation_or_none(Locale.get_default())
    return canonical.pk if canonical is not None else page_id


def permalink(request, page_id):
    """/record/<id>/: a link that survives renaming or moving the page it points to, and its
    retraction or removal (410 with the tombstone, never a silent 404). It keeps the language
    it is asked in: /ru/record/<id>/ lands on the Russian page, whichever locale's id it names."""
    record_id = canonical_id(page_id)
    page = published(Page.objects.all()).filter(pk=record_id).first()
    if page is None:
        tombstone = tombstone_for(record_id)
        if tombstone is None:
            raise Http404
        return tombstone_response(request, tombstone)
    url = local_url(page, request)
    if not url:  # the tree's root, and pages outside every site, have no address
        raise Http404
    return redirect(url, permanent=False)


def canonical_route(request, path):
    """The route to a page through the canonical (English) tree, in every language: lists and
    relations come from the canonical record, its translation only gives the text
    (core.localized), and a page without a translation still answers under /ru/. A path that
    only a translation's own slugs spell leads to its canonical record. The page is found in
    one query where core.routing knows the address, by Wagtail's walk otherwise."""
    site = site_for_request(request)
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    try:
        start, left = route_start(request, site, components)
        return start.route(request, left)
    except Http404:
        pass
    try:
        translation = site.root_page.localized.specific.route(request, components)[0]
    except Http404:
        return None
    canonical = translation.get_translation_or_none(Locale.get_default())
    if canonical is None:
        return None
    try:
        return canonical.specific.route(request, [])
    except Http404:
        return None


def serve(request, path):
    """Wagtail's page view, routed by `canonical_route` (Wagtail keeps the route it is given)."""
    route = canonical_route(request, path)
    if route is not None and not isinstance(route, RouteResult):
        route = RouteResult(*route)
    request._wagtail_route_for_request = route
    return wagtail_views.serve(request, path)


def partial_date_understood(request):
    """What a typed partial date was understood as, for the admin's date inputs (JSON).

    Registered under /admin/ (core.wagtail_hooks), so only signed-in editors reach it.
    """
    value = request.GET.get("value", "")[: TYPED_MAX_LENGTH + 1]
    answer = {"value": value, "understood": "", "error": ""}
    if value.strip():
        try:
            answer["understood"] = describe(parse_typed(value))
        except ValidationError as refused:
            answer["error"] = " ".join(refused.messages)
    return JsonResponse(answer)
