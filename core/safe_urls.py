"""The one rule for links out of the site: an absolute http(s) URL with a host, nothing else.

A `javascript:` or `data:` URL in an `href` runs in the reader's browser, so every URL that is
rendered as a link passes `is_safe_public_url`: where data enters (model validators, the
scrapers' store step, accepting a news suggestion) and again at render (the `safe_href` filter
in core.templatetags.ubada_tags). Links to this site itself are local paths
(`is_local_path`), normalised with `local_path` when they come from the request.

scrapers.fetching may import nothing of the project (see pyproject.toml), so the fetcher keeps
its own `is_http_url` for deciding what to fetch; tests/security/test_urls.py checks that both
agree.
"""

import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

SAFE_SCHEMES = frozenset({"http", "https"})
# Browsers drop these inside or around a URL, so "java\tscript:" is "javascript:" to them.
_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f]")
_LEADING_SLASHES = re.compile(r"^[/\\]+")


def is_safe_public_url(url):
    """True for an absolute http(s) URL with a host and no whitespace or control character."""
    if not isinstance(url, str) or not url or _CONTROL_OR_SPACE.search(url):
        return False
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:  # an invalid port or IPv6 literal
        return False
    return parts.scheme.lower() in SAFE_SCHEMES and bool(host)


def is_local_path(url):
    """True for a path on this site ("/promises/"): one slash first, never "//" or "/\\",
    which browsers read as another host."""
    return (isinstance(url, str) and url.startswith("/") and not url.startswith(("//", "/\\"))
            and not _CONTROL_OR_SPACE.search(url))


def local_path(path):
    """A path from the request made local: "//evil.example/" becomes "/evil.example/"."""
    return "/" + _LEADING_SLASHES.sub("", _CONTROL_OR_SPACE.sub("", path or ""))


def validate_safe_public_url(value):
    """Model field validator: refuse any address that is not http(s) (blank is the field's
    business)."""
    if value and not is_safe_public_url(value):
        raise ValidationError(
            _("Only http:// and https:// addresses can be linked to."), code="unsafe_url")
