"""Site-wide lookups every page makes (its site, the navigation, the default locale), kept in the
cache under the versions of core.cache_scopes, so that they cost no query on most requests and a
publish still shows at once.

Every change that could alter them bumps "site" or "lists" (core.signals: a publish bumps
"lists"; a move, an unpublish, a deletion, a site or locale saved bump "site"), so a value is
stored under the versions of both. The versions are read before the database is: a value
stored under them is never older than they are. settings.FRAGMENT_CACHE_SECONDS = 0 turns the
cache off (the test suite, whose transactions never commit, so never bump a version).
"""

from django.conf import settings
from django.core.cache import cache
from wagtail.models import Locale, Site

from .cache_scopes import LISTS, SITE, versions

KEY = "scoped:{name}:{site}:{lists}"


def scoped(name, compute, request=None, keep_none=True):
    """compute(), kept under `name` until the next change of the site or of a list. With the
    request, the versions are read once per request (one cache round trip less per lookup).
    keep_none=False: a None computed is not kept, for names any visitor can make up (an
    address), which would otherwise fill the cache with nothing."""
    seconds = settings.FRAGMENT_CACHE_SECONDS
    if not seconds:
        return compute()
    tokens = getattr(request, "_ubada_scope_tokens", None) or versions([SITE, LISTS])
    if request is not None:
        request._ubada_scope_tokens = tokens
    key = KEY.format(name=name, site=tokens[SITE], lists=tokens[LISTS])
    kept = cache.get(key)
    if kept is None:
        kept = (compute(),)  # in a tuple: a None computed is kept too
        if keep_none or kept[0] is not None:
            cache.set(key, kept, seconds)
    return kept[0]


def _only_site():
    """The one site, with its home page in its specific form, when the site has one default
    site and no other: Wagtail then answers every host with it."""
    sites = list(Site.objects.select_related("root_page")[:2])
    if len(sites) != 1 or not sites[0].is_default_site:
        return None
    site = sites[0]
    site.root_page = site.root_page.specific
    return site


def site_for_request(request):
    """Wagtail's `Site.find_for_request`, with no query when the site is the only one (kept on
    the request where Wagtail looks for it, so Wagtail's own lookups reuse it)."""
    if request is None:
        return None
    if not hasattr(request, "_wagtail_site"):
        site = scoped("only-site", _only_site, request)
        if site is not None:
            request._wagtail_site = site
    return Site.find_for_request(request)


def default_locale_id(language_code):
    """The id of the locale of the default language."""
    return scoped(f"locale:{language_code}", lambda: Locale.objects.filter(
        language_code=language_code).values_list("pk", flat=True).first())
