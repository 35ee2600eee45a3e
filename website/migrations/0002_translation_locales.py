"""The content locales ru, ky and kk, each synchronised from English (wagtail-localize).

Only the rows: the pages' aliases in each locale are made by website.locales.sync_locale_trees
(by ensure_site_tree, which `load_seed` and `make seed` call), which needs the real page models.
"""

from django.conf import settings
from django.db import migrations
from wagtail.coreutils import get_supported_content_language_variant

TRANSLATION_LANGUAGES = ("ru", "ky", "kk")


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    LocaleSynchronization = apps.get_model("wagtail_localize", "LocaleSynchronization")
    default, _created = Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    for language_code in TRANSLATION_LANGUAGES:
        locale, _created = Locale.objects.get_or_create(language_code=language_code)
        LocaleSynchronization.objects.get_or_create(locale=locale, defaults={"sync_from": default})


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0001_pages_from_core"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(create_locales, migrations.RunPython.noop)]
