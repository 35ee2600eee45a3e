"""A promise's people, bodies, settlements and events move to link models of their own (one row
per pair), which Wagtail's MultipleChooserPanel edits with searchable choosers. The rows are
copied from the old many-to-many tables before those are dropped; the fields keep their names."""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


# (field on the promise, link model, the link's field, the old table's column)
LINKS = [
    ("people", "PromisePerson", "person", "personpage_id"),
    ("bodies", "PromiseBody", "body", "bodypage_id"),
    ("settlements", "PromiseSettlement", "settlement", "settlementpage_id"),
    ("events", "PromiseEvent", "event", "event_id"),
]


def copy_links(apps, schema_editor):
    PromisePage = apps.get_model("promises", "PromisePage")
    for field_name, link_model, link_field, column in LINKS:
        old_rows = getattr(PromisePage, field_name).through.objects.values_list(
            "promisepage_id", column)
        Link = apps.get_model("promises", link_model)
        Link.objects.bulk_create(
            [Link(promise_id=promise, **{f"{link_field}_id": target})
             for promise, target in old_rows.iterator()], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ('actors', '0004_alter_bodypage_country'),
        ('chronicle', '0004_alter_event_date'),
        ('places', '0003_alter_settlementlegalstatus_as_of_and_more'),
        ('promises', '0004_text_length_limits'),
    ]

    operations = [
        migrations.CreateModel(
            name='PromiseBody',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('body', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='actors.bodypage', verbose_name='body')),
                ('promise', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='promisor_bodies', to='promises.promisepage')),
            ],
            options={
                'unique_together': {('promise', 'body')},
            },
        ),
        migrations.CreateModel(
            name='PromiseEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='chronicle.event', verbose_name='event')),
                ('promise', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='related_events', to='promises.promisepage')),
            ],
            options={
                'unique_together': {('promise', 'event')},
            },
        ),
        migrations.CreateModel(
            name='PromisePerson',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='actors.personpage', verbose_name='person')),
                ('promise', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='promisor_people', to='promises.promisepage')),
            ],
            options={
                'unique_together': {('promise', 'person')},
            },
        ),
        migrations.CreateModel(
            name='PromiseSettlement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('promise', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='beneficiary_settlements', to='promises.promisepage')),
                ('settlement', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='places.settlementpage', verbose_name='settlement')),
            ],
            options={
                'unique_together': {('promise', 'settlement')},
            },
        ),
        migrations.RunPython(copy_links, migrations.RunPython.noop),
        migrations.RemoveField(model_name='promisepage', name='bodies'),
        migrations.RemoveField(model_name='promisepage', name='events'),
        migrations.RemoveField(model_name='promisepage', name='people'),
        migrations.RemoveField(model_name='promisepage', name='settlements'),
        migrations.AddField(
            model_name='promisepage',
            name='bodies',
            field=models.ManyToManyField(blank=True, related_name='promises', through='promises.PromiseBody', to='actors.bodypage', verbose_name='promised by (bodies)'),
        ),
        migrations.AddField(
            model_name='promisepage',
            name='events',
            field=models.ManyToManyField(blank=True, related_name='promises', through='promises.PromiseEvent', to='chronicle.event', verbose_name='related events'),
        ),
        migrations.AddField(
            model_name='promisepage',
            name='people',
            field=models.ManyToManyField(blank=True, related_name='promises', through='promises.PromisePerson', to='actors.personpage', verbose_name='promised by (people)'),
        ),
        migrations.AddField(
            model_name='promisepage',
            name='settlements',
            field=models.ManyToManyField(blank=True, related_name='promises', through='promises.PromiseSettlement', to='places.settlementpage', verbose_name='made to (settlements)'),
        ),
    ]
