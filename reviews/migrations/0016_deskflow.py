"""The desk's day (issue 14): corrections with a kind and an index by date; embargoes on
reviews and stills, with the constraint that a live review is never dated before its own.

SQLite rebuilds a table to add a NOT NULL column or a check constraint, and a rebuilt table
loses its triggers: the content version's (0006) and, for reviews, the search index's
(0010). The last operation creates them again on the rebuilt tables, and the first does so
when the migration is unapplied (tests check that the triggers exist after every
migration). PostgreSQL alters tables in place and keeps them.
"""

import importlib

import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

content_version = importlib.import_module("reviews.migrations.0006_content_version")
search = importlib.import_module("reviews.migrations.0010_search")

#: The tables this migration makes SQLite rebuild.
REBUILT_TABLES = ["reviews_correction", "reviews_review", "reviews_photo"]


def _content_triggers(schema_editor, table: str) -> None:
    for operation in ("INSERT", "UPDATE", "DELETE"):
        name = f"{table}_{operation.lower()}_content_version"
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
        schema_editor.execute(
            f"CREATE TRIGGER {name} AFTER {operation} ON {table} BEGIN "
            f"UPDATE {content_version.VERSION_TABLE} SET number = number + 1 WHERE id = 1; END"
        )


def _search_triggers(schema_editor, source: str) -> None:
    """0010's triggers that keep the FTS5 tables of ``source`` (their rows are untouched by
    the rebuild: it keeps every id)."""
    targets = [(n, c, v) for n, (s, c, _, v) in search.SQLITE_INDEXES.items() if s == source]
    values = search._values
    inserts = "".join(
        f"INSERT INTO {n} (rowid, {', '.join(c)}) VALUES (new.id, {values(v, 'new')}); "
        for n, c, v in targets
    )
    deletes = "".join(f"DELETE FROM {n} WHERE rowid = old.id; " for n, _, _ in targets)
    table = source.removeprefix("reviews_")
    statements = {
        "insert": f"AFTER INSERT ON {source} BEGIN {inserts}END",
        "update": f"AFTER UPDATE OF {search.SQLITE_WATCHED[source]} ON {source} "
        f"BEGIN {deletes}{inserts}END",
        "delete": f"AFTER DELETE ON {source} BEGIN {deletes}END",
    }
    for event, body in statements.items():
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_search_{event}")
        schema_editor.execute(f"CREATE TRIGGER {table}_search_{event} {body}")


def triggers_again(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return
    for table in REBUILT_TABLES:
        _content_triggers(schema_editor, table)
        if table in search.SQLITE_WATCHED:
            _search_triggers(schema_editor, table)


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0015_lead_still_defaults_to_first_body_still"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # Unapplied, the operations below run backwards and this one last.
        migrations.RunPython(migrations.RunPython.noop, triggers_again),
        migrations.AddField(
            model_name="correction",
            name="kind",
            field=models.CharField(
                choices=[("correction", "Correction"), ("clarification", "Clarification")],
                default="correction",
                help_text="A correction fixes an error of fact; a clarification adds what was unclear.",
                max_length=20,
            ),
        ),
        migrations.AlterField(
            model_name="correction",
            name="published_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now,
                help_text="When the correction ran; never in the future.",
                verbose_name="date",
            ),
        ),
        migrations.AddIndex(
            model_name="correction",
            index=models.Index(fields=["-published_at", "-id"], name="correction_newest_idx"),
        ),
        migrations.AddConstraint(
            model_name="correction",
            constraint=models.CheckConstraint(
                condition=models.Q(("kind__in", ["correction", "clarification"])),
                name="correction_kind_valid",
            ),
        ),
        migrations.AddField(
            model_name="photo",
            name="embargo_note",
            field=models.CharField(
                blank=True,
                help_text="The studio's terms, e.g. Not before the festival premiere.",
                max_length=300,
                verbose_name="embargo terms",
            ),
        ),
        migrations.AddField(
            model_name="photo",
            name="embargo_until",
            field=models.DateTimeField(
                blank=True,
                help_text="Shown to readers nowhere before this time (the studio's terms). A review's embargo is set on the stills it places or leads with when the review is saved.",
                null=True,
                verbose_name="embargo until",
            ),
        ),
        migrations.AddField(
            model_name="review",
            name="embargo_note",
            field=models.CharField(
                blank=True,
                help_text="The studio's terms, e.g. No reviews before the festival premiere.",
                max_length=300,
                verbose_name="embargo terms",
            ),
        ),
        migrations.AddField(
            model_name="review",
            name="embargo_until",
            field=models.DateTimeField(
                blank=True,
                help_text="The studio's embargo: the review can be neither published nor scheduled before it, and nothing of it (its stills included) is public until then.",
                null=True,
                verbose_name="embargo until",
            ),
        ),
        migrations.AddIndex(
            model_name="photo",
            index=models.Index(
                condition=models.Q(("embargo_until__isnull", False)),
                fields=["embargo_until"],
                name="photo_embargo_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="review",
            index=models.Index(
                condition=models.Q(("embargo_until__isnull", False)),
                fields=["embargo_until"],
                name="review_embargo_idx",
            ),
        ),
        migrations.AddConstraint(
            model_name="review",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status__in", ["scheduled", "published"]), _negated=True),
                    ("embargo_until__isnull", True),
                    ("published_at__gte", models.F("embargo_until")),
                    _connector="OR",
                ),
                name="review_live_after_embargo",
                violation_error_message="A published or scheduled review cannot be dated before its embargo.",
            ),
        ),
        migrations.RunPython(triggers_again, migrations.RunPython.noop),
    ]
