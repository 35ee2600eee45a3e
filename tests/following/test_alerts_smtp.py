"""Email alerts end to end, through a real SMTP server on loopback and django-tasks-db's worker:
subscribe from the page, confirm from the received link, publish a status change, get exactly
one alert, unsubscribe with one request.

These tests commit (transaction=True), as the worker does, and so build the site tree
themselves (a flushed database has no root page)."""

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command

from following.models import Subscription
from places.models import SettlementPage
from promises.models import PromisePage, StatusChange
from sources.models import Source
from tests.factories import PromisePageFactory, SettlementPageFactory
from website.seed import load_seed
from website.site_tree import ensure_site_tree

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ADDRESS = "resident@example.org"


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")


def link_in(message, path_prefix):
    """The path of the first link in the message's text under `path_prefix`."""
    urls = re.findall(r"https?://\S+", message.get_content())
    return next(urlsplit(url).path for url in urls if path_prefix in urlsplit(url).path)


def subscribe_from_page(client, page_url, frequency="immediate"):
    """Fill in the form on the record's page as a reader would, and send it."""
    html = client.get(page_url).content.decode()
    action = re.search(r'<form method="post" action="([^"]+)" class="follow-form">', html)[1]
    assert 'name="email"' in html and f'value="{frequency}"' in html
    response = client.post(action, {"email": ADDRESS, "frequency": frequency})
    assert response.status_code == 200
    return response


def publish_status_change(promise, status):
    promise = PromisePage.objects.get(pk=promise.pk)
    change = StatusChange(date="2026-12", status=status,
                          rationale="The district was connected to the grid.")
    change.sources = [Source.objects.first()]
    promise.status_changes.add(change)
    promise.save_revision().publish()


def alerts(mailbox):
    return [message for message in mailbox.to(ADDRESS) if "List-Unsubscribe" in message]


@pytest.mark.usefixtures("task_queue")
def test_subscribe_confirm_alert_once_and_unsubscribe_with_one_post(client, smtp_server):
    ensure_site_tree()
    load_seed(settings.BASE_DIR / "fixtures" / "seed", translations=False)
    ak_jar = SettlementPage.objects.get(title="Ak-Jar")
    promise = PromisePage.objects.live().filter(settlements=ak_jar).first()

    subscribe_from_page(client, f"/ru{ak_jar.url}")
    run_worker()
    [confirmation] = smtp_server.to(ADDRESS)
    assert confirmation["Content-Language"] == "ru"
    publish_status_change(promise, "kept")
    run_worker()
    assert alerts(smtp_server) == []  # nothing but the confirmation before confirming

    confirm_path = link_in(confirmation, "/follow/confirm/")
    assert confirm_path.startswith("/ru/")
    assert client.get(confirm_path).status_code == 200
    publish_status_change(promise, "kept")
    run_worker()
    [alert] = alerts(smtp_server)
    assert alert["Content-Language"] == "ru"
    assert "Выполнено" in alert["Subject"]  # the status, in the subscriber's language
    assert promise.title in alert.get_content()
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    promise.refresh_from_db()
    promise.save_revision().publish()  # publishing again announces nothing new
    run_worker()
    assert len(alerts(smtp_server)) == 1

    unsubscribe_url = re.fullmatch(r"<(.+)>", alert["List-Unsubscribe"].strip())[1]
    assert unsubscribe_url.startswith(settings.SITE_URL)
    response = client.post(urlsplit(unsubscribe_url).path,
                           {"List-Unsubscribe": "One-Click"})  # RFC 8058's POST, no cookie
    assert response.status_code == 200
    assert not Subscription.objects.filter(email=ADDRESS).exists()


@pytest.mark.usefixtures("task_queue")
def test_an_alert_the_mail_server_refused_is_sent_on_the_next_attempt(client, smtp_server):
    ensure_site_tree()
    ak_jar = SettlementPageFactory(title="Ak-Jar")
    promise = PromisePageFactory(title="Electricity for Ak-Jar", settlements=[ak_jar])
    subscribe_from_page(client, ak_jar.url)
    run_worker()
    client.get(link_in(smtp_server.to(ADDRESS)[0], "/follow/confirm/"))

    smtp_server.refusals = 1
    publish_status_change(promise, "broken")
    run_worker()

    assert smtp_server.refusals == 0  # the first attempt was refused
    [alert] = alerts(smtp_server)
    assert "Electricity for Ak-Jar" in alert["Subject"]
