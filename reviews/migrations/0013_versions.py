"""Films, people and stills carry a version raised on every save (reviews/models/versioning.py).

A NOT NULL column with a default: Django's SQLite schema editor would add it by rebuilding
the table, which drops the content-version (0006) and search (0010) triggers on it. On
SQLite the column is added with ALTER TABLE ADD COLUMN instead (which keeps them, and fills
every row with 1); other databases get Django's own AddField.
"""

from django.db import migrations, models

MODELS = ["film", "person", "photo"]


def _version_field() -> models.PositiveIntegerField:
    field = models.PositiveIntegerField(
        default=1, editable=False, help_text="Raised on every save; guards against lost edits."
    )
    field.set_attributes_from_name("version")
    return field


def add_columns(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("reviews", name)
        if schema_editor.connection.vendor == "sqlite":
            table = schema_editor.quote_name(model._meta.db_table)
            schema_editor.execute(
                f'ALTER TABLE {table} ADD COLUMN "version" integer unsigned NOT NULL DEFAULT 1 '
                'CHECK ("version" >= 0)'
            )
        else:
            schema_editor.add_field(model, _version_field())


def remove_columns(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("reviews", name)
        if schema_editor.connection.vendor == "sqlite":
            table = schema_editor.quote_name(model._meta.db_table)
            schema_editor.execute(f'ALTER TABLE {table} DROP COLUMN "version"')
        else:
            schema_editor.remove_field(model, _version_field())


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0012_still_rights_metadata"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(model_name=name, name="version", field=_version_field())
                for name in MODELS
            ],
            database_operations=[migrations.RunPython(add_columns, remove_columns)],
        ),
    ]
