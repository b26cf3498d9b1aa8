"""Give the roles their permissions on the workflow, rendition and redirect models."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ADDED = {
    "Critic": ["view_transition"],
    "Editor": [
        "view_transition", "add_previewlink", "change_previewlink", "view_previewlink",
        "view_deletionrecord", "view_rendition", "add_slugredirect", "change_slugredirect",
        "delete_slugredirect", "view_slugredirect",
    ],
    "Photo desk": ["view_rendition"],
}  # fmt: skip


def add_permissions(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ADDED.items():
        group = Group.objects.get(name=name)
        permissions = Permission.objects.filter(
            content_type__app_label="reviews", codename__in=codenames
        )
        assert permissions.count() == len(codenames), f"missing permissions for {name}"
        group.permissions.add(*permissions)


def remove_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ADDED.items():
        group = Group.objects.filter(name=name).first()
        if group:
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label="reviews", codename__in=codenames
                )
            )


class Migration(migrations.Migration):
    dependencies = [("reviews", "0003_workflow_renditions_external_ids")]

    operations = [migrations.RunPython(add_permissions, remove_permissions)]
