"""The embeddable widgets: any site may frame them; no other page of the site may be framed."""

import html

import pytest
from wagtail.models import PageViewRestriction

from tests.factories import PersonPageFactory, PromisePageFactory, SettlementPageFactory

pytestmark = pytest.mark.django_db


def frame_ancestors(response):
    policy = response["Content-Security-Policy"]
    return next(part.split()[1:] for part in policy.split(";")
                if part.split() and part.split()[0] == "frame-ancestors")


def test_a_settlement_widget_lists_its_promises_and_any_site_may_frame_it(client, home):
    ak_jar = SettlementPageFactory(title="Ak-Jar")
    PromisePageFactory(title="Electricity for Ak-Jar", settlements=[ak_jar],
                       history=[("2011-06", "broken")])

    response = client.get(f"/embed/settlement/{ak_jar.pk}/")

    assert response.status_code == 200
    assert frame_ancestors(response) == ["*"]
    assert "X-Frame-Options" not in response
    page = response.content.decode()
    assert "Electricity for Ak-Jar" in page
    assert "<script" not in page
    assert '<base target="_blank">' in page


def test_a_person_widget_shows_their_scorecard(client, home):
    mayor = PersonPageFactory(title="Mayor Usenov")
    PromisePageFactory(title="Roads", people=[mayor], history=[("2011-06", "broken")])
    PromisePageFactory(title="Water", people=[mayor], history=[("2012-01", "kept")])

    response = client.get(f"/embed/person/{mayor.pk}/")

    assert frame_ancestors(response) == ["*"]
    assert "X-Frame-Options" not in response
    page = response.content.decode()
    assert "2 promises recorded." in page
    assert "Roads" in page and "Water" in page


def test_every_other_page_stays_unframeable(client, home):
    ak_jar = SettlementPageFactory(title="Ak-Jar")
    mayor = PersonPageFactory(title="Mayor Usenov")

    for url in (ak_jar.url, mayor.url, "/", "/feeds/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["X-Frame-Options"] == "DENY", url
        assert frame_ancestors(response) == ["'self'"], url


def test_the_record_pages_give_the_snippet_to_copy(client, home):
    ak_jar = SettlementPageFactory(title="Ak-Jar")
    mayor = PersonPageFactory(title="Mayor Usenov")

    settlement_page = html.unescape(client.get(ak_jar.url).content.decode())
    person_page = html.unescape(client.get(mayor.url).content.decode())

    assert (f'<iframe src="http://testserver/embed/settlement/{ak_jar.pk}/" '
            'title="Ak-Jar on Ubada"') in settlement_page
    assert f'<iframe src="http://testserver/embed/person/{mayor.pk}/"' in person_page


@pytest.mark.parametrize("kind", ["settlement", "person"])
def test_no_widget_for_a_private_or_unknown_record(client, home, kind):
    record = SettlementPageFactory() if kind == "settlement" else PersonPageFactory()
    PageViewRestriction.objects.create(
        page=record, restriction_type=PageViewRestriction.PASSWORD, password="swordfish")

    assert client.get(f"/embed/{kind}/{record.pk}/").status_code == 404
    assert client.get(f"/embed/{kind}/999999/").status_code == 404
    assert client.get(f"/embed/{'person' if kind == 'settlement' else 'settlement'}/"
                      f"{record.pk}/").status_code == 404
