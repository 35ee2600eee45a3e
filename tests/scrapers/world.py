"""Fixtures for the scraper tests that use the database: a small world of settlements,
promisors and promises (seed names and aliases), a fake outlet served over loopback HTTP."""

from __future__ import annotations

import pytest

from places.models import Country
from scrapers.models import Outlet
from tests.factories import (
    BodyPageFactory,
    CityPageFactory,
    PersonPageFactory,
    PromisePageFactory,
    SettlementPageFactory,
)

from .news_site import STORIES, NewsSite, article_html

__all__ = ["outlet", "publish", "site", "world"]


@pytest.fixture
def site():
    running = NewsSite().start()
    yield running
    running.stop()


def publish(site: NewsSite, key: str, path: str, **changes) -> str:
    """Serve story ``key`` of STORIES at ``path``; keyword arguments change the page."""
    story = {**STORIES[key], **changes}
    encoding = changes.pop("encoding", "utf-8")
    html = article_html(
        story["title"], story["paragraphs"], published=story.get("published", ""),
        lang=story["lang"], author=story.get("author", ""),
        canonical=story.get("canonical", ""), script=story.get("script", True),
        charset_meta=story.get("charset_meta", encoding),
    )
    return site.page(path, html.encode(encoding),
                     content_type=story.get("content_type", f"text/html; charset={encoding}"))


def _promises(ak_jar, shanyrak, triangle, zapadnyj, atambaev, bodies):
    """The study's promises to the four settlements, by the seed's slugs."""
    bishkek_mayor, osh_mayor, almaty_akimat, astana_akimat = bodies
    return {
        "ak-jar": PromisePageFactory(
            title="Electricity and water for Ak-Jar", made="2010-11",
            bodies=[bishkek_mayor], settlements=[ak_jar], subjects=["electricity", "water"],
        ),
        "ak-jar-2011": PromisePageFactory(
            title="Atambaev promises Ak-Jar electricity and water", made="2011-08",
            people=[atambaev], bodies=[bishkek_mayor], settlements=[ak_jar],
            subjects=["electricity", "water"],
        ),
        "shanyrak": PromisePageFactory(
            title="No evictions or demolitions in Shanyrak", made="",
            bodies=[almaty_akimat], settlements=[shanyrak], subjects=["eviction"],
        ),
        "triangle": PromisePageFactory(
            title="Legalise Triangle by the end of 2012", made="",
            bodies=[astana_akimat], settlements=[triangle], subjects=["legalisation"],
        ),
        "zapadnyj": PromisePageFactory(
            title="Other land for the Zapadnyj occupiers within a year", made="2010-11",
            bodies=[osh_mayor], settlements=[zapadnyj], subjects=["land"],
        ),
    }


@pytest.fixture
def world(home):
    """Settlements, people, bodies and promises named as in the seed data."""
    kg = Country.objects.get_or_create(code="KG", defaults={"name": "Kyrgyzstan"})[0]
    kz = Country.objects.get_or_create(code="KZ", defaults={"name": "Kazakhstan"})[0]
    bishkek = CityPageFactory(title="Bishkek", other_names="Бишкек", country=kg)
    osh = CityPageFactory(title="Osh", other_names="Ош", country=kg)
    almaty = CityPageFactory(title="Almaty", other_names="Алматы\nАлма-Ата", country=kz)
    astana = CityPageFactory(title="Astana", other_names="Астана", country=kz)
    ak_jar = SettlementPageFactory(
        title="Ak-Jar", parent=bishkek,
        other_names="Ак-Жар\nАк Жар\nАкжар\nAk-Zhar\nAkzhar\nAk Jar",
    )
    shanyrak = SettlementPageFactory(title="Shanyrak", parent=almaty,
                                     other_names="Shanyraq\nШанырак\nШаңырақ")
    triangle = SettlementPageFactory(title="Triangle", parent=astana,
                                     other_names="Треугольник\nTreugolnik")
    zapadnyj = SettlementPageFactory(title="Zapadnyj land occupation", parent=osh,
                                     other_names="Zapadnyj\nZapadny\nЗападный")
    bishkek_mayor = BodyPageFactory(
        title="Bishkek city administration", city=bishkek, country=kg,
        other_names="Mayor of Bishkek\nМэрия Бишкека",
    )
    osh_mayor = BodyPageFactory(title="Osh city administration", city=osh, country=kg,
                                other_names="Мэрия Оша")
    almaty_akimat = BodyPageFactory(title="Almaty city administration", city=almaty,
                                    country=kz, other_names="Акимат Алматы")
    astana_akimat = BodyPageFactory(title="Astana city administration", city=astana,
                                    country=kz, other_names="Astana akimat\nАкимат Астаны")
    atambaev = PersonPageFactory(
        title="Almazbek Atambaev",
        other_names="Atambayev\nAtambaev\nАлмазбек Атамбаев\nАтамбаев",
    )
    promises = _promises(
        ak_jar, shanyrak, triangle, zapadnyj, atambaev,
        bodies=(bishkek_mayor, osh_mayor, almaty_akimat, astana_akimat),
    )
    return {
        "settlements": {"ak-jar": ak_jar, "shanyrak": shanyrak, "triangle": triangle,
                        "zapadnyj": zapadnyj},
        "people": {"atambaev": atambaev},
        "promises": promises,
    }


@pytest.fixture
def outlet(db, site):
    return Outlet.objects.create(
        name="Окраина-Ньюс", slug="okraina", home_page=site.url("/"),
        languages="ru, ky, kk, en", feed_urls=site.url("/rss.xml"), enabled=True,
    )
