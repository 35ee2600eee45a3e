"""The translation locales exist after `migrate`, each synchronised from English, so every page
has an address in every language."""

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page
from wagtail_localize.models import LocaleSynchronization

from website.site_tree import ensure_site_tree


@pytest.mark.django_db
def test_migrate_creates_the_locales_synchronised_from_english():
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"en", "ru", "ky", "kk"}
    synced = LocaleSynchronization.objects.values_list("locale__language_code",
                                                       "sync_from__language_code")
    assert sorted(synced) == [("kk", "en"), ("ky", "en"), ("ru", "en")]


@pytest.mark.django_db(transaction=True)
def test_the_site_tree_is_built_in_every_language_on_a_flushed_database(client):
    call_command("flush", interactive=False)
    home = ensure_site_tree()
    assert ensure_site_tree() == home  # idempotent
    methodology = Page.objects.get(slug="methodology", locale=home.locale)
    aliases = Page.objects.filter(alias_of=methodology)
    assert sorted(aliases.values_list("locale__language_code", flat=True)) == ["kk", "ky", "ru"]
    assert not Page.objects.filter(depth=2, alias_of__isnull=True).exclude(pk=home.pk).exists()
    for language_code in ("ru", "ky", "kk"):
        assert client.get(f"/{language_code}/methodology/").status_code == 200
