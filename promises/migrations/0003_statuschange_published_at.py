from django.db import migrations, models


def stamp_published_entries(apps, schema_editor):
    """Entries of promises that were ever published were published with them."""
    StatusChange = apps.get_model("promises", "StatusChange")
    for change in StatusChange.objects.filter(promise__first_published_at__isnull=False,
                                              published_at__isnull=True).select_related("promise"):
        change.published_at = change.promise.first_published_at
        change.save(update_fields=["published_at"])


class Migration(migrations.Migration):

    dependencies = [
        ('promises', '0002_alter_promisepage_made'),
    ]

    operations = [
        migrations.AddField(
            model_name='statuschange',
            name='published_at',
            field=models.DateTimeField(editable=False, null=True, verbose_name='published at'),
        ),
        migrations.RunPython(stamp_published_entries, migrations.RunPython.noop),
    ]
