"""Status changes published before alerts existed count as announced: the first publish of
their promise after this migration must not email them as news."""

from django.db import migrations


def announce_existing(apps, schema_editor):
    StatusChange = apps.get_model("promises", "StatusChange")
    ChangeNotice = apps.get_model("following", "ChangeNotice")
    ChangeNotice.objects.bulk_create(
        ChangeNotice(status_change_id=change.pk, published_at=change.recorded_at)
        for change in StatusChange.objects.only("pk", "recorded_at").iterator()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("following", "0001_subscriptions_notices_deliveries"),
    ]

    operations = [migrations.RunPython(announce_existing, migrations.RunPython.noop)]
