"""Routing a public address to its page in one query, with Wagtail's rules intact.

Wagtail finds a page by walking the tree from the site's root: a child query and a specific-row
query per level of the address (4 queries for /bishkek/ak-jar/). Here the page the walk would
reach is looked up once by its url_path (one query, which also reads every page above it) and
kept in the cache under the scope versions of core.scoped_cache, as (page id, content type,
url_path); a request then loads that page's specific row in one query and lets the page's own
`route()` finish, with whatever components are left: the page still decides whether it answers
(live, or a tombstone: core.tombstones), and Wagtail's view restrictions, previews and private
pages apply as after the walk.

What is kept is only a hint, checked by the query that loads the page: a page whose url_path is
no longer the one kept (moved, renamed) or that is gone is not used, and the walk answers.
Renaming and publishing bump "lists", moving, unpublishing and deleting bump "site"
(core.signals), so the hint is seldom stale, and a stale hint costs the walk, never a wrong page.
An address no page spells (a translation's own slugs, a typo) is walked as before, and is not
kept (any visitor can make one up).

A page type whose `route()` may answer for addresses below it (Wagtail's RoutablePageMixin)
keeps them: the route starts at the highest such page on the way, as the walk would reach it.
"""

import hashlib
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from .scoped_cache import scoped
from .tombstones import Retractable

# route() methods that only hand a longer address on to the page's children.
ROUTES_TO_CHILDREN = {Page.route, Retractable.route}
# Levels of an address looked up at once (the site's deepest pages are 2 below the home page):
# a longer one is walked, and ends where the tree does.
MAX_LEVELS = 8


class KnownRoute(NamedTuple):
    """Where the route of an address starts, as kept in the cache."""

    page_id: int
    content_type_id: int
    url_path: str
    levels: int  # the components of the address the page's url_path spells


def routes_below_itself(content_type_id):
    """Whether pages of this type may answer addresses below their own in their `route()`."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return model is None or model.route not in ROUTES_TO_CHILDREN


def _url_paths(root, components):
    """The url_path of every page on the way from the root (not included) to `components`,
    shortest first."""
    return [root.url_path + "".join(f"{component}/" for component in components[:length])
            for length in range(1, len(components) + 1)]


def _route_start(root, components):
    """The KnownRoute of the page the route starts at: the deepest page the address spells, or
    the highest one on the way that may answer for addresses below it; None when the address
    spells no page below the root."""
    url_paths = _url_paths(root, components)
    pages = sorted(
        Page.objects.filter(slug__in=set(components), url_path__in=url_paths)
        .values_list("pk", "content_type_id", "url_path"),
        key=lambda page: len(page[2]))
    start = None
    for page_id, content_type_id, url_path in pages:
        start = KnownRoute(page_id, content_type_id, url_path, url_paths.index(url_path) + 1)
        if routes_below_itself(content_type_id):
            break
    return start


def _cache_name(site, components):
    """The cache name of an address: hashed, as addresses are any length and any characters."""
    address = "/".join(components).encode()
    return f"route:{site.pk}:{hashlib.sha256(address).hexdigest()}"


def route_start(request, site, components):
    """(page, components left): the specific page to route `components` from (in one query, or
    none for the site's root) and what it has left to route."""
    root = site.root_page
    if 0 < len(components) <= MAX_LEVELS:
        known = scoped(_cache_name(site, components),
                       lambda: _route_start(root, components), request, keep_none=False)
        page = _page_at(known) if known else None
        if page is not None:
            return page, components[known.levels:]
    return root.specific, components


def _page_at(known):
    """The specific page kept for an address, if it still has that address."""
    model = ContentType.objects.get_for_id(known.content_type_id).model_class()
    if model is None:
        return None
    pages = model._default_manager.select_related(*getattr(model, "route_select_related", ()))
    return pages.filter(pk=known.page_id, url_path=known.url_path).first()
