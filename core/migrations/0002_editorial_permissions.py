"""Let Wagtail's Editors and Moderators groups manage the records beside the pages.

Pages are covered by Wagtail's own defaults: Editors add and change (publishing goes through
the "Moderators approval" workflow), Moderators also publish. Here both groups get to add and
change sources, events, countries and districts; only Moderators may delete them.
"""

from django.db import migrations

MODELS = [("sources", "source"), ("chronicle", "event"), ("places", "country"),
          ("places", "district")]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    actions = {"Editors": ["add", "change", "view"],
               "Moderators": ["add", "change", "view", "delete"]}
    for group_name, verbs in actions.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for app_label, model in MODELS:
            content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
            for verb in verbs:
                permission, _ = Permission.objects.get_or_create(
                    content_type=content_type,
                    codename=f"{verb}_{model}",
                    defaults={"name": f"Can {verb} {model}"},
                )
                group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("sources", "0001_initial"),
        ("chronicle", "0001_initial"),
        ("places", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
