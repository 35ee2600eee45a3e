"""Existing settlement facts become English rows, each with its own translation key."""

from django.db import migrations
from wagtail.models import BootstrapTranslatableModel


class Migration(migrations.Migration):
    dependencies = [("places", "0006_settlement_facts_translatable_fields")]

    operations = [
        BootstrapTranslatableModel("places.SettlementLegalStatus"),
        BootstrapTranslatableModel("places.SettlementSize"),
        BootstrapTranslatableModel("places.SettlementService"),
    ]
