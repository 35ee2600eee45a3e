"""Atom feeds: what a feed reader subscribed to the site, a settlement, a person or a subject
receives, in the reader's language, and never anything private."""

import feedparser
import pytest

from tests.factories import (
    BodyPageFactory,
    PersonPageFactory,
    PromisePageFactory,
    SettlementPageFactory,
    restrict,
)

pytestmark = pytest.mark.django_db


def read_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def titles(feed):
    return [entry.title for entry in feed.entries]




def test_a_settlement_feed_has_its_new_promises_and_status_changes(client, home):
    ak_jar = SettlementPageFactory(title="Ak-Jar")
    PromisePageFactory(title="Electricity for Ak-Jar", settlements=[ak_jar],
                       history=[("2010-11", "in_progress"), ("2011-06", "broken")])
    PromisePageFactory(title="Water for Ak-Bosogo")

    feed = read_feed(client, f"/feeds/record/{ak_jar.pk}/")

    assert feed.feed.title == "Ubada: Ak-Jar"
    assert "New promise: Electricity for Ak-Jar" in titles(feed)
    assert "Electricity for Ak-Jar is now “Broken”" in titles(feed)
    assert "Electricity for Ak-Jar is now “In progress”" in titles(feed)
    assert not [title for title in titles(feed) if "Ak-Bosogo" in title]
    entry = next(entry for entry in feed.entries if "Broken" in entry.title)
    assert entry.link.startswith("http://testserver/record/")
    assert "Became broken." in entry.summary


def test_feeds_of_a_city_person_body_and_subject_cover_their_promises(client, home):
    ak_jar = SettlementPageFactory(title="Ak-Jar")
    mayor = PersonPageFactory(title="Mayor Usenov")
    office = BodyPageFactory(title="Bishkek City Hall")
    PromisePageFactory(title="Electricity for Ak-Jar", settlements=[ak_jar], people=[mayor],
                       bodies=[office], subjects=["electricity"])
    PromisePageFactory(title="Schools elsewhere", subjects=["schools"])

    for url in (f"/feeds/record/{ak_jar.city_id}/", f"/feeds/record/{mayor.pk}/",
                f"/feeds/record/{office.pk}/", "/feeds/subject/electricity/"):
        assert titles(read_feed(client, url)) == ["New promise: Electricity for Ak-Jar"], url
    subject_feed = read_feed(client, "/feeds/subject/electricity/").feed
    assert subject_feed.link == "http://testserver/promises/?subject=electricity"
    assert len(read_feed(client, "/feeds/").entries) == 2


def test_a_feed_speaks_the_language_of_its_url(client, home):
    PromisePageFactory(title="Electricity for Ak-Jar", history=[("2011-06", "broken")])

    feed = read_feed(client, "/ru/feeds/")

    assert feed.feed.language == "ru"
    assert feed.feed.link == "http://testserver/ru/promises/"
    assert all(entry.link.startswith("http://testserver/ru/record/") for entry in feed.entries)


def test_private_and_unpublished_promises_stay_out_of_every_feed(client, home):
    ak_jar = SettlementPageFactory(title="Ak-Jar")
    secret = PromisePageFactory(title="Secret deal", settlements=[ak_jar], subjects=["land"],
                                history=[("2011-06", "broken")])
    draft = PromisePageFactory(title="Withdrawn promise", settlements=[ak_jar])
    restrict(secret)
    draft.unpublish()

    for url in ("/feeds/", f"/feeds/record/{ak_jar.pk}/"):
        assert titles(read_feed(client, url)) == [], url
    assert client.get("/feeds/subject/land/").status_code == 404  # only the secret carries it


@pytest.mark.parametrize("url", [
    "/feeds/record/999999/", "/feeds/subject/no-such-subject/", "/feeds/record/1/",
])
def test_unknown_or_unfollowable_records_have_no_feed(client, home, url):
    assert client.get(url).status_code == 404


def test_a_private_settlement_has_no_feed(client, home):
    ak_jar = SettlementPageFactory(title="Ak-Jar")
    restrict(ak_jar)
    assert client.get(f"/feeds/record/{ak_jar.pk}/").status_code == 404


def test_pages_announce_their_feeds_in_the_head(client, home):
    ak_jar = SettlementPageFactory(title="Ak-Jar")

    html = client.get(ak_jar.url).content.decode()

    assert '<link rel="alternate" type="application/atom+xml" title="Ubada: Ak-Jar" ' \
           f'href="/feeds/record/{ak_jar.pk}/">' in html
    assert 'type="application/atom+xml" title="Ubada: every promise" href="/feeds/">' in html
    ru_html = client.get(f"/ru{ak_jar.url}").content.decode()
    assert f'href="/ru/feeds/record/{ak_jar.pk}/"' in ru_html
