"""Email subscriptions with the tasks run inline and Django's test mailbox: who gets what, the
daily digest, the links, the form's answers and its rate limit."""

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone
from wagtail.models import PageViewRestriction

from following.models import Subscription
from following.tasks import send_daily_digests
from promises.models import PromisePage, StatusChange
from tests.factories import (
    PersonPageFactory,
    PromisePageFactory,
    SettlementPageFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

ADDRESS = "resident@example.org"


def subscribe(client, page, frequency="immediate", address=ADDRESS, prefix=""):
    return client.post(f"{prefix}/follow/{page.pk}/", {"email": address, "frequency": frequency})


def confirm_last(client, mailoutbox):
    path = urlsplit(re.search(r"https?://\S+/follow/confirm/\S+", mailoutbox[-1].body)[0]).path
    return client.get(path)


def follow(client, mailoutbox, page, frequency="immediate"):
    subscribe(client, page, frequency)
    assert confirm_last(client, mailoutbox).status_code == 200
    mailoutbox.clear()


def publish_status_change(promise, status, date="2026-12"):
    promise = PromisePage.objects.get(pk=promise.pk)
    change = StatusChange(date=date, status=status, rationale=f"Now {status}.")
    change.sources = [SourceFactory()]
    promise.status_changes.add(change)
    promise.save_revision().publish()


def test_nothing_but_the_confirmation_goes_to_an_unconfirmed_address(client, home, mailoutbox):
    ak_jar = SettlementPageFactory(title="Ak-Jar")
    promise = PromisePageFactory(title="Electricity for Ak-Jar", settlements=[ak_jar])

    response = subscribe(client, ak_jar)
    publish_status_change(promise, "broken")

    assert "Check your inbox" in response.content.decode()
    [confirmation] = mailoutbox
    assert confirmation.to == [ADDRESS]
    assert "Confirm your Ubada alerts for Ak-Jar" in confirmation.subject


def test_followers_of_the_city_person_and_promise_hear_of_a_change(client, home, mailoutbox):
    ak_jar = SettlementPageFactory(title="Ak-Jar")
    mayor = PersonPageFactory(title="Mayor Usenov")
    promise = PromisePageFactory(title="Electricity for Ak-Jar", settlements=[ak_jar],
                                 people=[mayor])
    unrelated = SettlementPageFactory(title="Ak-Bosogo")
    for address, page in (("city@example.org", ak_jar.city), ("mayor@example.org", mayor),
                          ("promise@example.org", promise), ("other@example.org", unrelated)):
        subscribe(client, page, address=address)
        confirm_last(client, mailoutbox)
    mailoutbox.clear()

    publish_status_change(promise, "broken")

    assert sorted(message.to[0] for message in mailoutbox) == [
        "city@example.org", "mayor@example.org", "promise@example.org"]
    assert all("Electricity for Ak-Jar is now “Broken”" in message.subject
               for message in mailoutbox)


def test_a_private_promise_sends_no_alert(client, home, mailoutbox):
    ak_jar = SettlementPageFactory(title="Ak-Jar")
    promise = PromisePageFactory(title="Secret deal", settlements=[ak_jar])
    follow(client, mailoutbox, ak_jar)
    PageViewRestriction.objects.create(
        page=promise, restriction_type=PageViewRestriction.PASSWORD, password="swordfish")

    publish_status_change(promise, "broken")

    assert mailoutbox == []


def test_the_daily_digest_sends_the_days_changes_once(client, home, mailoutbox):
    ak_jar = SettlementPageFactory(title="Ak-Jar")
    water = PromisePageFactory(title="Water for Ak-Jar", settlements=[ak_jar])
    power = PromisePageFactory(title="Electricity for Ak-Jar", settlements=[ak_jar])
    follow(client, mailoutbox, ak_jar, frequency="daily")

    publish_status_change(water, "in_progress")
    publish_status_change(power, "broken")
    assert mailoutbox == []  # a digest subscriber gets nothing at once

    send_daily_digests.enqueue()
    send_daily_digests.enqueue()

    [digest] = mailoutbox
    assert digest.subject == "Ubada: 2 status changes for Ak-Jar"
    assert "Water for Ak-Jar" in digest.body and "Electricity for Ak-Jar" in digest.body
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_digest_deletes_addresses_never_confirmed(client, home, mailoutbox, settings):
    ak_jar = SettlementPageFactory(title="Ak-Jar")
    subscribe(client, ak_jar, address="late@example.org")
    subscribe(client, ak_jar, address="fresh@example.org")
    Subscription.objects.filter(email="late@example.org").update(
        created_at=timezone.now() - dt.timedelta(days=settings.FOLLOWING_CONFIRM_DAYS + 1))

    send_daily_digests.enqueue()

    assert list(Subscription.objects.values_list("email", flat=True)) == ["fresh@example.org"]


def test_asking_again_changes_nothing_until_the_new_link_is_followed(client, home, mailoutbox):
    ak_jar = SettlementPageFactory(title="Ak-Jar")
    follow(client, mailoutbox, ak_jar, frequency="immediate")

    response = subscribe(client, ak_jar, frequency="daily", prefix="/ru",
                         address="resident@EXAMPLE.org")  # the same address

    assert response.status_code == 200  # the same answer as for a new address
    subscription = Subscription.objects.get()
    assert (subscription.frequency, subscription.language) == ("immediate", "en")
    confirm_last(client, mailoutbox)
    subscription.refresh_from_db()
    assert (subscription.frequency, subscription.language) == ("daily", "ru")


def test_opening_the_unsubscribe_link_asks_before_deleting(client, home, mailoutbox):
    ak_jar = SettlementPageFactory(title="Ak-Jar")
    promise = PromisePageFactory(title="Electricity for Ak-Jar", settlements=[ak_jar])
    follow(client, mailoutbox, ak_jar)
    publish_status_change(promise, "broken")
    url = mailoutbox[0].extra_headers["List-Unsubscribe"].strip("<>")

    page = client.get(urlsplit(url).path)

    assert page.status_code == 200
    assert '<button type="submit">Unsubscribe</button>' in page.content.decode()
    assert Subscription.objects.filter(email=ADDRESS).exists()
    client.post(urlsplit(url).path)
    assert not Subscription.objects.filter(email=ADDRESS).exists()
    assert client.post(urlsplit(url).path).status_code == 200  # a second click is harmless


@pytest.mark.parametrize("path", [
    "/follow/confirm/not-a-token/", "/follow/unsubscribe/not-a-token/",
    "/follow/confirm/eyJpZCI6MX0:1xZ5bb:forged/",
])
def test_a_broken_link_says_so(client, home, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()


def test_a_bad_address_is_refused_with_a_message(client, home, mailoutbox):
    ak_jar = SettlementPageFactory(title="Ak-Jar")

    response = subscribe(client, ak_jar, address="not an address")

    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
    assert mailoutbox == [] and not Subscription.objects.exists()
    assert client.post("/follow/999999/", {"email": ADDRESS}).status_code == 404
    assert client.get(f"/follow/{ak_jar.pk}/").status_code == 405


def test_the_form_is_on_the_record_pages(client, home):
    ak_jar = SettlementPageFactory(title="Ak-Jar")
    promise = PromisePageFactory(title="Electricity for Ak-Jar", settlements=[ak_jar])

    for page in (ak_jar, ak_jar.city, promise):
        response = client.get(page.url)
        html = response.content.decode()
        assert f'action="/follow/{page.pk}/" class="follow-form"' in html, page.url
        assert 'type="email" name="email"' in html
        assert not response.cookies  # no CSRF cookie: the page stays in the page cache


def test_too_many_subscriptions_from_one_client_get_a_429(client, home, mailoutbox):
    ak_jar = SettlementPageFactory(title="Ak-Jar")
    cache.clear()
    with override_settings(RATELIMIT_ENABLE=True, RATE_LIMITS={"subscribe": "2/h"}):
        for number in range(2):
            assert subscribe(client, ak_jar, address=f"r{number}@example.org").status_code == 200
        response = subscribe(client, ak_jar, address="r3@example.org")
    cache.clear()

    assert response.status_code == 429
    assert len(mailoutbox) == 2
