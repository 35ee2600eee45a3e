"""The interface in Russian, Kyrgyz and Kazakh: complete catalogues, and pages that use them."""

import re
from html import unescape
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from tests.factories import CityPageFactory, PromisePageFactory, SettlementPageFactory

LOCALE = Path(settings.BASE_DIR) / "locale"
PLURAL_FORMS = {
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
          "(n%100<10 || n%100>=20) ? 1 : 2);",
    "ky": "nplurals=2; plural=(n != 1);",
    "kk": "nplurals=2; plural=(n != 1);",
}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


@pytest.fixture(autouse=True)
def english_afterwards():
    """A request to /ru/ leaves Russian active in this thread: give later tests English back."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


def text_of(response):
    """The page as a visitor reads it: tags removed, whitespace collapsed."""
    assert response.status_code in (200, 404)
    html = response.content.decode()
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def nav_labels(response):
    html = response.content.decode()
    nav = re.search(r'<nav aria-label="[^"]*">(.*?)</nav>', html, re.S).group(1)
    return re.findall(r">([^<]+)</a>", nav)


# The catalogues ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["ru", "ky", "kk"])
def test_every_string_is_translated_and_compiled(language):
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    assert po.metadata["Plural-Forms"] == PLURAL_FORMS[language]
    assert not po.metadata_is_fuzzy
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []
    for entry in po.translated_entries():
        wanted = set(PLACEHOLDER.findall(entry.msgid)) | set(
            PLACEHOLDER.findall(entry.msgid_plural or ""))
        forms = (list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr])
        if entry.msgid_plural:
            assert len(forms) == int(PLURAL_FORMS[language].split(";")[0].split("=")[1])
        for form in forms:
            assert set(PLACEHOLDER.findall(form)) <= wanted, (entry.msgid, form)
        if not entry.msgid_plural:
            assert set(PLACEHOLDER.findall(entry.msgstr)) == wanted, (entry.msgid, entry.msgstr)
    # The .mo file is committed (a fresh machine may have no msgfmt): it must match the .po.
    mo = polib.mofile(str(LOCALE / language / "LC_MESSAGES" / "django.mo"))
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in mo if e.msgid}
    for entry in po.translated_entries():
        assert (entry.msgctxt, entry.msgid) in compiled, f"{entry.msgid!r}: run compilemessages"
        msgstr, plural = compiled[(entry.msgctxt, entry.msgid)]
        if entry.msgid_plural:
            assert {int(k): v for k, v in plural.items()} == {
                int(k): v for k, v in entry.msgstr_plural.items()}, entry.msgid
        else:
            assert msgstr == entry.msgstr, f"{entry.msgid!r}: run compilemessages"


def test_russian_plurals_have_three_forms():
    with translation.override("ru"):
        shown = [translation.ngettext("%(total)s promise", "%(total)s promises", n)
                 % {"total": n} for n in (1, 3, 5, 11, 21, 22, 25)]
    assert shown == ["1 обещание", "3 обещания", "5 обещаний", "11 обещаний", "21 обещание",
                     "22 обещания", "25 обещаний"]


# Pages ------------------------------------------------------------------------------------


@pytest.fixture
def broken_promise(home):
    bishkek = CityPageFactory(title="Bishkek")
    ak_jar = SettlementPageFactory(title="Ak-Jar", parent=bishkek)
    return PromisePageFactory(
        title="Electricity for Ak-Jar", settlements=[ak_jar],
        history=[("2011-08", "broken")],
    )


def test_russian_navigation_and_home_page(client, home):
    response = client.get("/ru/")
    assert '<html lang="ru">' in response.content.decode()
    assert nav_labels(response) == ["Обещания", "Люди", "Органы власти", "Методика",
                                    "Источники"]
    text = text_of(response)
    assert "Обещания по статусам" in text
    assert "Просроченные обещания" in text
    assert "Перейти к содержанию" in text
    for status in ("Ещё не оценено", "Выполняется", "Застопорилось", "Выполнено частично",
                   "Выполнено", "Нарушено"):
        assert status in text


def test_russian_promise_page_shows_the_status_in_russian(client, broken_promise):
    text = text_of(client.get("/ru" + broken_promise.url))
    assert "Нарушено" in text and "Broken" not in text
    assert "Что обещали" in text
    assert "История статуса" in text
    assert "Как сослаться" in text and "Cite this" not in text
    assert "Кому обещали" in text


def test_russian_promise_list_and_settlement_page(client, broken_promise):
    listing = client.get("/ru/promises/")
    assert re.search(r"<h1>\s*Обещания\s*</h1>", listing.content.decode())
    text = text_of(listing)
    assert "1 обещание" in text and "Отбор обещаний" in text and "Показать обещания" in text
    settlement = text_of(client.get("/ru" + broken_promise.settlements.first().url))
    assert "Основные сведения" in settlement and "Обещания этому поселению" in settlement
    assert "Хронология" in settlement


def test_kyrgyz_pages(client, broken_promise):
    home = client.get("/ky/")
    assert nav_labels(home)[0] == "Убадалар"
    text = text_of(home)
    assert "Убадалар абалы боюнча" in text and "Мөөнөтү өткөн убадалар" in text
    assert "Бузулду" in text_of(client.get("/ky" + broken_promise.url))


def test_kazakh_pages(client, broken_promise):
    home = client.get("/kk/")
    assert nav_labels(home)[0] == "Уәделер"
    text = text_of(home)
    assert "Уәделер жағдайы бойынша" in text and "Мерзімі өткен уәделер" in text
    assert "Бұзылды" in text_of(client.get("/kk" + broken_promise.url))


def test_missing_page_in_russian(client, home):
    response = client.get("/ru/no-such-page/")
    assert response.status_code == 404
    assert "Страница не найдена" in text_of(response)


def test_english_stays_english(client, broken_promise):
    response = client.get(broken_promise.url)
    assert nav_labels(response)[0] == "Promises"
    assert "Broken" in text_of(response)
