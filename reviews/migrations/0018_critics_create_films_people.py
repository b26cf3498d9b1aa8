"""Critics start from nothing: they may add films and people, and credits (on the films
they review, which the admin decides). Changing a film's facts or a person stays with
Editors."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ADDED = {
    "Critic": ["add_film", "add_person", "add_credit", "change_credit", "delete_credit"],
}


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
    dependencies = [("reviews", "0017_front_page")]

    operations = [migrations.RunPython(add_permissions, remove_permissions)]
