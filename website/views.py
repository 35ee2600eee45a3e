"""Files crawlers read at the site's root: robots.txt (the sitemap is website.sitemaps)."""

from urllib.parse import urljoin

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import override

ADMIN_PREFIXES = ("/admin/", "/django-admin/")


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
