"""A still records when making its renditions failed, so they can be made again later.

A nullable column with no default: SQLite adds it with ALTER TABLE ADD COLUMN instead of
rebuilding the table, so the content-version triggers on reviews_photo (0006) stay.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0008_admin_list_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="photo",
            name="renditions_failed_at",
            field=models.DateTimeField(
                blank=True,
                editable=False,
                help_text="When making the renditions last failed (storage refused them, say); "
                "empty once they are made. Pages show the original meanwhile.",
                null=True,
            ),
        ),
    ]
