"""Existing events become English (canonical) records, each with its own translation key."""

from django.db import migrations
from wagtail.models import BootstrapTranslatableModel


class Migration(migrations.Migration):
    dependencies = [("chronicle", "0006_event_translatable_fields")]

    operations = [BootstrapTranslatableModel("chronicle.Event")]
