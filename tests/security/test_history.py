"""The append-only history survives every role: published promises, their status changes and
the records they cite cannot be deleted through the admin (or by any code path); a court-ordered
removal is `manage.py remove_record`, run by an administrator, and leaves an audit record."""

import re
from html import unescape

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse
from wagtail.models import Page, PageLogEntry

from core.models import RemovalRecord
from core.removal import HistoryProtected
from places.models import SettlementPage
from promises.models import PromisePage, StatusChange
from sources.models import Source
from tests.factories import (
    BodyPageFactory,
    PersonPageFactory,
    PromisePageFactory,
    SettlementPageFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["Editors", "Moderators", "superuser"]


def text_of(response):
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def log_in(client, django_user_model, role):
    if role == "superuser":
        user = django_user_model.objects.create_superuser("admin", "a@example.org", "pw")
    else:
        user = django_user_model.objects.create_user(role.lower(), "r@example.org", "pw")
        user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    return user


@pytest.fixture
def cited(home):
    """A published promise with a status history, its promisors, settlement and sources."""
    person, body = PersonPageFactory(title="Kanat Osmonov"), BodyPageFactory()
    settlement = SettlementPageFactory(title="Kok-Jar")
    report, ruling = SourceFactory(title="The May report"), SourceFactory(title="The ruling")
    promise = PromisePageFactory(
        title="Gas for Kok-Jar", people=[person], bodies=[body], settlements=[settlement],
        source=report, history=[{"date": "2012-05", "status": "in_progress", "sources": [ruling]}],
    )
    return {"promise": promise, "person": person, "body": body, "settlement": settlement,
            "report": report, "ruling": ruling}


def delete_page(client, page):
    return client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]), follow=True)


def delete_source(client, source):
    return client.post(reverse("wagtailsnippets_sources_source:delete", args=[source.pk]),
                       follow=True)


# Promises and their history ----------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_no_role_deletes_a_published_promise(client, django_user_model, cited, role):
    log_in(client, django_user_model, role)
    promise = cited["promise"]
    response = delete_page(client, promise)
    assert PromisePage.objects.filter(pk=promise.pk).exists()
    assert StatusChange.objects.filter(promise=promise).count() == 1
    if role != "Editors":  # Editors may not delete pages at all; the others are told why
        text = text_of(response)
        assert "“Gas for Kok-Jar” cannot be deleted" in text
        assert "Unpublish" in text


def test_the_admin_offers_unpublish_instead_of_delete(client, django_user_model, cited):
    log_in(client, django_user_model, "superuser")
    promise = cited["promise"]
    response = delete_page(client, promise)
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_pages:unpublish",
                                                     args=[promise.pk])
    listing = client.get(reverse("wagtailadmin_explore", args=[promise.get_parent().pk]))
    html = listing.content.decode()
    assert reverse("wagtailadmin_pages:unpublish", args=[promise.pk]) in html
    assert reverse("wagtailadmin_pages:delete", args=[promise.pk]) not in html


def test_a_page_with_published_promises_below_it_is_not_deleted(client, django_user_model,
                                                                cited):
    log_in(client, django_user_model, "superuser")
    promise_list = cited["promise"].get_parent()
    text = text_of(delete_page(client, promise_list))
    assert PromisePage.objects.filter(pk=cited["promise"].pk).exists()
    assert "Gas for Kok-Jar" in text


def test_bulk_delete_is_refused(client, django_user_model, cited):
    log_in(client, django_user_model, "superuser")
    promise = cited["promise"]
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))
    response = client.post(f"{url}?id={promise.pk}", follow=True)
    assert PromisePage.objects.filter(pk=promise.pk).exists()
    assert "Gas for Kok-Jar" in text_of(response)


def test_no_code_path_deletes_published_history(cited):
    promise = cited["promise"]
    change = StatusChange.objects.get(promise=promise)
    attempts = [change.delete, StatusChange.objects.filter(pk=change.pk).delete,
                PromisePage.objects.get(pk=promise.pk).delete,
                Page.objects.get(pk=promise.get_parent().pk).delete]
    for attempt in attempts:
        with pytest.raises(HistoryProtected, match="cannot be deleted"), transaction.atomic():
            attempt()
    assert StatusChange.objects.filter(pk=change.pk).exists()


# What published records cite --------------------------------------------------------------


@pytest.mark.parametrize("name", ["person", "body", "settlement"])
def test_a_cited_page_is_not_deleted_and_the_message_names_what_cites_it(
        client, django_user_model, cited, name):
    log_in(client, django_user_model, "superuser")
    page = cited[name]
    text = text_of(delete_page(client, page))
    assert type(page).objects.filter(pk=page.pk).exists()
    assert f"“{page.title}” cannot be deleted" in text
    assert "Gas for Kok-Jar" in text


