"""HomePage and StandardPage move here from `core`, keeping their rows.

Existing databases keep their pages: the models are taken over in Django's state with their
old tables, their content types (which every page, revision, log entry and permission points
at) are relabelled from "core" to "website", and the tables are then renamed. On a new
database core/0001 has just created the (empty) tables and there are no content types yet.
"""

import django.db.models.deletion
import wagtail.fields
from django.conf import settings
from django.db import migrations, models

MODELS = ["homepage", "standardpage"]


def relabel_content_types(apps, schema_editor, old="core", new="website"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label=old, model__in=MODELS).update(app_label=new)


def restore_content_types(apps, schema_editor):
    relabel_content_types(apps, schema_editor, old="website", new="core")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("core", "0003_content_version"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="HomePage",
                    fields=[
                        ("page_ptr", models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ("intro", wagtail.fields.RichTextField(blank=True, verbose_name="introduction")),
                    ],
                    options={"verbose_name": "home page", "db_table": "core_homepage"},
                    bases=("wagtailcore.page",),
                ),
                migrations.CreateModel(
                    name="StandardPage",
                    fields=[
                        ("page_ptr", models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ("body", wagtail.fields.RichTextField(verbose_name="body")),
                        ("show_status_scale", models.BooleanField(default=False, help_text="For the methodology page: lists every status with its definition.", verbose_name="show the status scale")),
                    ],
                    options={"verbose_name": "standard page", "db_table": "core_standardpage"},
                    bases=("wagtailcore.page",),
                ),
            ],
        ),
        migrations.RunPython(relabel_content_types, restore_content_types),
        migrations.AlterModelTable(name="homepage", table=None),
        migrations.AlterModelTable(name="standardpage", table=None),
    ]
