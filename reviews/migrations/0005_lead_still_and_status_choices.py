from django.db import migrations, models


class Migration(migrations.Migration):
    """One word for one thing: a review's lead picture is its lead still, as a film's is (a
    rename, no data moves), a Photo is a "still" to editors, and recorded states have choices
    so the admin prints "In review", not in_review. Nothing changes in the tables."""

    dependencies = [("reviews", "0004_roles_workflow")]

    operations = [
        migrations.RenameField(model_name="review", old_name="lead_photo", new_name="lead_still"),
        migrations.AlterModelOptions(
            name="photo",
            options={"ordering": ["-uploaded_at", "-id"], "verbose_name": "still"},
        ),
        migrations.AlterField(
            model_name="deletionrecord",
            name="status",
            field=models.CharField(
                choices=[
                    ("draft", "Draft"),
                    ("in_review", "In review"),
                    ("scheduled", "Scheduled"),
                    ("published", "Published"),
                    ("unpublished", "Unpublished"),
                ],
                max_length=20,
            ),
        ),
        migrations.AlterField(
            model_name="transition",
            name="from_status",
            field=models.CharField(
                choices=[
                    ("draft", "Draft"),
                    ("in_review", "In review"),
                    ("scheduled", "Scheduled"),
                    ("published", "Published"),
                    ("unpublished", "Unpublished"),
                ],
                max_length=20,
            ),
        ),
        migrations.AlterField(
            model_name="transition",
            name="to_status",
            field=models.CharField(
                choices=[
                    ("draft", "Draft"),
                    ("in_review", "In review"),
                    ("scheduled", "Scheduled"),
                    ("published", "Published"),
                    ("unpublished", "Unpublished"),
                ],
                max_length=20,
            ),
        ),
    ]
