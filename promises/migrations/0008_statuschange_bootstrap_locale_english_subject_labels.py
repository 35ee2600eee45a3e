"""Existing status changes become English entries, each with its own translation key, and every
existing subject gets its English label (its name)."""

import uuid

from django.conf import settings
from django.db import migrations
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import BootstrapTranslatableModel


def english_subject_labels(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    Locale = apps.get_model("wagtailcore", "Locale")
    SubjectLabel = apps.get_model("promises", "SubjectLabel")
    english = Locale.objects.get(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    SubjectLabel.objects.bulk_create(
        SubjectLabel(subject=tag, label=tag.name, locale=english, translation_key=uuid.uuid4())
        for tag in Tag.objects.exclude(labels__locale=english))


class Migration(migrations.Migration):
    dependencies = [("promises", "0007_statuschange_translatable_fields_subject_label")]

    operations = [
        BootstrapTranslatableModel("promises.StatusChange"),
        migrations.RunPython(english_subject_labels, migrations.RunPython.noop),
    ]
