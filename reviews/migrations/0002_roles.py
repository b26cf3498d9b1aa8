"""The newsroom's roles as groups: Critic, Editor, Photo desk.

The permission lists are frozen here, as a migration must be; a later change of a role
comes as a new migration.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Critic": [
        "add_review", "change_review", "view_review",
        "add_reviewstill", "change_reviewstill", "delete_reviewstill", "view_reviewstill",
        "view_correction", "view_film", "view_person", "view_credit", "view_genre",
        "view_photo", "view_critic",
    ],
    "Editor": [
        f"{action}_{model}"
        for model in ["review", "reviewstill", "correction", "film", "credit", "person",
                      "genre", "photo", "critic"]
        for action in ["add", "change", "delete", "view"]
    ] + ["publish_review", "edit_any_review"],
    "Photo desk": [
        "add_photo", "change_photo", "delete_photo", "view_photo", "view_film",
    ],
}  # fmt: skip


def create_roles(apps, schema_editor):
    # Permissions are normally made after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(
            content_type__app_label="reviews", codename__in=codenames
        )
        missing = set(codenames) - set(permissions.values_list("codename", flat=True))
        if missing:
            raise RuntimeError(f"Unknown permissions for {name}: {sorted(missing)}")
        group.permissions.set(permissions)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