@pytest.mark.parametrize("role", ["Moderators", "superuser"])
@pytest.mark.parametrize("name", ["report", "ruling"])
def test_a_cited_source_is_not_deleted(client, django_user_model, cited, role, name):
    log_in(client, django_user_model, role)
    source = cited[name]
    text = text_of(delete_source(client, source))
    assert Source.objects.filter(pk=source.pk).exists()
    assert StatusChange.objects.get(promise=cited["promise"]).sources.count() == 1
    assert f"“{source.title}” cannot be deleted" in text
    assert "Gas for Kok-Jar" in text


def test_the_source_listing_offers_delete_only_for_what_nothing_cites(client, django_user_model,
                                                                      cited):
    log_in(client, django_user_model, "Moderators")
    unused = SourceFactory()
    html = client.get(reverse("wagtailsnippets_sources_source:list")).content.decode()
    assert reverse("wagtailsnippets_sources_source:delete", args=[unused.pk]) in html
    for name in ("report", "ruling"):
        assert reverse("wagtailsnippets_sources_source:delete", args=[cited[name].pk]) not in html


def test_what_nothing_cites_can_still_be_deleted(client, django_user_model, home):
    log_in(client, django_user_model, "superuser")
    settlement, source = SettlementPageFactory(), SourceFactory()
    delete_page(client, settlement)
    delete_source(client, source)
    assert not SettlementPage.objects.filter(pk=settlement.pk).exists()
    assert not Source.objects.filter(pk=source.pk).exists()


# The court-ordered removal ----------------------------------------------------------------


@pytest.fixture
def administrator(django_user_model):
    return django_user_model.objects.create_superuser("registrar", "r@example.org", "pw")


def test_remove_record_removes_a_promise_and_keeps_an_audit_record(cited, administrator):
    promise = cited["promise"]
    call_command("remove_record", "page", str(promise.pk), reason="Court order 12/2026",
                 by="registrar")
    assert not PromisePage.objects.filter(pk=promise.pk).exists()
    assert not StatusChange.objects.filter(promise_id=promise.pk).exists()
    record = RemovalRecord.objects.get()
    assert (record.record_type, record.record_id, record.title) == (
        "promises.promisepage", promise.pk, "Gas for Kok-Jar")
    assert record.reason == "Court order 12/2026" and record.removed_by == administrator
    assert PageLogEntry.objects.filter(page_id=promise.pk, action="wagtail.delete",
                                       user=administrator).exists()


def test_remove_record_removes_a_cited_source(cited, administrator):
    source = cited["ruling"]
    call_command("remove_record", "source", str(source.pk), reason="Court order",
                 by="registrar")
    assert not Source.objects.filter(pk=source.pk).exists()
    assert RemovalRecord.objects.get().title == "The ruling"


@pytest.mark.parametrize("options, message", [
    ({"by": "registrar"}, "--reason"),
    ({"reason": "  ", "by": "registrar"}, "--reason"),
    ({"reason": "Court order"}, "--by"),
    ({"reason": "Court order", "by": "nobody"}, "superuser"),
    ({"reason": "Court order", "by": "editor"}, "superuser"),
])
def test_remove_record_needs_a_reason_and_an_administrator(cited, administrator,
                                                            django_user_model, options, message):
    django_user_model.objects.create_user("editor", "e@example.org", "pw")
    with pytest.raises(CommandError, match=message):
        call_command("remove_record", "page", str(cited["promise"].pk), **options)
    assert PromisePage.objects.filter(pk=cited["promise"].pk).exists()
    assert not RemovalRecord.objects.exists()


def test_removal_records_are_read_only_and_for_administrators(client, django_user_model, cited,
                                                                administrator):
    call_command("remove_record", "page", str(cited["promise"].pk), reason="Court order 7",
                 by="registrar")
    record = RemovalRecord.objects.get()
    listing = reverse("wagtailsnippets_core_removalrecord:list")
    client.force_login(administrator)
    assert "Court order 7" in text_of(client.get(listing))
    for view in ("edit", "delete"):
        url = reverse(f"wagtailsnippets_core_removalrecord:{view}", args=[record.pk])
        client.post(url, {"reason": "Nothing happened"})
    assert RemovalRecord.objects.get().reason == "Court order 7"
    log_in(client, django_user_model, "Moderators")
    assert "Court order 7" not in text_of(client.get(listing, follow=True))
