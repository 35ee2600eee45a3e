"""What an Editor meets typing into the admin: limits named, addresses taken as typed, and the
inputs the generated tests found answering 500, each refused or kept with a message instead."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from actors.models import PersonPage
from scrapers.models import NewsItem, Outlet, validate_url_lines
from sources.models import Source

from .forms import admin_form, snapshot
from .targets import TARGETS

TARGET = {target.name: target for target in TARGETS}


def submit(client, name, kind, **values):
    """Post `name`'s create or edit form with `values` typed in; (response, whether saved)."""
    url, form = admin_form(client, TARGET[name], kind)
    before = snapshot()
    response = client.post(url, form.with_values(values))
    assert response.status_code in (200, 302)
    return response, snapshot() != before


@pytest.mark.parametrize("kind", ["create", "edit"])
def test_an_address_without_http_or_https_is_refused_and_never_saved_with_one(editor, kind):
    response, saved = submit(editor, "source", kind, url="news.example.org/x")
    assert not saved
    assert escape("http:// or https://") in response.content.decode()
    assert not Source.objects.filter(url__contains="news.example.org/x").exists()


@pytest.mark.parametrize("address", ["ftp://news.example.org/x", "javascript:alert(1)",
                                     "//news.example.org/x"])
def test_only_http_and_https_addresses_are_taken(editor, address):
    response, saved = submit(editor, "source", "edit", url=address)
    assert not saved and "http://" in response.content.decode()


def test_an_address_typed_with_its_scheme_is_saved_as_typed(editor):
    _, saved = submit(editor, "source", "edit", url="http://news.example.org/x?id=7")
    assert saved
    assert Source.objects.filter(url="http://news.example.org/x?id=7").exists()


def test_an_outlet_feed_line_without_a_scheme_is_refused_naming_http_and_https():
    with pytest.raises(ValidationError) as refused:
        validate_url_lines("https://news.example.org/rss\nnews.example.org/feed")
    message = " ".join(refused.value.messages)
    assert "http://" in message and "https://" in message and "news.example.org/feed" in message


def test_a_10000_character_quote_is_refused_with_the_limit(editor):
    response, saved = submit(editor, "promise", "create", quote="x" * 10_000)
    assert not saved
    assert "at most 3000 characters (it has 10000)" in response.content.decode()


@pytest.mark.parametrize(("name", "field", "limit"), [
    ("promise", "text", 1000), ("promise", "quote", 3000),
    ("promise", "status_changes-0-rationale", 3000), ("source", "excerpt", 5000),
    ("event", "summary", 3000),
])
def test_bounded_text_fields_carry_their_limit_and_the_character_count(editor, name, field,
                                                                        limit):
    url, _ = admin_form(editor, TARGET[name], "edit")
    page = editor.get(url).content.decode()
    assert f'name="{field}"' in page and f'maxlength="{limit}"' in page
    assert "js/admin-character-count.js" in page


def test_a_person_summary_over_its_limit_is_refused(editor):
    response, saved = submit(editor, "person", "edit", summary='{"blocks": [{"key": "a", '
                             '"type": "unstyled", "text": "' + "ш" * 5001 + '", "depth": 0, '
                             '"inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}')
    assert not saved
    assert "at most 5000 characters" in response.content.decode()


# Regressions: inputs the generated tests found answering 500 ------------------------------

def test_a_number_no_key_can_hold_as_a_body_city_is_an_unknown_choice(editor):
    response, saved = submit(editor, "body", "edit", city="9" * 40)
    assert not saved
    assert "Select a valid choice" in response.content.decode()


def test_a_number_no_key_can_hold_among_promisors_is_an_unknown_choice(editor):
    # the promisors' chooser rows (MultipleChooserPanel over PromisePerson)
    response, saved = submit(editor, "promise", "edit", **{"promisor_people-0-person": "9" * 40})
    assert not saved
    assert "Select a valid choice" in response.content.decode()


def test_a_word_posted_as_the_chosen_source_is_refused(editor):
    response, saved = submit(editor, "promise", "create", source="March 2013")
    assert not saved
    assert "Select a valid choice" in response.content.decode()


def test_rich_text_that_is_not_the_editors_json_is_kept_as_plain_text(editor):
    _, saved = submit(editor, "person", "edit", summary="Mayor <b>from</b> 2011")
    assert saved
    draft = PersonPage.objects.get(title__startswith="Official").get_latest_revision_as_object()
    assert draft.summary == "<p>Mayor &lt;b&gt;from&lt;/b&gt; 2011</p>"


def test_news_items_have_no_form_to_type_into_a_post_is_refused_and_writes_nothing(editor):
    """The news archive is written by the scrapers only (scrapers/wagtail_hooks.py)."""
    outlet = Outlet.objects.create(name="Okraina", slug="okraina",
                                   home_page="https://okraina.example/", feed_urls="")
    item = NewsItem.objects.create(
        outlet=outlet, canonical_url="https://okraina.example/a", url="https://okraina.example/a",
        title="Ak-Jar gets water", text="Text.", first_seen_at=timezone.now(),
        last_fetched_at=timezone.now())
    viewset = NewsItem.snippet_viewset
    before = list(NewsItem.objects.values())
    for url in (reverse(viewset.get_url_name("add")),
                reverse(viewset.get_url_name("edit"), args=[item.pk])):
        assert editor.get(url).status_code in (302, 403)
        response = editor.post(url, {"title": "March 2013", "url": "news.example.org/x"})
        assert response.status_code in (302, 403)
    assert list(NewsItem.objects.values()) == before
