from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_from_path, override
from django.utils.translation import gettext as _
from wagtail.models import Site

from core.partial_dates import parse_or_none

register = template.Library()


@register.filter
def partial_date(value):
    """Show a stored partial date ("2010-11") exactly as precise as it is known."""
    parsed = parse_or_none(value)
    return parsed.display() if parsed else ""


@register.filter
def partial_date_iso(value):
    """A machine-readable form for <time datetime="...">."""
    parsed = parse_or_none(value)
    return parsed.iso() if parsed else ""


@register.filter
def partial_time(value):
    """A partial date as a <time> element, or "date not known" for a blank one."""
    parsed = parse_or_none(value)
    if parsed is None:
        return format_html('<span class="undated">{}</span>', _("date not known"))
    return format_html('<time datetime="{}">{}</time>', parsed.iso(), parsed.display())


# The order of the main navigation, by the type of the home page's children.
NAV_ORDER = [
    "promises.promiseindexpage",
    "places.citypage",
    "actors.actorindexpage",
    "core.standardpage",
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
    """`{% site_sections as sections %}`: two queries, once per request."""
    request = context.get("request")
    if request is None:
        return Sections()
    if not hasattr(request, "_ubada_sections"):
        site = Site.find_for_request(request)
        home = site.root_page if site else None
        children = list(home.get_children().live()) if home else []
        request._ubada_sections = Sections(home, sorted(children, key=_rank), request)
    return request._ubada_sections


def local_url(page, request=None):
    """A page's URL in the interface language being used.

    Wagtail gives a page the URL of its own locale (/promises/...), which would send a reader of
    /ru/... back to English on the next click while the content exists only in English.
    """
    url = page.get_url(request) or ""
    language = get_language()
    url_language = get_language_from_path(urlsplit(url).path) or settings.LANGUAGE_CODE
    if not url or url_language == language:
        return url
    with override(url_language):  # resolve the URL in its own language
        return translate_url(url, language)


@register.simple_tag(takes_context=True)
def localurl(context, page):
    """`{% localurl page %}`: like Wagtail's `pageurl`, keeping the interface language."""
    return local_url(page, context.get("request"))


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """`path` as a full URL on this site, for citations."""
    request = context.get("request")
    return request.build_absolute_uri(path) if request else path


@register.simple_tag
def citation_name():
    return settings.UBADA_CITATION_NAME


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in every interface language: plain links, so pages stay cacheable."""
    from django.conf import settings
    from django.urls import translate_url
    from django.utils.translation import get_language

    request = context.get("request")
    path = request.get_full_path() if request else "/"
    current = get_language()
    return [
        {"code": code, "name": name, "url": translate_url(path, code), "current": code == current}
        for code, name in settings.LANGUAGES
    ]
