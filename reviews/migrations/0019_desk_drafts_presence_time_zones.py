"""The desk's drafts kept while typing, who has a review open, each staff member's time
zone, and "not rated" said on purpose (reviews already past the draft without stars are
taken as not rated)."""

from decimal import Decimal

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from reviews.migrations._sqlite_triggers import keep_triggers

remember_review_triggers, restore_review_triggers = keep_triggers("reviews_review")


def mark_unrated_reviews(apps, schema_editor):
    Review = apps.get_model("reviews", "Review")
    Review.objects.filter(rating__isnull=True).exclude(status="draft").update(not_rated=True)
    if schema_editor.connection.vendor == "postgresql":
        # The content-version triggers (0006) run at commit; PostgreSQL will not alter a
        # table with trigger events pending, as the constraint below does: fire them now.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0018_critics_create_films_people"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ReviewDraft",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("base_version", models.PositiveIntegerField()),
                ("headline", models.CharField(blank=True, max_length=200)),
                ("dek", models.CharField(blank=True, max_length=300)),
                ("body", models.TextField(blank=True)),
                ("saved_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
        ),
        migrations.CreateModel(
            name="ReviewPresence",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("since", models.DateTimeField(default=django.utils.timezone.now)),
                ("seen_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
        ),
        migrations.CreateModel(
            name="StaffProfile",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "time_zone",
                    models.CharField(
                        help_text="Times in the admin are shown, and typed, in this zone.",
                        max_length=64,
                    ),
                ),
            ],
        ),
        migrations.AddField(
            model_name="reviewdraft",
            name="review",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="+", to="reviews.review"
            ),
        ),
        migrations.AddField(
            model_name="reviewdraft",
            name="user",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="reviewpresence",
            name="review",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="+", to="reviews.review"
            ),
        ),
        migrations.AddField(
            model_name="reviewpresence",
            name="user",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="staffprofile",
            name="user",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="staff_profile",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddConstraint(
            model_name="reviewdraft",
            constraint=models.UniqueConstraint(
                fields=("review", "user"), name="review_draft_one_per_user"
            ),
        ),
        migrations.AddConstraint(
            model_name="reviewpresence",
            constraint=models.UniqueConstraint(
                fields=("review", "user"), name="review_presence_one_per_user"
            ),
        ),
        remember_review_triggers,
        migrations.AddField(
            model_name="review",
            name="not_rated",
            field=models.BooleanField(
                default=False,
                help_text="The review gives no stars, on purpose (publication needs stars or this).",
                verbose_name="not rated",
            ),
        ),
        migrations.AlterField(
            model_name="review",
            name="rating",
            field=models.DecimalField(
                blank=True,
                choices=[
                    (Decimal("0.0"), "0 stars"),
                    (Decimal("0.5"), "0½ stars"),
                    (Decimal("1.0"), "1 star"),
                    (Decimal("1.5"), "1½ stars"),
                    (Decimal("2.0"), "2 stars"),
                    (Decimal("2.5"), "2½ stars"),
                    (Decimal("3.0"), "3 stars"),
                    (Decimal("3.5"), "3½ stars"),
                    (Decimal("4.0"), "4 stars"),
                ],
                decimal_places=1,
                help_text="0 to 4 stars in halves; leave empty and tick “Not rated” for a review without stars.",
                max_digits=2,
                null=True,
                verbose_name="star rating",
            ),
        ),
        migrations.RunPython(mark_unrated_reviews, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="review",
            constraint=models.CheckConstraint(
                condition=models.Q(("rating__isnull", True), ("not_rated", False), _connector="OR"),
                name="review_rated_or_not_rated",
                violation_error_message="A review has stars or is “not rated”, not both.",
            ),
        ),
        restore_review_triggers,
    ]
