"""Let Wagtail's Editors and Moderators groups review news suggestions and see the archive.

Both groups may accept or reject suggestions and view outlets, news items and URL records;
Moderators may also add and change outlets (enable them, fix feed addresses). The archive
itself is written by the pipeline only (see scrapers.wagtail_hooks.ReadOnlyPermissionPolicy).
"""

from django.db import migrations

GRANTS = {
    "Editors": [("suggestion", "review_suggestion"), ("outlet", "view_outlet"),
                ("newsitem", "view_newsitem"), ("urlrecord", "view_urlrecord")],
    "Moderators": [("suggestion", "review_suggestion"), ("outlet", "view_outlet"),
                   ("outlet", "add_outlet"), ("outlet", "change_outlet"),
                   ("newsitem", "view_newsitem"), ("urlrecord", "view_urlrecord")],
}
NAMES = {"review_suggestion": "Can accept or reject news suggestions"}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for group_name, pairs in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for model, codename in pairs:
            content_type, _ = ContentType.objects.get_or_create(app_label="scrapers",
                                                                model=model)
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": NAMES.get(codename, codename.replace("_", " ").capitalize())},
            )
            group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, pairs in GRANTS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        group.permissions.remove(*Permission.objects.filter(
            content_type__app_label="scrapers", codename__in=[c for _m, c in pairs]))


class Migration(migrations.Migration):
    dependencies = [
        ("scrapers", "0001_initial"),
        ("core", "0002_editorial_permissions"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
