"""/corrections/: every status change marked as a correction and every republication that
changed a published promise's wording, newest first, only for promises the public may see."""

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from promises import views
from promises.models import PromisePage
from tests.factories import PromisePageFactory

pytestmark = pytest.mark.django_db


def text_of(response):
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def republish(promise, **changes):
    page = PromisePage.objects.get(pk=promise.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def corrected(title):
    return PromisePageFactory(title=title, history=[
        ("2011-01", "in_progress"),
        {"date": "2011-01", "status": "stalled", "is_correction": True,
         "rationale": "The January entry misread the report: work had stopped."}])


def test_a_status_correction_is_listed_with_its_promise_and_rationale(client, home):
    promise = corrected("Water for Ak-Jar")
    PromisePageFactory(title="Uncorrected promise", history=[("2011-01", "in_progress")])
    response = client.get("/corrections/")
    assert response.status_code == 200
    text = text_of(response)
    assert "Water for Ak-Jar" in text and "work had stopped" in text
    assert "Status corrected" in text and "Stalled" in text
    assert "Uncorrected promise" not in text and "Became in_progress" not in text
    assert f'href="{promise.url}"' in response.content.decode()


def test_a_changed_wording_is_listed_and_an_unchanged_republish_is_not(client, home):
    promise = PromisePageFactory(title="Gas for Kok-Jar", text="Gas by 2012.")
    republish(promise)  # nothing changed
    assert "Gas for Kok-Jar" not in text_of(client.get("/corrections/"))
    republish(promise, text="Gas by 2013.", deadline="2013")
    text = text_of(client.get("/corrections/"))
    assert "Gas for Kok-Jar" in text
    assert "Republished with a changed what was promised, stated deadline." in text


def test_newest_first_in_every_language(client, home):
    older = PromisePageFactory(title="Older correction")
    republish(older, text="Older, corrected.")
    newer = corrected("Newer correction")
    for prefix in ("", "/ru"):
        text = text_of(client.get(f"{prefix}/corrections/"))
        assert text.index(newer.title) < text.index(older.title), prefix


def test_corrections_of_promises_the_public_cannot_see_are_not_listed(client, home):
    retracted, private = corrected("Retracted promise"), corrected("Private promise")
    republish(retracted, text="Changed before retraction.")
    PromisePage.objects.get(pk=retracted.pk).unpublish()
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    text = text_of(client.get("/corrections/"))
    assert "Retracted promise" not in text and "Private promise" not in text
    assert "No corrections yet." in text


def test_the_log_is_paginated(client, home, monkeypatch):
    monkeypatch.setattr(views, "PER_PAGE", 2)
    for number in range(3):
        corrected(f"Corrected promise {number}")
    first, second = text_of(client.get("/corrections/")), text_of(
        client.get("/corrections/", {"page": "2"}))
    assert "Page 1 of 2" in first and "Corrected promise 0" not in first
    assert "Corrected promise 0" in second
    assert client.get("/corrections/", {"page": "99999999999999999999"}).status_code == 200


def test_the_footer_links_to_the_log(client, home):
    assert 'href="/ru/corrections/"' in client.get("/ru/").content.decode()


def count_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/corrections/", HTTP_CACHE_CONTROL="no-cache").status_code == 200
    return len(queries)


def test_the_log_costs_as_many_queries_for_six_entries_as_for_two(client, home, settings):
    settings.PAGE_CACHE_SECONDS = 0
    promise = corrected("First")
    republish(promise, text="Changed once.")
    client.get("/corrections/")  # warm the content-type and site caches
    few = count_queries(client)
    for number in range(2):
        other = corrected(f"Other {number}")
        republish(other, title=f"Other {number}, renamed")
    assert len(re.findall(r'class="correction"', client.get("/corrections/").content.decode())) == 6
    assert count_queries(client) == few
