"""Whole-page cache for anonymous visitors, keyed by the content version.

An uncached Wagtail page costs 30-60 ms of Python; a cached one costs one small query. Only
plain anonymous GETs of public pages are cached, and never a response that sets a cookie or
varies by cookie (forms with CSRF tokens, sessions).
"""

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import has_vary_header

from .models import ContentVersion

SKIPPED_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/static/", "/media/", "/i18n/")


def _cacheable_request(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(SKIPPED_PREFIXES)
    )


def _cacheable_response(response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not has_vary_header(response, "Cookie")
        and "private" not in response.get("Cache-Control", "")
    )


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        language = getattr(request, "LANGUAGE_CODE", "")
        key = f"page:{ContentVersion.current()}:{language}:{request.get_full_path()}"
        response = cache.get(key)
        if response is not None:
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if _cacheable_response(response):
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response
