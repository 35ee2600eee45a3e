"""The site's navigation: the home page's sections, in the order the site shows them."""

from dataclasses import dataclass, field

from django import template
from django.utils.translation import get_language

from core.localized import Translations
from core.scoped_cache import scoped, site_for_request
from core.templatetags.ubada_tags import local_url
from core.visibility import published

register = template.Library()

# The order of the main navigation, by the type of the home page's children.
NAV_ORDER = [
    "promises.promiseindexpage",
    "places.citypage",
    "actors.actorindexpage",
    "website.standardpage",
    "sources.sourceindexpage",
]


@dataclass
class Sections:
    """The home page and its live children, for the navigation and for links between pages;
    each with `shown_url`, its URL in the interface language."""

    home: object = None
    nav: list = field(default_factory=list)

    def _first(self, label):
        return next((page for page in self.nav if page.specific_class._meta.label_lower == label),
                    None)

    @property
    def promises(self):
        return self._first("promises.promiseindexpage")

    @property
    def promises_url(self):
        """The promise list's URL, to which a query string of filters can be added."""
        page = self.promises
        return page.shown_url if page else ""

    @property
    def methodology(self):
        return next((page for page in self.nav if page.slug == "methodology"), None)


def _rank(page):
    label = page.specific_class._meta.label_lower if page.specific_class else ""
    return (NAV_ORDER.index(label) if label in NAV_ORDER else len(NAV_ORDER), page.path)


def _sections(request):
    """Two queries (and one for their translations on a page of another language: the cities'
    names in the menu), and a URL resolved per page."""
    site = site_for_request(request)
    home = site.root_page if site else None
    children = published(home.get_children()) if home else []
    shown = Translations.for_request(request).show_all(children)
    for page in [home, *shown] if home else shown:
        page.shown_url = local_url(page, request)
    return Sections(home, sorted(shown, key=_rank))


@register.simple_tag(takes_context=True)
def site_sections(context):
    """`{% site_sections as sections %}`: once per request, and from the cache
    (core.scoped_cache) until the next publish."""
    request = context.get("request")
    if request is None:
        return Sections()
    if not hasattr(request, "_ubada_sections"):
        site = site_for_request(request)
        name = f"sections:{site.pk if site else ''}:{get_language()}"
        request._ubada_sections = scoped(name, lambda: _sections(request), request)
    return request._ubada_sections
