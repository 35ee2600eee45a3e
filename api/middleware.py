"""What every answer under /api/ shares, set in one place: the API is read-only (GET, HEAD,
OPTIONS; anything else is a 405), open to scripts on any site (CORS for GET), cacheable
(Cache-Control and an ETag, with 304 for a client that has the same copy), rate-limited per
client like search (core.limits), and answers in JSON even when the URL matches nothing.

It stands outside the anonymous page cache, so a client is counted, and gets these headers,
whether its answer is rendered or comes from the cache.
"""

from django.http import JsonResponse
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.translation import gettext as _

from core.limits import seconds_until_allowed

PREFIX = "/api/"
READ_METHODS = ("GET", "HEAD", "OPTIONS")
ALLOW = ", ".join(READ_METHODS)
CACHE_SECONDS = 300  # a client may reuse an answer this long; the site's own cache is dropped
# on every publish (core.page_cache), so a reader waits at most this long for a change
RATE_GROUP = "api"


def _json_error(message, status):
    return JsonResponse({"error": message, "detail": []}, status=status)


class ApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(PREFIX):
            return self.get_response(request)
        response = self._answer(request)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    def _answer(self, request):
        method = request.method
        if method not in READ_METHODS:
            response = _json_error(_("The API is read-only: use GET."), 405)
            response["Allow"] = ALLOW
            return response
        if method == "OPTIONS":  # a CORS preflight, or a client asking what it may do
            response = JsonResponse({}, status=200)
            response["Allow"] = response["Access-Control-Allow-Methods"] = ALLOW
            response["Access-Control-Max-Age"] = "86400"
            return response
        retry_after = seconds_until_allowed(request, RATE_GROUP)
        if retry_after:
            response = _json_error(_("Too many requests: try again in %(seconds)s seconds.")
                                   % {"seconds": retry_after}, 429)
            response["Retry-After"] = str(retry_after)
            return response
        request.method = "GET"  # HEAD is answered as GET; the server sends no body
        response = self.get_response(request)
        request.method = method
        return self._finish(request, response)

    def _finish(self, request, response):
        if response.status_code == 404 and not response.get("Content-Type", "").startswith(
                "application/json"):
            return _json_error(_("There is nothing at this address of the API."), 404)
        if response.status_code != 200 or response.streaming:
            return response
        patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
        set_response_etag(response)
        return get_conditional_response(request, etag=response["ETag"], response=response)
