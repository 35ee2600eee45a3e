"""A reader of /ru/, /ky/ or /kk/ reads the records in their language where a translation
exists, and the English elsewhere, marked as English with a note in their language."""

import re

import pytest
from django.test import Client

from tests.factories import (
    PromisePageFactory,
    SettlementPageFactory,
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
