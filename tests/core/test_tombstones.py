"""A record the public saw keeps its address and permalink once it is taken off the site: 410
Gone with its title, when and why it was retracted (the reason the editor gave on unpublishing,
kept in its history), or, after a court-ordered removal, a notice and nothing of what was
removed. A tombstone shows nowhere else: lists, counts, search."""

import re
from html import unescape

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import override
from wagtail.models import PageLogEntry, PageViewRestriction

from promises.models import PromisePage
from tests.factories import (
    PersonPageFactory,
    PromisePageFactory,
    SettlementPageFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

REASON = "The source misquoted the mayor; the promise was never made."


def text_of(response):
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


@pytest.fixture
def moderator(client, django_user_model):
    user = django_user_model.objects.create_user("moderator", "m@example.org", "pw")
    user.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(user)
    return user


@pytest.fixture
def promise(home):
    return PromisePageFactory(title="A school for Ak-Jar", text="A school by September 2013.")


def unpublish(client, page, reason=REASON):
    return client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]),
                       {"retraction_reason": reason}, follow=True)


@pytest.fixture
def retracted(client, moderator, promise):
    unpublish(client, promise)
    client.logout()
    return PromisePage.objects.get(pk=promise.pk)


def test_unpublishing_asks_for_the_reason(client, moderator, promise):
    form = client.get(reverse("wagtailadmin_pages:unpublish", args=[promise.pk]))
    assert 'name="retraction_reason"' in form.content.decode()
    methodology = promise.get_parent().get_parent().get_children().get(slug="methodology")
    form = client.get(reverse("wagtailadmin_pages:unpublish", args=[methodology.pk]))
    assert form.status_code == 200 and 'name="retraction_reason"' not in form.content.decode()
    text = text_of(unpublish(client, promise, reason="  "))
    assert "Say why “A school for Ak-Jar” is taken off the site" in text
    assert PromisePage.objects.get(pk=promise.pk).live


def test_the_reason_is_kept_in_the_page_history(client, moderator, retracted):
    entry = PageLogEntry.objects.get(page=retracted, action="ubada.retract")
    assert entry.data == {"reason": REASON} and entry.user == moderator
    client.force_login(moderator)
    history = client.get(reverse("wagtailadmin_pages:history", args=[retracted.pk]))
    assert f"Retracted: {REASON}" in text_of(history)


@pytest.mark.parametrize("prefix", ["", "/ru"])
def test_the_permalink_of_a_retracted_promise_says_when_and_why(client, retracted, prefix):
    response = client.get(f"{prefix}/record/{retracted.pk}/")
    assert response.status_code == 410
    text = text_of(response)
    assert "A school for Ak-Jar" in text and REASON in text
    unpublished = PageLogEntry.objects.get(page=retracted, action="wagtail.unpublish")
    with override(prefix.strip("/") or "en"):
        assert date_format(localtime(unpublished.timestamp)) in text
    assert "A school by September 2013." not in text  # the retracted content is not shown


def test_the_address_of_a_retracted_promise_answers_with_its_tombstone(client, retracted):
    for url in (retracted.url, f"/ru{retracted.url}"):
        response = client.get(url)
        assert response.status_code == 410, url
        assert REASON in text_of(response)
        assert response["X-Robots-Tag"] == "noindex"


def test_a_republished_record_is_served_again_and_forgets_the_old_reason(client, retracted):
    retracted.get_latest_revision().publish()
    assert client.get(f"/record/{retracted.pk}/").status_code == 302
    assert client.get(retracted.url).status_code == 200
    PromisePage.objects.get(pk=retracted.pk).unpublish()  # e.g. on expiry: no reason
    text = text_of(client.get(f"/record/{retracted.pk}/"))
    assert "No reason was recorded." in text and REASON not in text


@pytest.mark.parametrize("factory", [SettlementPageFactory, PersonPageFactory])
def test_other_records_get_a_tombstone_too(client, moderator, home, factory):
    page = factory(title="Kok-Jar record")
    unpublish(client, page)
    client.logout()
    for url in (page.url, f"/record/{page.pk}/", f"/ru/record/{page.pk}/"):
        response = client.get(url)
        assert response.status_code == 410 and REASON in text_of(response), url


def test_a_draft_never_published_is_not_found(client, home, promise):
    draft = PromisePageFactory.build(title="Draft", source=promise.source)
    promise.get_parent().add_child(instance=draft)
    draft.unpublish()
    assert PromisePage.objects.get(pk=draft.pk).first_published_at is None
    assert client.get(f"/record/{draft.pk}/").status_code == 404
    assert client.get(draft.url or f"{promise.get_parent().url}draft/").status_code == 404


def test_a_private_record_leaves_no_tombstone(client, retracted):
    PageViewRestriction.objects.create(page=retracted, restriction_type="login")
    assert client.get(f"/record/{retracted.pk}/").status_code == 404


def test_a_tombstone_is_listed_counted_and_found_nowhere(client, retracted):
    promise_list = client.get(retracted.get_parent().url)
    assert "A school for Ak-Jar" not in text_of(promise_list)
    settlement = retracted.settlements.get()
    assert "A school for Ak-Jar" not in text_of(client.get(settlement.url))
    found = client.get("/search/", {"q": "school Ak-Jar"})
    assert "A school for Ak-Jar" not in text_of(found)


@pytest.mark.parametrize("prefix", ["", "/ru"])
def test_a_court_ordered_removal_leaves_a_notice_without_the_content(client, django_user_model,
                                                                     promise, prefix):
    django_user_model.objects.create_superuser("registrar", "r@example.org", "pw")
    call_command("remove_record", "page", str(promise.pk), reason="Court order 12/2026",
                 by="registrar")
    response = client.get(f"{prefix}/record/{promise.pk}/")
    assert response.status_code == 410
    text = text_of(response)
    assert "A school for Ak-Jar" not in text and "Court order 12/2026" not in text
    assert "removed" in text or "удал" in text


def test_a_source_removed_by_court_order_leaves_a_notice(client, django_user_model, home):
    source = SourceFactory(title="The defamatory report")
    django_user_model.objects.create_superuser("registrar", "r@example.org", "pw")
    call_command("remove_record", "source", str(source.pk), reason="Court order 3/2026",
                 by="registrar")
    response = client.get(f"/ru/sources/{source.pk}/")
    assert response.status_code == 410
    assert "The defamatory report" not in text_of(response)
    assert client.get(f"/sources/{source.pk + 1000}/").status_code == 404


def test_bulk_unpublishing_a_record_is_refused_for_want_of_a_reason(client, moderator, promise):
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "unpublish"))
    response = client.post(f"{url}?id={promise.pk}", follow=True)
    assert "Unpublish “A school for Ak-Jar” one at a time" in text_of(response)
    assert PromisePage.objects.get(pk=promise.pk).live


def test_a_page_cached_before_its_retraction_is_not_served_after_it(
        client, moderator, promise, settings, django_capture_on_commit_callbacks):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    client.logout()
    assert client.get(promise.url).status_code == 200
    assert client.get(promise.url)["X-Page-Cache"] == "hit"
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        unpublish(client, promise)
    client.logout()
    response = client.get(promise.url)
    assert response.status_code == 410 and REASON in text_of(response)
    cache.clear()
