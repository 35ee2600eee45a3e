"""The content locales ru, ky and kk (website/locales.py says why without synchronised trees)."""

from django.conf import settings
from django.db import migrations
from wagtail.coreutils import get_supported_content_language_variant

TRANSLATION_LANGUAGES = ("ru", "ky", "kk")


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    for language_code in TRANSLATION_LANGUAGES:
        Locale.objects.get_or_create(language_code=language_code)


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0001_pages_from_core"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(create_locales, migrations.RunPython.noop)]
