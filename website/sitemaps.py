"""/sitemap.xml: every public page and source and the corrections log, in each of the site's
languages, each URL naming its other languages (hreflang alternates, x-default the unprefixed
English one).

Built on Wagtail's sitemap (wagtail.contrib.sitemaps) with Django's own i18n support, which
Wagtail's per-page `get_sitemap_urls` does not use: the site serves every page in every interface
language (i18n_patterns, English without a prefix). Which pages are listed is core.visibility's
one rule, so drafts, retracted records (tombstones) and private pages never appear. URLs are built
on settings.SITE_URL, never on the request's Host (the response is cached for everyone).

Archived news stories are left out on purpose: they answer `X-Robots-Tag: noindex` (a copy of
someone else's story: the original is the one to index), and a sitemap must not list pages that
ask not to be indexed.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from core.templatetags.ubada_tags import local_url
from core.visibility import default_locale, published
from sources.models import Source


class OnSiteUrl:
    """Absolute URLs on settings.SITE_URL, in every language of the site."""

    i18n = True
    alternates = True
    x_default = True

    def get_protocol(self, _requested=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, _site=None):
        return urlsplit(settings.SITE_URL).netloc


class PageSitemap(OnSiteUrl, WagtailSitemap):
    # Django's, not Wagtail's: Wagtail's asks each page for its URLs in one language only.
    _urls = Sitemap._urls

    def items(self):
        return published(self.get_wagtail_site().root_page.get_descendants(inclusive=True)
                         ).order_by("path")

    def location(self, page):
        """The page's path in the active language (Django sets it for each language)."""
        return urlsplit(local_url(page, self.request)).path


class SourceSitemap(OnSiteUrl, Sitemap):
    """The sources' pages: every source is public, with the public records citing it."""

    def items(self):
        return default_locale(Source.objects.order_by("pk")).only("pk")

    def location(self, source):
        return reverse("source_detail", args=[source.pk])


class ViewSitemap(OnSiteUrl, Sitemap):
    """Public pages that are views, not Wagtail pages, by URL name."""

    def items(self):
        return ["corrections"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"pages": PageSitemap, "sources": SourceSitemap(), "views": ViewSitemap()}
