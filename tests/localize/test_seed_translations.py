"""load_seed loads the seed's translations with wagtail-localize's own records: live pages and
snippets in the reader's language, pointing at the English (canonical) records."""

import re

import pytest
from taggit.models import Tag
from wagtail.models import Page, Revision
from wagtail_localize.models import StringTranslation, TranslationLog

from chronicle.models import Event
from core.translation import canonical, translation_note, translation_of, translations_of
from exports import datapackage
from places.models import SettlementPage
from promises.models import PromisePage
from promises.subject_labels import subject_labels
from sources.models import Source
from website.seed import SeedError, load_seed

from .conftest import RUSSIAN, write_study

pytestmark = pytest.mark.django_db


def promise(language_code):
    return PromisePage.objects.get(slug="ak-jar-water", locale__language_code=language_code)


def test_translations_become_live_russian_pages_of_the_same_record(translated):
    english, russian = promise("en"), promise("ru")
    assert russian.live and not russian.alias_of_id
    assert russian.translation_key == english.translation_key
    assert russian.title == "Электричество и вода для Ак-Жара"
    assert russian.text == "Мэр обещал электричество и воду."
    assert [change.rationale for change in russian.status_history()] == [
        "Поставили столбы.", "Электричество не подали."]
    assert translation_of(english, "ru").pk == russian.pk
    assert canonical(russian) == english and canonical(english) is english
    assert SettlementPage.objects.get(slug="ak-jar", locale__language_code="ru").title == "Ак-Жар"
    city = translation_of(english.settlements.get().city, "ru")
    assert city.summary == "<p>В Бишкеке 53 новостройки.</p><p>Ак-Жар — крупнейшая.</p>"
    assert translation_note("ru") == "Перевод Ubada английского текста исследования"


def test_every_page_resolves_in_every_language(translated, client):
    assert client.get("/ru/promises/ak-jar-water/").status_code == 200
    # no ky directory: Kyrgyz is skipped, and the page is read in English there
    assert not PromisePage.objects.filter(locale__language_code="ky").exists()
    assert translation_note("ky") == ""
    kyrgyz = client.get("/ky/promises/ak-jar-water/")
    assert kyrgyz.status_code == 200 and 'lang="en"' in kyrgyz.content.decode()
    assert client.get("/ru/bishkek/ak-jar/").status_code == 200


def test_the_russian_promise_keeps_the_english_dates_status_and_links(translated):
    english, russian = promise("en"), promise("ru")
    for field in ("slug", "made", "deadline", "status", "deadline_due", "occasion", "source_id",
                  "election_id"):
        assert getattr(russian, field) == getattr(english, field), field
    assert list(russian.people.all()) == list(english.people.all())  # the English pages
    assert list(russian.settlements.all()) == list(english.settlements.all())
    assert set(russian.subjects.names()) == {"electricity", "water"}
    english_history, russian_history = english.status_history(), russian.status_history()
    for english, translation in zip(english_history, russian_history, strict=True):
        assert (translation.date, translation.status) == (english.date, english.status)
        assert translation.translation_key == english.translation_key
        assert list(translation.sources.all()) == list(english.sources.all())
        assert translation.sources.get().locale.language_code == "en"


def facts(settlement):
    """A settlement's facts as (kind, note, what translations never change), in study order."""
    return [(relation, row.note, (row.translation_key, row.as_of, row.source_id,
                                  getattr(row, "status", None), getattr(row, "level", None),
                                  getattr(row, "people", None)))
            for relation in ("legal_statuses", "sizes", "services")
            for row in getattr(settlement, relation).order_by("pk")]


def test_settlement_facts_are_translated_with_their_settlement(translated):
    english = SettlementPage.objects.get(slug="ak-jar", locale__language_code="en")
    russian = SettlementPage.objects.get(slug="ak-jar", locale__language_code="ru")
    english_facts, russian_facts = facts(english), facts(russian)
    assert [(relation, note) for relation, note, _kept in russian_facts] == [
        ("legal_statuses", "Мигранты захватили землю."),
        ("legal_statuses", "Суд решил в их пользу."),
        ("sizes", "around 15,000"),  # no Russian note: the English one
        ("services", "Подачи нет."),
        ("services", ""),
    ]
    assert [kept for *_, kept in russian_facts] == [kept for *_, kept in english_facts]


