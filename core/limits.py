"""Per-client limits: who the client is, how often it may ask, and the page it gets after that.

Counts live in Django's cache (django-ratelimit), so every worker sharing the cache shares them;
the login lockout is django-axes'. Both identify the client by `client_ip`.
"""

import ipaddress
from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import get_usage

UNSAFE = get_usage.UNSAFE  # POST, PUT, PATCH, DELETE


def client_ip(request):
    """The client's address: REMOTE_ADDR, or the header settings.CLIENT_IP_HEADER names (set
    only behind a proxy that writes it). A proxy appends the address it saw to a list like
    X-Forwarded-For, so the last entry is the one a client cannot forge; anything there that is
    not an address (a misconfigured proxy) falls back to REMOTE_ADDR rather than failing."""
    if settings.CLIENT_IP_HEADER:
        forwarded = request.META.get(settings.CLIENT_IP_HEADER, "").split(",")[-1].strip()
        try:
            return str(ipaddress.ip_address(forwarded))
        except ValueError:
            pass
    return request.META.get("REMOTE_ADDR", "")


def limit_rate(group, method=get_usage.ALL):
    """Decorate a view: a client asking more often than settings.RATE_LIMITS[group] allows gets
    a 429 page saying when to come back, instead of the view. For a form, method=UNSAFE counts
    only submissions."""

    def decorator(view):
        @wraps(view)
        def limited_view(request, *args, **kwargs):
            retry_after = seconds_until_allowed(request, group, method)
            if retry_after:
                return too_many_requests(request, retry_after=retry_after)
            return view(request, *args, **kwargs)

        return limited_view

    return decorator


def seconds_until_allowed(request, group, method=get_usage.ALL):
    """Count this request against settings.RATE_LIMITS[group] for its client: 0 when it may
    go on, else the seconds until the client's count starts again (for Retry-After)."""
    usage = get_usage(request, group=group, key="ip", rate=settings.RATE_LIMITS[group],
                      method=method, increment=True)
    if usage and usage["should_limit"]:
        return max(1, int(usage["time_left"]))
    return 0


def too_many_requests(request, retry_after):
    """The 429 page, with Retry-After: the seconds until the client's count starts again."""
    retry_after = max(1, int(retry_after))
    response = render(request, "429.html", {"retry_after": retry_after}, status=429)
    response["Retry-After"] = str(retry_after)
    return response
