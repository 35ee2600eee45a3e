"""The public pages of the site loaded with the real seed data (fixtures/seed/study.yaml)."""

from wagtail.models import Page

from places.models import SettlementPage
from promises.models import PromisePage
from sources.models import Source
from tests.test_public_pages import html_of, text_of


def test_ak_jar_and_the_zapadnyj_restatement(seeded, client):
    ak_jar = SettlementPage.objects.get(slug="ak-jar", locale__language_code="en")
    text = text_of(client.get(ak_jar.url))
    assert "Also known as: Ак-Жар" in text
    promises = text.split("Promises made to this settlement")[1].split("Timeline")[0]
    titles = PromisePage.objects.live().filter(
        settlements=ak_jar, locale__language_code="en").values_list("title", flat=True)
    assert len(titles) >= 5
    for title in titles:
        assert title in promises
    assert "Electricity and water for Ak-Jar" in promises

    original = PromisePage.objects.get(
        slug="osh-zapadnyj-land-within-a-year-2010", locale__language_code="en")
    repeated = PromisePage.objects.get(
        slug="osh-zapadnyj-land-repeated-2011-09", locale__language_code="en")
    html = html_of(client.get(repeated.url))
    assert "September 2011" in html
    restates = text_of(client.get(repeated.url)).split("Restates")[1]
    assert restates.startswith(f" This restates an earlier promise: {original.title} "
                               "(November 2010)")
    assert f'href="{original.url}"' in html
    text = text_of(client.get(original.url))
    assert "November 2010" in text and "November 2011 (derived from “within a year”)" in text
    assert f"Restated later {repeated.title} (September 2011)" in text


def test_every_seeded_page_renders_in_every_language(seeded, client):
    urls = [page.url for page in Page.objects.live().filter(depth__gt=1)]
    urls += [f"/sources/{pk}/" for pk in Source.objects.filter(
        locale__language_code="en").values_list("pk", flat=True)]
    assert len(urls) > 150
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert len(response.content) < 60_000, url  # light pages
    for language in ("ru", "ky", "kk"):
        assert client.get(f"/{language}/bishkek/ak-jar/").status_code == 200
