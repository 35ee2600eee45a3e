"""Tags every template uses: partial dates, links that keep the interface language, citations,
and `safe_href`, the render-time half of core.safe_urls.

The site's navigation (which depends on the apps the site is made of) is in
website/templatetags/website_tags.py.
"""

import datetime
import itertools
import re
from html import unescape
from urllib.parse import urljoin, urlsplit

from django import template
from django.conf import settings
from django.db.models import Model
from django.urls import translate_url
from django.utils import timezone
from django.utils.encoding import escape_uri_path
from django.utils.html import format_html, strip_tags
from django.utils.text import Truncator
from django.utils.translation import get_language, get_language_from_path, override
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from core.localized import default_language, english_fields, text_fields
from core.localized import translation_note as localized_translation_note
from core.partial_dates import PartialDate, parse_or_none
from core.qr import qr_svg
from core.safe_urls import is_local_path, is_safe_public_url, local_path

register = template.Library()


TIMELINE = "timeline"


@register.filter
def partial_date(value, where=""):
    """A stored partial date ("2010-11") or PartialDate, exactly as precise as it is known.

    `{{ date|partial_date:"timeline" }}` on a timeline, where a year alone says the month is
    not known. Every date a reader sees goes through core.partial_dates.format_partial_date.
    """
    parsed = parse_or_none(value)
    return parsed.display(on_timeline=where == TIMELINE) if parsed else ""


@register.filter
def partial_time(value, where=""):
    """A partial date as a <time> element keeping the ISO form, or "date not known" for a
    blank one; `partial_time:"timeline"` as partial_date's."""
    parsed = parse_or_none(value)
    if parsed is None:
        return format_html('<span class="undated">{}</span>', _("date not known"))
    return format_html('<time datetime="{}">{}</time>', parsed.iso(),
                       parsed.display(on_timeline=where == TIMELINE))


