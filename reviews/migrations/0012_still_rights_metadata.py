"""A still's rights as the files and the page's structured data carry them: its creator,
copyright notice, licence page, where to license it and usage terms; and which fields were
filled from the file's own metadata, not yet confirmed by an editor (``from_file``).

SQLite adds a NOT NULL column by rebuilding the table, which drops the table's triggers:
the content-version triggers on reviews_photo (0006) are made again after the new columns
(and after they are taken away again, when this migration is reversed).
"""

from django.db import migrations, models

PHOTO_TABLE = "reviews_photo"


def photo_triggers_again(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return  # PostgreSQL adds the columns in place; its triggers stay
    for operation in ("INSERT", "UPDATE", "DELETE"):
        schema_editor.execute(
            f"CREATE TRIGGER IF NOT EXISTS {PHOTO_TABLE}_{operation.lower()}_content_version "
            f"AFTER {operation} ON {PHOTO_TABLE} BEGIN "
            "UPDATE reviews_contentversion SET number = number + 1 WHERE id = 1; END"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0011_photo_files_withdrawn"),
    ]

    operations = [
        # Runs last when the migration is reversed, after the columns are taken away.
        migrations.RunPython(migrations.RunPython.noop, photo_triggers_again),
        migrations.AddField(
            model_name="photo",
            name="acquire_licence_url",
            field=models.URLField(
                blank=True,
                help_text="Where others may license the picture (the file's Licensor URL).",
                max_length=500,
                verbose_name="where to license it",
            ),
        ),
        migrations.AddField(
            model_name="photo",
            name="copyright_notice",
            field=models.CharField(
                blank=True,
                help_text="As the owner words it, e.g. © 2016 Lionsgate. Written into the files.",
                max_length=300,
            ),
        ),
        migrations.AddField(
            model_name="photo",
            name="creator",
            field=models.CharField(
                blank=True,
                help_text="Who made the picture (the photographer), e.g. Dale Robinette.",
                max_length=200,
            ),
        ),
        migrations.AddField(
            model_name="photo",
            name="from_file",
            field=models.JSONField(
                blank=True,
                default=dict,
                editable=False,
                help_text="Fields filled from the file's own metadata and not yet confirmed by an editor, each with where it came from: {field: 'XMP' | 'IPTC' | 'EXIF'}.",
            ),
        ),
        migrations.AddField(
            model_name="photo",
            name="licence_url",
            field=models.URLField(
                blank=True,
                help_text="The page stating the licence (the file's Web Statement of Rights).",
                max_length=500,
                verbose_name="licence page",
            ),
        ),
        migrations.AddField(
            model_name="photo",
            name="usage_terms",
            field=models.TextField(
                blank=True,
                help_text="What the licence allows, e.g. Editorial use only, for the film's release.",
            ),
        ),
        migrations.RunPython(photo_triggers_again, migrations.RunPython.noop),
    ]
