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
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.core.cache import cache
from django.http import HttpResponseRedirect
from django.utils import translation
from django.utils.cache import add_never_cache_headers, has_vary_header
from django.utils.encoding import iri_to_uri
from django.utils.http import escape_leading_slashes

from .cache_scopes import LISTS, SITE, scope_of, version_key, versions

API_PREFIX = "/api/"
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


def _language_of(request):
    """The interface language LocaleMiddleware will choose (its own rule, read before it runs):
    the path's prefix, else, with unprefixed English URLs, English."""
    urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
    prefixes_used, default_prefixed = is_language_prefix_patterns_used(urlconf)
    language = translation.get_language_from_request(request, check_path=prefixes_used)
    if (prefixes_used and not default_prefixed
            and not translation.get_language_from_path(request.path_info)):
        language = settings.LANGUAGE_CODE
    return language


class AnonymousPageCacheMiddleware:
    """Serve anonymous pages from the cache, checking the versions of the scopes they show
    (core.cache_scopes) with no database query, in one or two cache round trips.

    It sits right after SecurityMiddleware (whose headers depend on the request: HSTS on
    HTTPS only) and before everything else, so a hit skips the session, locale, CSRF and
    authentication middleware, and the headers the middleware after it add (the
    Content-Security-Policy, Permissions-Policy, X-Frame-Options, Vary, Content-Language) are
    kept with the page instead of being built again for every hit. It refuses a Host that is
    not allowed (400) as CommonMiddleware would, and answers /api/ only from its place inside
    api.middleware.ApiMiddleware (ApiPageCacheMiddleware: every API client is counted).

    The first render of a path records its shape: which query parameters it reads and which
    scopes it shows, under the site's version. A page is kept with the versions of its
    scopes; it is served while they are current. It is kept only if no change was committed
    while it was rendered (every change bumps "site" or "lists": if both are as they were
    before the render, so is every scope), so a publish during a render is never hidden. A
    request carrying any parameter the path does not read is redirected to the URL without it
    (so no page is ever rendered for, or cached with, parameters it ignores: language links
    echo the query string).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def serves(self, request):
        return not request.path.startswith(API_PREFIX)

    def __call__(self, request):
        if not (_cacheable_request(request) and self.serves(request)):
            return self.get_response(request)
        request.get_host()  # a Host not allowed: DisallowedHost, a 400, never a cached page
        path = (_language_of(request), request.path)
        shape, found = self._read(request, path)
        if shape is not None:
            names, scopes = shape
            if set(request.GET) - set(names):
                return _redirect_to_canonical(request, names)
            response = self._cached_page(found, path, normalised_query(request.GET, names),
                                         scopes)
            if response is not None:
                response["X-Page-Cache"] = "hit"
                return response
        before = versions([SITE, LISTS], found)
        response = self.get_response(request)
        if _cacheable_response(response):
            self._keep(request, response, path, before)
        return response

    def _read(self, request, path):
        """(the path's shape: (parameters, scopes), or None; {key: value} of everything read):
        the site's and the lists' versions and the shape, with the page itself when the
        request has no query (its key is then known), in one round trip. A shape from before
        the site's last change is not used (the page at this path may have changed type)."""
        shape_key = _key(*path, "shape")
        keys = [version_key(SITE), version_key(LISTS), shape_key]
        if not request.GET:
            keys.append(_key(*path, ""))
        found = cache.get_many(keys)
        site, names, scopes = found.get(shape_key) or (None, (), ())
        if site is None or site != found.get(version_key(SITE)):
            return None, found
        return (names, scopes), found

    def _cached_page(self, found, path, query, scopes):
        """The page kept for this query, if the versions it was kept under are all current.
        A record page's own version, and the page itself when the request had a query, are
        read in a second round trip."""
        page_key = _key(*path, query)
        missing = [key for key in (page_key, *map(version_key, scopes)) if key not in found]
        if missing:
            found.update(cache.get_many(missing))
        kept = found.get(page_key)
        if kept is None:
            return None
        tokens, response = kept
        current = {scope: found.get(version_key(scope)) for scope in tokens}
        return response if current == tokens else None

    def _keep(self, request, response, path, before):
        names = getattr(request, "page_cache_query_parameters", ())
        scopes = _scopes_shown_by(response)
        tokens = versions({*scopes, *before})
        kept = {_key(*path, "shape"): (tokens[SITE], names, scopes)}
        unchanged = all(tokens[scope] == token for scope, token in before.items())
        if unchanged and not set(request.GET) - set(names):
            page_key = _key(*path, normalised_query(request.GET, names))
            kept[page_key] = ({scope: tokens[scope] for scope in scopes}, response)
        cache.set_many(kept, settings.PAGE_CACHE_SECONDS)
        response["X-Page-Cache"] = "miss"


class ApiPageCacheMiddleware(AnonymousPageCacheMiddleware):
    """The same cache for the API, inside api.middleware.ApiMiddleware, which counts every
    client against the API's rate limit and answers conditional requests, hit or not."""

    def serves(self, request):
        return request.path.startswith(API_PREFIX)


def _redirect_to_canonical(request, names):
    """The same page without the parameters it does not read (a local URL, even for //paths)."""
    query = normalised_query(request.GET, names)
    location = escape_leading_slashes(iri_to_uri(request.path)) + (f"?{query}" if query else "")
    response = HttpResponseRedirect(location)
    response["X-Page-Cache"] = "canonical"
    return response
