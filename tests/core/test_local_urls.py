"""Links to pages (`{% localurl %}`, kept per process once resolved) keep the reader's language
and follow a page that moves."""

import pytest
from django.test import RequestFactory
from django.utils.translation import override

from core.templatetags.ubada_tags import local_url
from tests.factories import CityPageFactory, SettlementPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ak_jar(home):
    city = CityPageFactory(title="Bishkek", slug="bishkek")
    return SettlementPageFactory(title="Ak-Jar", slug="ak-jar", parent=city)


def link(page, language):
    with override(language):
        return local_url(page, RequestFactory().get("/"))


def test_a_link_is_in_the_readers_language(ak_jar):
    assert link(ak_jar, "en") == "/bishkek/ak-jar/"
    assert link(ak_jar, "ru") == "/ru/bishkek/ak-jar/"
    assert link(ak_jar, "en") == "/bishkek/ak-jar/"


def test_a_link_follows_a_page_that_moves(ak_jar):
    assert link(ak_jar, "ru") == "/ru/bishkek/ak-jar/"
    ak_jar.move(CityPageFactory(title="Osh", slug="osh"), pos="last-child")
    ak_jar.refresh_from_db()
    assert link(ak_jar, "ru") == "/ru/osh/ak-jar/"
