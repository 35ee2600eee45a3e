"""`make run`'s sample news: a few archived stories with suggestions against the seed promises,
marked as sample data everywhere an editor or a reader meets them."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from scrapers.models import NewsItem, Suggestion
from scrapers.review import accept
from scrapers.samples import load_sample_news

pytestmark = pytest.mark.django_db


def test_sample_news_is_loaded_once_with_suggestions_against_the_seed(seeded):
    loaded = load_sample_news()

    assert loaded.items == 7
    items = NewsItem.objects.all()
    assert items.count() == 7 and all(item.is_sample for item in items)
    assert all(item.versions.count() == 1 and len(item.text) > 150 for item in items)
    assert loaded.suggestions == Suggestion.objects.count() > 0
    titles = set(Suggestion.objects.values_list("promise__title", flat=True))
    assert any("Ak-Jar" in title or "Ак-Жар" in title for title in titles), titles

    again = load_sample_news()

    assert (again.items, again.suggestions) == (0, 0)
    assert NewsItem.objects.count() == 7
    assert Suggestion.objects.count() == loaded.suggestions


def test_the_command_loads_only_under_development_settings(seeded):
    out = io.StringIO()
    call_command("load_sample_news", stdout=out)
    assert "skipped" in out.getvalue() and not NewsItem.objects.exists()

    with override_settings(DEBUG=True):
        call_command("load_sample_news", stdout=out)
    assert "7 stories archived" in out.getvalue()
    assert NewsItem.objects.count() == 7


def test_sample_items_say_so_in_the_admin_and_on_the_public_page(client, admin_client, seeded):
    load_sample_news()
    suggestion = Suggestion.objects.order_by("-score").first()

    queue = admin_client.get("/admin/news-suggestions/").content.decode()
    assert "Sample data" in queue
    archive = reverse("wagtailsnippets_scrapers_newsitem:list")
    title = suggestion.news_item.title
    assert title in admin_client.get(archive, {"is_sample": "true"}).content.decode()
    assert title not in admin_client.get(archive, {"is_sample": "false"}).content.decode()

    accept(suggestion.pk, None)
    public = client.get(reverse("news_item", args=[suggestion.news_item_id]))
    assert public.status_code == 200
    assert "it is not a real news report" in public.content.decode()
    assert "Sample data" in NewsItem.objects.get(pk=suggestion.news_item_id).source.notes

