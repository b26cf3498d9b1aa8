"""A film's language as printed in the facts line ("In French with English subtitles").

Added with a plain ALTER TABLE ADD COLUMN: Django's AddField of a NOT NULL column on
SQLite rebuilds the table, which would drop the content-version (0006) and search (0010)
triggers on reviews_film. PostgreSQL then drops the column's default, as Django does.
"""

from django.db import migrations, models

ADD = "ALTER TABLE reviews_film ADD COLUMN language varchar(120) DEFAULT '' NOT NULL"


def add_column(apps, schema_editor):
    schema_editor.execute(ADD)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE reviews_film ALTER COLUMN language DROP DEFAULT")


def drop_column(apps, schema_editor):
    schema_editor.execute("ALTER TABLE reviews_film DROP COLUMN language")


class Migration(migrations.Migration):
    dependencies = [("reviews", "0013_versions")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="film",
                    name="language",
                    field=models.CharField(
                        blank=True,
                        help_text="As printed, e.g. In French with English subtitles.",
                        max_length=120,
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(add_column, drop_column)],
        ),
    ]
