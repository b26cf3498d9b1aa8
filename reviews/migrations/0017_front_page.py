"""The front page's fields: a review's pull quote, the critic's pick and the editor's pin (one
at a time); the trailer's chosen poster frame; "½ star" in the rating's labels."""

import django.db.models.deletion
from decimal import Decimal
from django.db import migrations, models


SQLITE_COLUMNS = {
    "critics_pick": "bool NOT NULL DEFAULT 0",
    "pinned": "bool NOT NULL DEFAULT 0",
    "pull_quote": "varchar(200) NOT NULL DEFAULT ''",
}


def _review_fields():
    fields = {
        "critics_pick": models.BooleanField(default=False),
        "pinned": models.BooleanField(default=False),
        "pull_quote": models.CharField(blank=True, max_length=200),
    }
    for name, field in fields.items():
        field.set_attributes_from_name(name)
    return fields


def add_review_columns(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for name, definition in SQLITE_COLUMNS.items():
            schema_editor.execute(f'ALTER TABLE "reviews_review" ADD COLUMN "{name}" {definition}')
        return
    review = apps.get_model("reviews", "Review")
    for field in _review_fields().values():
        schema_editor.add_field(review, field)


def remove_review_columns(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for name in SQLITE_COLUMNS:
            schema_editor.execute(f'ALTER TABLE "reviews_review" DROP COLUMN "{name}"')
        return
    review = apps.get_model("reviews", "Review")
    for field in _review_fields().values():
        schema_editor.remove_field(review, field)


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0016_deskflow"),
    ]

    operations = [
        migrations.AddField(
            model_name="film",
            name="trailer_poster",
            field=models.ForeignKey(
                blank=True,
                help_text="The still shown on the trailer until a reader plays it; the film's lead still when left empty.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="reviews.photo",
            ),
        ),
        # SQLite would rebuild the review table for a NOT NULL column, dropping the triggers
        # that keep the content version (0006) and the search index (0010): it gets plain
        # ALTER TABLE ... ADD COLUMN statements instead; other databases add them as usual.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="review",
                    name="critics_pick",
                    field=models.BooleanField(
                        default=False,
                        help_text="Marks the review as a critic's pick on its page, listings and the home page.",
                        verbose_name="critic's pick",
                    ),
                ),
                migrations.AddField(
                    model_name="review",
                    name="pinned",
                    field=models.BooleanField(
                        default=False,
                        help_text="Leads the home page while it is published; only one review at a time. Otherwise the newest review with a picture leads.",
                        verbose_name="pinned as the home page's lead",
                    ),
                ),
                migrations.AddField(
                    model_name="review",
                    name="pull_quote",
                    field=models.CharField(
                        blank=True,
                        help_text="A sentence copied exactly from the body, for listings and aggregators (at most 200 characters).",
                        max_length=200,
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(add_review_columns, remove_review_columns)],
        ),
        migrations.AlterField(
            model_name="review",
            name="rating",
            field=models.DecimalField(
                blank=True,
                choices=[
                    (Decimal("0.0"), "0 stars"),
                    (Decimal("0.5"), "½ star"),
                    (Decimal("1.0"), "1 star"),
                    (Decimal("1.5"), "1½ stars"),
                    (Decimal("2.0"), "2 stars"),
                    (Decimal("2.5"), "2½ stars"),
                    (Decimal("3.0"), "3 stars"),
                    (Decimal("3.5"), "3½ stars"),
                    (Decimal("4.0"), "4 stars"),
                ],
                decimal_places=1,
                help_text="0 to 4 stars in halves; leave empty for a review that is not rated.",
                max_digits=2,
                null=True,
                verbose_name="star rating",
            ),
        ),
        migrations.AddConstraint(
            model_name="review",
            constraint=models.UniqueConstraint(
                condition=models.Q(("pinned", True)),
                fields=("pinned",),
                name="review_one_pinned_lead",
                violation_error_message="Another review is already pinned as the home page's lead: unpin it first, or use the list's action “Pin as the home page's lead”.",
            ),
        ),
    ]