@register.filter
def day_date(value):
    """A date, or a moment on the site's clock, as every day date is written (22 December
    2026, 22 декабря 2026 г., 2026-ж., 22-декабрь, 2026 жылғы 22 желтоқсан): in place of
    Django's `date:"DATE_FORMAT"`, which capitalises Kyrgyz and Kazakh months."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value)
    return PartialDate.from_date(value).display()


@register.simple_tag
def today():
    """`{% today as date %}`: the day the page is generated, written as day_date writes it."""
    return day_date(timezone.localdate())


SENTENCE_ENDS = (".", "!", "?", "…")
CLOSING_TAGS = re.compile(r"(?:</[a-z]+>)+$")


@register.filter(is_safe=True)
def full_stop(value):
    """End a sentence with one full stop: add it unless the text (before any closing tags)
    ends with one already, as "ноябрь 2010 г." does, and drop a doubled one: never "г..".

    is_safe: only a "." is added, so safe input stays safe and other input is escaped.
    """
    text = str(value).rstrip()
    match = CLOSING_TAGS.search(text)
    before_tags = text[:match.start()] if match else text
    if before_tags.endswith("..") and not before_tags.endswith("..."):
        return text[:len(before_tags) - 1] + text[len(before_tags):]  # "г." + the sentence's
    if before_tags.endswith(SENTENCE_ENDS):
        return value
    return text + "."


# Page URLs kept per process (see local_url): a record page links to a hundred pages.
URLS_KEPT = 4096
_urls_kept = {}
_sites_numbered = {}  # (root paths, site id, URLconf): its number in the keys of _urls_kept
_numbers = itertools.count()


def local_url(page, request=None):
    """A page's URL in the interface language being used.

    Wagtail gives a page the URL of its own locale (/promises/...), which would send a reader of
    /ru/... back to English on the next click while the content exists only in English.

    Wagtail's URL of a page is a function of its url_path, the language, the sites' root paths
    and the request's site, but resolving it (Django's reverse) cost a twentieth of a record
    page: it is kept per process under all of them (so a moved page, a new site or a new
    translation of the home page gives a new key), for the page types whose URL is Wagtail's.
    """
    key = _url_key(page, request)
    if key is None:
        return _local_url(page, request)
    url = _urls_kept.get(key)
    if url is None:
        if len(_urls_kept) >= URLS_KEPT:
            _urls_kept.clear()
        url = _urls_kept[key] = _local_url(page, request)
    return url


def _url_key(page, request):
    """What the URL of `page` depends on, or None where that is not known (no request to find
    the site by, a page type with URLs of its own)."""
    if request is None or type(page).get_url_parts is not Page.get_url_parts:
        return None
    return page.url_path, get_language(), _request_sites(page, request)


def _request_sites(page, request):
    """A number for the sites' root paths, the request's site and URLconf: read once per
    request (Wagtail keeps the root paths on the request), not hashed again for every link."""
    sites = getattr(request, "_ubada_url_sites", None)
    if sites is None:
        site = Site.find_for_request(request)
        sites = (tuple(page._get_site_root_paths(request)), site.pk if site else None,
                 getattr(request, "urlconf", None))
        sites = request._ubada_url_sites = _sites_numbered.setdefault(sites, next(_numbers))
    return sites


def _local_url(page, request):
    url = page.get_url(request) or ""
    language = get_language()
    url_language = get_language_from_path(urlsplit(url).path) or settings.LANGUAGE_CODE
    if not url or url_language == language:
        return url
    return relanguaged_path(url, url_language, language) or translate_url_in(
        url, url_language, language)


def relanguaged_path(path, url_language, language):
    """A site path (not a full URL) moved from one language's prefix to another's, as
    i18n_patterns(prefix_default_language=False) writes them: "/ru/promises/x/" for
    "/promises/x/". Called for every link of every list: swapping the prefix costs far less than
    resolving the URL again (translate_url), and gives the same path for the pages, which are
    served under one pattern in every language. None for anything else (a full URL, a language
    that is not one of the site's)."""
    codes = {code for code, _name in settings.LANGUAGES}
    if not path.startswith("/") or path.startswith("//") or not {url_language, language} <= codes:
        return None
    if url_language != settings.LANGUAGE_CODE:
        path = path.removeprefix(f"/{url_language}")
    return path if language == settings.LANGUAGE_CODE else f"/{language}{path}"


def translate_url_in(url, url_language, language):
    """Django's translate_url for `url`, resolved in the language it is written in."""
    with override(url_language):
        return translate_url(url, language)


@register.simple_tag(takes_context=True)
def localurl(context, page):
    """`{% localurl page %}`: like Wagtail's `pageurl`, keeping the interface language."""
    return local_url(page, context.get("request"))


@register.simple_tag
def absolute_url(path):
    """`path` as a full URL on this site, for citations: on the configured SITE_URL, never on
    the request's Host, which a visitor chooses and the page cache would pass on to the next."""
    return urljoin(settings.SITE_URL, path)


@register.simple_tag(takes_context=True)
def print_footer(context, page):
    """What a printed record page ends with: a QR code and the address of the page in the
    reader's language, and the day the page was generated.

    The day is the page's, not the printer's: a cached page (core.page_cache, at most
    PAGE_CACHE_SECONDS old) prints the day it was made, which it says ("Page generated on"),
    so a cached copy never claims a day it was not printed on.
    """
    address = absolute_url(local_url(page, context.get("request")))
    label = _("QR code: the address of this page, %(address)s") % {"address": address}
    return {"address": address, "qr": qr_svg(address, label), "generated_on": today()}


@register.simple_tag
def citation_name():
    return settings.UBADA_CITATION_NAME


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in every interface language: plain links, so pages stay cacheable.

    The path is made local ("//evil.example/" would name another host) and the query string is
    only what the view vouches for in `canonical_query` (its known parameters, bounded), never
    the request's own, which can be anything and of any length.
    """
    request = context.get("request")
    query = context.get("canonical_query", "")
    current = get_language()
    kept = getattr(request, "_ubada_language_links", None)
    if kept and kept[0] == (query, current):  # the header's menu and the head's alternates
        return kept[1]
    path = local_path(escape_uri_path(request.path)) if request else "/"
    links = []
    for code, name in settings.LANGUAGES:
        url = local_path(translate_url(path, code))
        links.append({"code": code, "name": name, "url": f"{url}?{query}" if query else url,
                      "current": code == current, "default": code == settings.LANGUAGE_CODE})
    if request is not None:
        request._ubada_language_links = ((query, current), links)
    return links


@register.filter
def safe_href(url):
    """`url` when it may be an href (an http(s) URL or a path on this site), else "": a
    `javascript:` URL that reached the database some other way must not become a link."""
    return url if is_safe_public_url(url) or is_local_path(url) else ""


# Sharing (templates/includes/share_meta.html): Open Graph and Twitter card tags ---------------

SHARE_DESCRIPTION_CHARS = 200
# Open Graph names locales language_TERRITORY; the site's languages, where they are spoken.
OPEN_GRAPH_LOCALES = {"en": "en_US", "ru": "ru_RU", "ky": "ky_KG", "kk": "kk_KZ"}


@register.filter
def share_description(page):
    """What a shared link's preview says of a page: the editors' search description, else what
    was promised, else the record's summary, as plain text of a preview's length."""
    for name in ("search_description", "text", "summary"):
        value = str(getattr(page, name, "") or "")
        plain = " ".join(unescape(strip_tags(value)).split())
        if plain:
            return Truncator(plain).chars(SHARE_DESCRIPTION_CHARS)
    return ""


@register.simple_tag
def open_graph_locales():
    """The interface language's Open Graph locale, and the others the page is offered in."""
    current = get_language()
    return {
        "current": OPEN_GRAPH_LOCALES.get(current, current),
        "alternates": [OPEN_GRAPH_LOCALES.get(code, code) for code, _name in settings.LANGUAGES
                       if code != current],
    }


# Records read through their translations (core.localized) ---------------------------------------


@register.simple_tag
def text(record, name):
    """`{% text record "title" %}`: a shown record's text field, inside `lang="en"` where it is
    still English on a page of another language (WCAG 3.1.2: read with the right voice)."""
    value = getattr(record, name, "") or ""
    if english_fields(record, name):
        return format_html('<span lang="{}">{}</span>', default_language(), value)
    return value


@register.filter
def english_lang(record, name):
    """` lang="en"` for the element holding a record's field when that text is English."""
    return format_html(' lang="{}"', default_language()) if english_fields(record, name) else ""


def _any_english(records, names):
    """Whether any of these records (or timeline entries' records) has English text in these
    fields (or in any field)."""
    if isinstance(records, Model):
        records = [records]
    records = [getattr(item, "record", item) for item in records or ()]
    return any(english_fields(record, *(names or text_fields(type(record))))
               for record in records)


@register.simple_tag
def english_note(records, *names):
    """`{% english_note records "title" ... %}`: one short note, in the reader's language, under
    a block whose text (of these fields, or of any field) is still English: never a silent mix."""
    if not _any_english(records, names):
        return ""
    return format_html('<p class="note english-note">{}</p>',
                       _("No translation yet: this text is in English."))


@register.simple_tag
def translation_note(record):
    """The note beside translated study text ("Ubada's translation of the English study")."""
    note = localized_translation_note(record)
    return format_html('<p class="note translation-note">{}</p>', note) if note else ""
