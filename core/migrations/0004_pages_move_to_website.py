"""HomePage and StandardPage now belong to the `website` app (website/0001 takes them over).

Only Django's record of the models goes: their tables, rows, content types and permissions are
kept and handed to `website` by its first migration, which runs before this one.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_content_version"),
        ("website", "0001_pages_from_core"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="StandardPage"),
                migrations.DeleteModel(name="HomePage"),
            ],
        ),
    ]
