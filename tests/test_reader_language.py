"""A reader of /ru/, /ky/ or /kk/ reads the records in their language where a translation
exists, and the English elsewhere, marked as English with a note in their language."""

import re

import pytest
from django.conf import settings
from django.test import Client

from tests.factories import (
    CityPageFactory,
    PersonPageFactory,
    PromisePageFactory,
    SettlementPageFactory,
    restrict,
    translate,
)

pytestmark = pytest.mark.django_db


def html_of(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_russian_page_shows_its_russian_title(home):
    promise = PromisePageFactory(title="Electricity for Ak-Jar")
    translate(promise, "ru", title="Электричество для Ак-Жара", text="Будет свет.")
    html = html_of(Client().get(f"/ru{promise.url}"))
    assert "<h1>Электричество для Ак-Жара</h1>" in html
    assert "Будет свет." in html


def test_untranslated_record_on_a_russian_list_is_marked_english(home):
    settlement = SettlementPageFactory(title="Ak-Jar")
    translate(settlement, "ru", title="Ак-Жар")
    kept = PromisePageFactory(title="Water for Ak-Jar", settlements=[settlement])
    PromisePageFactory(title="Roads for Ak-Jar", settlements=[settlement])
    translate(kept, "ru", title="Вода для Ак-Жара")
    html = html_of(Client().get(f"/ru{settlement.url}"))
    assert "<h1>Ак-Жар</h1>" in html
    assert "Вода для Ак-Жара</a>" in html
    assert '<span lang="en">Roads for Ak-Jar</span>' in html
    assert html.count("english-note") >= 1
    assert not re.search(r'<span lang="en">(Вода|Ак-Жар)', html)


def test_a_page_without_translation_answers_under_ru_in_english_marked(home):
    settlement = SettlementPageFactory(title="Ak-Jar")
    translate(settlement.get_parent(), "ru", title="Бишкек")  # a Russian tree, but no Ak-Jar
    html = html_of(Client().get(f"/ru{settlement.url}"))
    assert '<html lang="ru">' in html
    assert '<h1><span lang="en">Ak-Jar</span></h1>' in html
    assert "english-note" in html
    assert ">Бишкек</a>" in html  # its city, translated


def test_the_translation_of_a_draft_record_is_never_served_or_listed(home):
    promise = PromisePageFactory(title="Gas for Ak-Jar")
    russian = translate(promise, "ru", title="Газ для Ак-Жара")
    promise.unpublish()
    client = Client()
    assert client.get(f"/ru{promise.get_parent().url}").status_code == 200
    assert "Газ для Ак-Жара" not in html_of(client.get(f"/ru{promise.get_parent().url}"))
    for path in (f"/ru{promise.url}", russian.url, f"/ru/record/{russian.pk}/"):
        response = client.get(path)
        assert response.status_code in (404, 410), path
        assert "Газ для Ак-Жара" not in response.content.decode()


def test_the_translation_of_a_restricted_record_is_not_served(home):
    promise = PromisePageFactory(title="Gas for Ak-Jar")
    translate(promise, "ru", title="Газ для Ак-Жара")
    restrict(promise)
    client = Client()
    response = client.get(f"/ru{promise.url}")
    assert "Газ для Ак-Жара" not in response.content.decode()
    assert "Газ для Ак-Жара" not in html_of(client.get(f"/ru{promise.get_parent().url}"))
    assert client.get(f"/ru/record/{promise.pk}/").status_code == 404


def test_a_russian_permalink_lands_on_the_russian_page(home):
    promise = PromisePageFactory(title="Electricity for Ak-Jar")
    russian = translate(promise, "ru", title="Электричество для Ак-Жара")
    client = Client()
    for page_id in (promise.pk, russian.pk):
        response = client.get(f"/ru/record/{page_id}/")
        assert response.status_code == 302
        assert response["Location"] == f"/ru{promise.url}"
        assert "<h1>Электричество для Ак-Жара</h1>" in html_of(client.get(response["Location"]))
    assert client.get(f"/record/{russian.pk}/")["Location"] == promise.url
    untranslated = PromisePageFactory(title="Water for Ak-Jar")
    assert client.get(f"/ky/record/{untranslated.pk}/")["Location"] == f"/ky{untranslated.url}"


def test_every_page_head_names_its_languages_and_citations_keep_the_language(home):
    promise = PromisePageFactory(title="Electricity for Ak-Jar")
    html = html_of(Client().get(f"/ru{promise.url}"))
    site = settings.SITE_URL
    for code in ("ru", "ky", "kk"):
        assert f'<link rel="alternate" hreflang="{code}" href="{site}/{code}{promise.url}">' in html
    assert f'<link rel="alternate" hreflang="en" href="{site}{promise.url}">' in html
    assert f'<link rel="alternate" hreflang="x-default" href="{site}{promise.url}">' in html
    assert f'<link rel="canonical" href="{site}/ru{promise.url}">' in html
    cite = re.search(r'<p class="citation">.*?<a [^>]*href="([^"]+)"', html, re.S).group(1)
    assert cite == f"{site}/ru/record/{promise.pk}/"
    search = html_of(Client().get("/kk/search/?q=x"))
    assert '<link rel="alternate" hreflang="x-default"' in search and '<html lang="kk">' in search


def test_a_translations_own_address_shows_its_record(home):
    promise = PromisePageFactory(title="Gas for Ak-Jar")
    russian = translate(promise, "ru", title="Газ для Ак-Жара", slug="gaz-dlya-ak-zhara")
    assert "gaz-dlya-ak-zhara" in russian.url
    assert "<h1>Газ для Ак-Жара</h1>" in html_of(Client().get(russian.url))


def test_city_names_in_the_menu_and_records_on_every_page_type(home):
    city = CityPageFactory(title="Bishkek")
    settlement = SettlementPageFactory(title="Ak-Jar", parent=city)
    person = PersonPageFactory(title="Almazbek Atambaev")
    promise = PromisePageFactory(title="Gas for Ak-Jar", people=[person], settlements=[settlement])
    translate(city, "ru", title="Бишкек")
    translate(person, "ru", title="Алмазбек Атамбаев")
    client = Client()
    nav = re.search(r'<nav aria-label="[^"]+">(.*?)</nav>', html_of(client.get("/ru/")), re.S)
    assert ">Бишкек</a>" in nav.group(1)
    for path in ("/ru/", f"/ru{city.url}", f"/ru{promise.url}", f"/ru{settlement.url}"):
        html = html_of(client.get(path))
        assert "Бишкек" in html, path
        assert "Bishkek<" not in html.replace('<span lang="en">Bishkek<', ""), path
    person_page = html_of(client.get(f"/ru{person.url}"))
    assert "<h1>Алмазбек Атамбаев</h1>" in person_page
    assert '<span lang="en">Gas for Ak-Jar</span>' in person_page
    english = html_of(client.get(promise.url))
    assert '<span lang="en">' not in english and "english-note" not in english


def test_a_russian_feed_names_records_in_russian_and_links_in_russian(home):
    promise = PromisePageFactory(title="Gas for Ak-Jar", history=[("2011-08", "broken")])
    translate(promise, "ru", title="Газ для Ак-Жара")
    feed = Client().get("/ru/feeds/").content.decode()
    assert feed.count("Газ для Ак-Жара") == 2  # the new promise and its status change
    assert f"{settings.SITE_URL}/ru/record/{promise.pk}/" in feed


def test_the_promise_filters_name_records_in_the_readers_language(home):
    city = CityPageFactory(title="Bishkek")
    settlement = SettlementPageFactory(title="Ak-Jar", parent=city)
    untranslated = PersonPageFactory(title="Kurmanbek Bakiev")
    person = PersonPageFactory(title="Almazbek Atambaev")
    promise = PromisePageFactory(title="Gas for Ak-Jar", people=[person, untranslated],
                                 settlements=[settlement])
    translate(city, "ru", title="Бишкек")
    translate(settlement, "ru", title="Ак-Жар")
    translate(person, "ru", title="Алмазбек Атамбаев")
    list_url = f"/ru{promise.get_parent().url}"
    html = html_of(Client().get(list_url, {"city": city.pk, "promisor": person.pk}))
    assert f'<option value="{city.pk}" selected>Бишкек</option>' in html
    assert f'<option value="{settlement.pk}">Ак-Жар</option>' in html
    assert f'<option value="{person.pk}" selected>Алмазбек Атамбаев</option>' in html
    assert f'<option value="{untranslated.pk}" lang="en">Kurmanbek Bakiev</option>' in html
    assert "Bishkek" not in html and "Almazbek" not in html
    chosen = html_of(Client().get(list_url, {"promisor": untranslated.pk}))
    assert '— <span lang="en">Kurmanbek Bakiev</span>' in chosen
    english = html_of(Client().get(promise.get_parent().url, {"city": city.pk}))
    assert f'<option value="{settlement.pk}">Ak-Jar</option>' in english
    assert '<span lang="en">' not in english and '" lang="en">' not in english


def test_search_facets_name_records_in_the_readers_language(home):
    city = CityPageFactory(title="Bishkek")
    settlement = SettlementPageFactory(title="Ak-Jar", parent=city)
    person = PersonPageFactory(title="Almazbek Atambaev")
    untranslated = PersonPageFactory(title="Kurmanbek Bakiev")
    PromisePageFactory(title="Gas for Ak-Jar", people=[person, untranslated],
                       settlements=[settlement])
    translate(city, "ru", title="Бишкек")
    translate(settlement, "ru", title="Ак-Жар")
    translate(person, "ru", title="Алмазбек Атамбаев")
    html = html_of(Client().get("/ru/search/", {"q": "Gas"}))
    facets = html[html.index('class="facet"'):]
    assert 'rel="nofollow">Ак-Жар (Бишкек)</a>' in facets
    assert 'rel="nofollow">Алмазбек Атамбаев</a>' in facets
    assert 'rel="nofollow"><span lang="en">Kurmanbek Bakiev</span></a>' in facets
    english = html_of(Client().get("/search/", {"q": "Gas"}))
    assert 'rel="nofollow">Ak-Jar (Bishkek)</a>' in english
    assert '<span lang="en">' not in english


def test_a_subject_label_translated_shows_at_once_where_labels_are_kept(
        home, settings, django_capture_on_commit_callbacks):
    from django.core.cache import cache
    from wagtail.models import Locale

    from promises.models import SubjectLabel

    settings.FRAGMENT_CACHE_SECONDS = 3600
    settings.PAGE_CACHE_SECONDS = 0
    cache.clear()
    promise = PromisePageFactory(title="Gas for Ak-Jar", subjects=["electricity"])
    client = Client()
    assert '<a href="/ru/promises/?subject=electricity" lang="en">electricity</a>' in html_of(
        client.get(f"/ru{promise.url}"))
    english = SubjectLabel.objects.get(subject__slug="electricity")
    russian = english.copy_for_translation(Locale.objects.get_or_create(language_code="ru")[0])
    russian.label = "электричество"
    with django_capture_on_commit_callbacks(execute=True):
        russian.save()
    assert '?subject=electricity">электричество</a>' in html_of(client.get(f"/ru{promise.url}"))
    cache.clear()


def test_a_private_record_is_neither_offered_by_the_filters_nor_counted_by_facets(home):
    person = PersonPageFactory(title="Almazbek Atambaev")
    private = PersonPageFactory(title="Secret Official")
    promise = PromisePageFactory(title="Gas for Ak-Jar", people=[person, private])
    translate(person, "ru", title="Алмазбек Атамбаев")
    translate(private, "ru", title="Тайный чиновник")
    restrict(private)
    client = Client()
    for html in (html_of(client.get(f"/ru{promise.get_parent().url}")),
                 html_of(client.get("/ru/search/", {"q": "Gas"}))):
        assert "Алмазбек Атамбаев" in html
        assert "Тайный чиновник" not in html and "Secret Official" not in html
