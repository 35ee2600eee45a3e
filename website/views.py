"""Files crawlers and browsers read at the site's root: robots.txt, sitemap.xml
(website.sitemaps) and favicon.ico."""

from urllib.parse import urljoin

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import FileResponse, HttpResponse
from django.urls import reverse
from django.utils.translation import override
from django.views.decorators.cache import cache_control
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from core import page_cache

from .sitemaps import SITEMAPS

ADMIN_PREFIXES = ("/admin/", "/django-admin/")
FAVICON = "img/favicon.ico"


@cache_control(public=True, max_age=86400)
def favicon(request):
    """The icon browsers ask for at /favicon.ico whatever the page links to (feed readers,
    bookmarks, old browsers): served from the static files, not a 404 in every log."""
    return FileResponse(open(finders.find(FAVICON), "rb"), content_type="image/x-icon")


def robots_txt(request):
    """The public site is open to crawlers; the admins are not, nor search in any language
    (endless result pages for every query a crawler could make up)."""
    searches = []
    for code, _name in settings.LANGUAGES:
        with override(code):
            searches.append(reverse("search"))
    lines = ["User-agent: *", "Allow: /"]
    lines += [f"Disallow: {path}" for path in (*ADMIN_PREFIXES, *searches)]
    lines += ["", f"Sitemap: {urljoin(settings.SITE_URL, reverse('sitemap'))}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def sitemap(request):
    """Wagtail's sitemap view; the page cache keys it on Django's `?p=` page number."""
    page_cache.depends_on_query(request, ("p",))
    return wagtail_sitemap(request, sitemaps=SITEMAPS)
