"""Whole-page cache for anonymous visitors, dropped scope by scope (core.cache_scopes).

An uncached Wagtail page costs 30-60 ms of Python; a cached one costs a few cache reads and no
database query. Only plain anonymous GETs of public pages are cached, and never a response that
sets a cookie or varies by cookie (forms with CSRF tokens, sessions), nor one marked private or
no-store (a search answered by the database while the engine is down says so: see
`mark_degraded`).

The key holds what a response depends on: the versions of the scopes it shows, the interface
language, the path and the query parameters the view declared it reads (`depends_on_query`),
sorted. A request with any other parameter is redirected to the URL without it, so
`?utm=<anything>` neither costs a render per request nor puts its value into a page served to
others; nothing in a cached page comes from the request's Host or scheme (absolute URLs are
built from settings.SITE_URL).
"""

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponseRedirect
from django.utils.cache import add_never_cache_headers, has_vary_header
from django.utils.encoding import iri_to_uri
from django.utils.http import escape_leading_slashes

from .cache_scopes import LISTS, SITE, scope_of, versions

SKIPPED_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/static/", "/media/", "/i18n/")
UNCACHEABLE_DIRECTIVES = ("private", "no-store", "no-cache")


def depends_on_query(request, names):
    """Declare the query parameters the page for `request` is built from.

    Views call this while they build the response; the cache keys this path on these parameters
    only. A view that reads no parameter declares nothing.
    """
    request.page_cache_query_parameters = tuple(names)


def mark_degraded(response):
    """A response that must not outlive the trouble it reports (the search engine being down):
    kept out of this cache and out of browsers' and proxies' caches."""
    add_never_cache_headers(response)
    return response


def _cacheable_request(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(SKIPPED_PREFIXES)
    )


def _cacheable_response(response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not has_vary_header(response, "Cookie")
        and not any(directive in cache_control for directive in UNCACHEABLE_DIRECTIVES)
    )


def normalised_query(query_dict, names):
    """The declared parameters of a query, sorted by name, each keeping its values' order (a
    view reading the last of repeated values still gets the page it rendered)."""
    return urlencode(
        [(name, value) for name in sorted(set(names)) for value in query_dict.getlist(name)]
    )


def _key(*parts):
    """A short cache key for any path and query (paths and queries may be long or hold spaces)."""
    return "page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _scopes_shown_by(response):
    """A record's own page shows that record (and what it links to, see core.cache_scopes);
    any other response is a list (home, lists, search, the API, cities with their tallies)."""
    page = (getattr(response, "context_data", None) or {}).get("page")
    if getattr(page, "cached_as_record", False):
        return (SITE, scope_of(page))
    return (SITE, LISTS)


def _page_key(path, scopes, tokens, query):
    return _key(*path, *(tokens[scope] for scope in scopes), query)


class AnonymousPageCacheMiddleware:
    """Serve anonymous pages from the cache, checking the versions of the scopes they show
    (core.cache_scopes) with no database query.

    The first render of a path records which query parameters it reads and which scopes it
    shows. A response is kept under the versions of its scopes only if no change was committed
    while it was rendered (every change bumps "site" or "lists": if both are as they were
    before the render, so is every scope), so a publish during a render is never hidden under
    the new version. A request carrying any parameter the path does not read is redirected to
    the URL without it (so no page is ever rendered for, or cached with, parameters it ignores:
    language links echo the query string).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        before = versions([SITE, LISTS])
        path = (before[SITE], getattr(request, "LANGUAGE_CODE", ""), request.path)
        known = cache.get(_key(*path, "shape"))
        if known is not None:
            names, scopes = known
            if set(request.GET) - set(names):
                return _redirect_to_canonical(request, names)
            tokens = {**before, **versions(set(scopes) - set(before))}
            response = cache.get(_page_key(path, scopes, tokens,
                                           normalised_query(request.GET, names)))
            if response is not None:
                response["X-Page-Cache"] = "hit"
                return response
        response = self.get_response(request)
        if _cacheable_response(response):
            self._keep(request, response, path, before)
        return response

    def _keep(self, request, response, path, before):
        names = getattr(request, "page_cache_query_parameters", ())
        scopes = _scopes_shown_by(response)
        cache.set(_key(*path, "shape"), (names, scopes), settings.PAGE_CACHE_SECONDS)
        tokens = versions({*scopes, *before})
        unchanged = all(tokens[scope] == token for scope, token in before.items())
        if unchanged and not set(request.GET) - set(names):
            cache.set(_page_key(path, scopes, tokens, normalised_query(request.GET, names)),
                      response, settings.PAGE_CACHE_SECONDS)
        response["X-Page-Cache"] = "miss"


def _redirect_to_canonical(request, names):
    """The same page without the parameters it does not read (a local URL, even for //paths)."""
    query = normalised_query(request.GET, names)
    location = escape_leading_slashes(iri_to_uri(request.path)) + (f"?{query}" if query else "")
    response = HttpResponseRedirect(location)
    response["X-Page-Cache"] = "canonical"
    return response
