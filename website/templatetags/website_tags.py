"""The site's navigation: the home page's sections, in the order the site shows them."""

from dataclasses import dataclass, field

from django import template
from wagtail.models import Site

from core.localized import Translations
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
    """The home page and its live children, for the navigation and for links between pages."""

    home: object = None
    nav: list = field(default_factory=list)
    request: object = None

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
        return local_url(page, self.request) if page else ""

    @property
    def methodology(self):
        return next((page for page in self.nav if page.slug == "methodology"), None)


def _rank(page):
    label = page.specific_class._meta.label_lower if page.specific_class else ""
    return (NAV_ORDER.index(label) if label in NAV_ORDER else len(NAV_ORDER), page.path)


@register.simple_tag(takes_context=True)
def site_sections(context):
    """`{% site_sections as sections %}`: two queries, once per request (and one for their
    translations on a page of another language: the cities' names in the menu)."""
    request = context.get("request")
    if request is None:
        return Sections()
    if not hasattr(request, "_ubada_sections"):
        site = Site.find_for_request(request)
        home = site.root_page if site else None
        children = published(home.get_children()) if home else []
        shown = Translations.for_request(request).show_all(children)
        request._ubada_sections = Sections(home, sorted(shown, key=_rank), request)
    return request._ubada_sections
