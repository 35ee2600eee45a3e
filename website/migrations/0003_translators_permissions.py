"""Editors and Moderators manage the subjects' labels (and so translate them) as they manage the
other records: both add and change them, only Moderators delete them. (wagtail-localize's own
migration gives both groups "Can submit translations".)"""

from django.db import migrations

LABEL_MODEL = ("promises", "subjectlabel")


def permission(apps, app_label, model, codename, name):
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    found, _created = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name})
    return found


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    actions = {"Editors": ["add", "change", "view"],
               "Moderators": ["add", "change", "view", "delete"]}
    for group_name, verbs in actions.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        for verb in verbs:
            group.permissions.add(permission(apps, *LABEL_MODEL, f"{verb}_subjectlabel",
                                             f"Can {verb} subject label"))


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0002_translation_locales"),
        ("promises", "0009_statuschange_translatable"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
