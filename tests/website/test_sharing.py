"""Sharing: Open Graph and Twitter card tags on record pages, /sitemap.xml with every public page
in every language (and nothing else), /robots.txt naming it. Absolute URLs on SITE_URL."""

import re

import defusedxml.ElementTree as ET
import pytest

from promises.models import PromisePage
from tests.factories import (
    PromisePageFactory,
    SettlementPageFactory,
    SourceFactory,
    restrict,
)

pytestmark = pytest.mark.django_db

SITE = "https://ubada.example"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE
    settings.PAGE_CACHE_SECONDS = 0


def meta(html, name):
    found = re.search(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)">', html)
    return found.group(1) if found else None


def test_a_promise_page_has_open_graph_and_twitter_tags(client, home):
    promise = PromisePageFactory(title="A school for Ak-Jar",
                                 text="A school will open by September 2013.")
    html = client.get(promise.url).content.decode()
    assert meta(html, "og:title") == meta(html, "twitter:title") == "A school for Ak-Jar"
    assert meta(html, "og:description") == "A school will open by September 2013."
    assert meta(html, "twitter:description") == "A school will open by September 2013."
    assert meta(html, "og:url") == f"{SITE}{promise.url}"
    assert meta(html, "og:locale") == "en_US" and meta(html, "twitter:card") == "summary"
    assert f'<link rel="canonical" href="{SITE}{promise.url}">' in html
    assert f'<link rel="alternate" hreflang="ru" href="{SITE}/ru{promise.url}">' in html


def test_the_russian_page_shares_its_own_address_and_locale(client, home):
    settlement = SettlementPageFactory(title="Ak-Jar")
    html = client.get(f"/ru{settlement.url}", HTTP_HOST="evil.example").content.decode()
    assert meta(html, "og:url") == f"{SITE}/ru{settlement.url}"
    assert meta(html, "og:locale") == "ru_RU"
    assert '<meta property="og:locale:alternate" content="kk_KZ">' in html
    assert "evil.example" not in html


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    tree = ET.fromstring(response.content)
    return {url.findtext("s:loc", namespaces=NS): {
        link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
        for url in tree.findall("s:url", NS)}


def test_the_sitemap_lists_public_pages_in_every_language(client, home):
    promise = PromisePageFactory(title="Gas for Kok-Jar")
    source = SourceFactory()
    entries = sitemap_entries(client)
    for prefix in ("", "/ru", "/ky", "/kk"):
        assert f"{SITE}{prefix}{promise.url}" in entries
        assert f"{SITE}{prefix}/sources/{source.pk}/" in entries
    assert entries[f"{SITE}/kk{promise.url}"] == {
        "en": f"{SITE}{promise.url}", "ru": f"{SITE}/ru{promise.url}",
        "ky": f"{SITE}/ky{promise.url}", "kk": f"{SITE}/kk{promise.url}",
        "x-default": f"{SITE}{promise.url}"}
    assert f"{SITE}/" in entries  # the home page
    assert f"{SITE}/ru/corrections/" in entries


def test_drafts_private_and_retracted_pages_are_never_in_the_sitemap(client, home):
    listed, private, retracted = (PromisePageFactory(title=title) for title in (
        "Listed promise", "Private promise", "Retracted promise"))
    draft = PromisePageFactory.build(title="Draft promise", slug="draft-promise",
                                     source=listed.source)
    listed.get_parent().add_child(instance=draft)
    draft.unpublish()
    restrict(private)
    PromisePage.objects.get(pk=retracted.pk).unpublish()
    locations = " ".join(sitemap_entries(client))
    assert listed.url in locations
    for page in (draft, private, retracted):
        assert f"/{page.slug}/" not in locations, page.title


def test_robots_txt_opens_the_site_and_names_the_sitemap(client, home):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines and "Allow: /" in lines
    for path in ("/admin/", "/django-admin/", "/search/", "/ru/search/"):
        assert f"Disallow: {path}" in lines
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