def test_the_russian_settlement_page_shows_the_translated_notes(translated, client):
    page = client.get("/ru/bishkek/ak-jar/").content.decode()
    assert "Мигранты захватили землю." in page and "Суд решил в их пользу." in page
    assert "Подачи нет." in page and "Migrants seized the land" not in page
    assert re.search(r'<span class="note" lang="en"[^>]*>around 15,000', page)
    assert not re.search(r'lang="en"[^>]*>Мигранты', page)
    english = client.get("/bishkek/ak-jar/").content.decode()
    assert "Migrants seized the land." in english and "Мигранты" not in english


def test_a_source_and_an_event_are_translated_but_counted_once(translated, client):
    english = Source.objects.get(page=9, locale__language_code="en")
    russian = translation_of(english, "ru")
    assert russian.title == "Исследование: Бишкек, с. 9"
    assert russian.part_of == english.part_of  # the English document
    assert (russian.page, russian.excerpt) == (9, "Ак-Жар — крупнейшее поселение.")
    event = Event.objects.get(locale__language_code="en")
    assert translations_of([event], "ru")[event.translation_key].title == (
        "Жители Ак-Жара перекрывают дорогу")
    assert Source.objects.count() == 3 and Event.objects.count() == 2
    assert client.get("/api/v1/sources").json()["count"] == 2
    assert client.get("/api/v1/events").json()["count"] == 1
    assert len(list(datapackage.source_rows())) == 2
    assert len(list(datapackage.event_rows())) == 1
    assert client.get(f"/sources/{russian.pk}/").status_code == 404
    page = client.get(f"/sources/{english.part_of_id}/")
    assert page.content.decode().count("Study: Bishkek, p. 9") == 1


def test_subjects_read_in_the_readers_language(translated):
    electricity, water = Tag.objects.get(name="electricity"), Tag.objects.get(name="water")
    assert subject_labels([electricity, water], "ru") == {electricity.pk: "электричество",
                                                          water.pk: "water"}
    assert subject_labels([electricity], "en") == {electricity.pk: "electricity"}


def test_a_second_run_changes_nothing(translated):
    def state():
        return (Revision.objects.count(), TranslationLog.objects.count(), Page.objects.count(),
                list(StringTranslation.objects.values_list("pk", "updated_at")))

    before = state()
    load_seed(translated, translations=translated.parent / "translations")
    assert state() == before


def test_a_changed_translation_file_updates_the_translation(translated, tmp_path):
    seed, translations = write_study(tmp_path, RUSSIAN.replace(
        "Электричество и вода для Ак-Жара", "Свет и вода для Ак-Жара"))
    load_seed(seed, translations=translations)
    assert promise("ru").title == "Свет и вода для Ак-Жара"
    assert promise("ru").live and not promise("ru").has_unpublished_changes


@pytest.mark.parametrize(("wrong", "right", "message"), [
    ("    text: \"Мэр", "    txt: \"Мэр", "promise 'ak-jar-water': unknown fields ['txt']"),
    ("      - {rationale: \"Поставили столбы.\"}\n", "",
     "promise 'ak-jar-water': status_history has 1 entries, the English 2"),
    ("53 новостройки.\\n\\nАк-Жар", "53 новостройки. Ак-Жар",
     "city 'bishkek': summary has 1 paragraphs, the English 2"),
    ("- key: ak-jar\n", "- key: ak-zhar\n", "settlement 'ak-zhar': no such record"),
    ("      - {note: \"Суд решил в их пользу.\"}\n", "",
     "settlement 'ak-jar': legal_status has 1 entries, the English 2"),
    ("      - {}\n", "      - {note: \"Вода есть.\"}\n",
     "settlement 'ak-jar': services: note has 1 paragraphs, the English 0"),
    ("{note: \"Подачи нет.\"}", "{notes: \"Подачи нет.\"}",
     "settlement 'ak-jar': services: unknown ['notes']"),
    ("subjects:\n  electricity:", "subjects:\n  electrics:", "subject 'electrics': no such"),
])
def test_a_translation_that_does_not_fit_the_study_is_refused_naming_the_record(
        translated, tmp_path, wrong, right, message):
    assert wrong in RUSSIAN
    seed, translations = write_study(tmp_path, RUSSIAN.replace(wrong, right).replace(
        "Электричество и вода для Ак-Жара", "Свет и вода для Ак-Жара"))
    with pytest.raises(SeedError, match=re.escape(message)):
        load_seed(seed, translations=translations)
    assert promise("ru").title == "Электричество и вода для Ак-Жара"  # nothing saved
