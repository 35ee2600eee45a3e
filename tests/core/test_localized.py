"""Translations are text only: with a Russian translation of every page, every list, count,
scorecard, feed, export, API answer and sitemap gives the same numbers as without them, and a
translation is shown in its record's place, never apart."""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation
from wagtail.models import Locale, Page

from core.localized import Translations
from core.visibility import published
from promises.models import PromisePage
from tests.factories import (
    BodyPageFactory,
    CityPageFactory,
    EventFactory,
    PersonPageFactory,
    PromisePageFactory,
    SettlementPageFactory,
    translate,
)

pytestmark = pytest.mark.django_db

PUBLIC_PATHS = ["/", "/promises/", "/promises/?status=broken", "/people/", "/bodies/",
                "/sources/", "/search/?q=Ak-Jar", "/corrections/"]
DATA_PATHS = ["/api/v1/promises", "/api/v1/status-changes", "/api/v1/settlements",
              "/api/v1/cities", "/api/v1/people", "/api/v1/bodies", "/data/promises.csv",
              "/data/status-changes.csv", "/sitemap.xml"]


@pytest.fixture
def world(home):
    city = CityPageFactory(title="Bishkek")
    ak_jar = SettlementPageFactory(title="Ak-Jar", parent=city)
    ata_turk = SettlementPageFactory(title="Ata-Turk", parent=city)
    person = PersonPageFactory(title="Almazbek Atambaev")
    mayor = BodyPageFactory(title="Bishkek City Hall", )
    event = EventFactory(title="Road blockade", date="2010-10", settlements=[ak_jar])
    promises = [
        PromisePageFactory(title="Electricity for Ak-Jar", people=[person], settlements=[ak_jar],
                           events=[event], history=[("2011-08", "broken")]),
        PromisePageFactory(title="Water for Ak-Jar", bodies=[mayor], settlements=[ak_jar],
                           deadline="2010-12", history=[("2011-02", "stalled")]),
        PromisePageFactory(title="Titles for Ata-Turk", bodies=[mayor], settlements=[ata_turk],
                           history=[("2012-01", "kept")]),
    ]
    return [city, ak_jar, ata_turk, person, mayor, *promises]


def translate_everything(language="ru"):
    for page in published(Page.objects.filter(depth__gt=1)).specific():
        translate(page, language, title=f"[{language}] {page.title}")


def texts(client, paths):
    answers = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        answers[path] = b"".join(response) if response.streaming else response.content
    return answers


def result_links(html):
    """The records a search page lists, in order, and its facet counts."""
    return re.findall(rb'<h3><a href="([^"]+)"|class="count">(\d+)<', html)


def scorecard_numbers(html):
    """Every count a page shows in a table cell or a count badge, in order."""
    return re.findall(r'<td>(\d+)</td>|class="count">(\d+)<', html)


def test_translations_change_no_count_list_export_or_feed(world):
    client = Client()
    pages = [page.url for page in world]
    before = texts(client, PUBLIC_PATHS + DATA_PATHS + pages)
    russian = {path: scorecard_numbers(html.decode()) for path, html in
               texts(client, [f"/ru{path}" for path in PUBLIC_PATHS + pages]).items()}
    feed_entries = texts(client, ["/feeds/"])["/feeds/"].count(b"<entry>")

    translate_everything("ru")
    assert PromisePage.objects.count() == 6  # three records, three translations

    after = texts(client, PUBLIC_PATHS + DATA_PATHS + pages)
    for path in before:
        if path.startswith("/search/"):  # translated names are searchable aliases, shown too
            assert result_links(after[path]) == result_links(before[path]), path
            assert scorecard_numbers(after[path].decode()) == scorecard_numbers(
                before[path].decode()), path
        else:
            assert after[path] == before[path], path
    for path, numbers in russian.items():
        assert scorecard_numbers(texts(client, [path])[path].decode()) == numbers, path
    assert texts(client, ["/feeds/"])["/feeds/"].count(b"<entry>") == feed_entries == 6


def test_one_query_per_model_for_a_list(world, django_assert_num_queries):
    translate_everything("ru")
    promises = list(published(PromisePage.objects.all()).prefetch_related("settlements"))
    with translation.override("ru"):
        translations = Translations()
        with django_assert_num_queries(3):  # the default locale; promises; settlements
            shown = translations.show_all(promises)
    assert [promise.title for promise in shown] == [f"[ru] {p.title}" for p in promises]
    assert shown[0].settlements.all()[0].title.startswith("[ru] ")
    assert promises[0].title == "Electricity for Ak-Jar"  # the canonical record is untouched


def test_a_field_left_equal_to_the_english_is_english(world):
    promise = world[-1]
    translate(promise, "ru", title="Документы для Ата-Тюрка")  # `text` stays the English
    with translation.override("ru"):
        shown = Translations().show(promise)
    assert shown.title == "Документы для Ата-Тюрка"
    assert "title" not in shown.english_fields and "text" in shown.english_fields


def test_an_alias_is_english(world):
    promise = world[-1]
    russian_index = translate(promise.get_parent(), "ru")  # the parent in the locale first
    promise.create_alias(parent=russian_index, update_locale=russian_index.locale,
                         update_slug=promise.slug)
    assert Locale.objects.get(language_code="ru").pk == russian_index.locale_id
    with translation.override("ru"):
        shown = Translations().show(promise)
    assert shown.translation is None and "title" in shown.english_fields


def test_a_published_translation_shows_at_once_where_translations_are_kept(
    client, world, settings, django_capture_on_commit_callbacks
):
    settings.FRAGMENT_CACHE_SECONDS = 3600  # translations kept, as in production
    settings.PAGE_CACHE_SECONDS = 0
    cache.clear()
    ak_jar, promise = world[1], world[5]
    for path in ("/ru" + promise.url, "/ru" + ak_jar.url):
        assert "Электричество" not in client.get(path).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        translate(promise, "ru", title="Электричество для Ак-Жара")
    for path in ("/ru" + promise.url, "/ru" + ak_jar.url):
        assert "Электричество для Ак-Жара" in client.get(path).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        translate(promise, "ru", title="Свет для Ак-Жара")
    assert "Свет для Ак-Жара" in client.get("/ru" + promise.url).content.decode()
    cache.clear()
