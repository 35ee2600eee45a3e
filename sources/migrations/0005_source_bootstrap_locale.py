"""Existing sources become English (canonical) records, each with its own translation key."""

from django.db import migrations
from wagtail.models import BootstrapTranslatableModel


class Migration(migrations.Migration):
    dependencies = [("sources", "0004_source_translatable_fields")]

    operations = [BootstrapTranslatableModel("sources.Source")]
