"""The translation locales exist after `migrate`, and every page has an address in every
language without a copy of it there."""

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page

from website.site_tree import ensure_site_tree


@pytest.mark.django_db
def test_migrate_creates_the_locales():
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"en", "ru", "ky", "kk"}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_page_answers_in_every_language_on_a_flushed_database(client):
    call_command("flush", interactive=False)
    home = ensure_site_tree()
    assert ensure_site_tree() == home  # idempotent
    assert not Page.objects.exclude(locale=home.locale).exists()  # no standing copies
    for language_code in ("ru", "ky", "kk"):
        response = client.get(f"/{language_code}/methodology/")
        assert response.status_code == 200
        assert f'lang="{language_code}"' in response.content.decode()
