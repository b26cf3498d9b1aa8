"""The content version and the triggers that raise it (see reviews/models/content.py).

PostgreSQL: one deferred constraint trigger per watched table. It runs at commit, so the
version row is locked only for the instant of the commit (never while a transaction goes
on to lock other rows: no deadlocks), and it raises the number once per transaction however
many rows the transaction wrote (a transaction-local setting remembers it did). Readers see
the new number exactly when they can see the new content.

SQLite: writes are serialised by the database anyway; one trigger per table and operation.
"""

from django.db import migrations, models

# As reviews.models.content.WATCHED_TABLES stood when this migration was written.
WATCHED_TABLES = [
    "reviews_review",
    "reviews_film",
    "reviews_film_genres",
    "reviews_genre",
    "reviews_person",
    "reviews_credit",
    "reviews_critic",
    "reviews_photo",
    "reviews_rendition",
    "reviews_reviewstill",
    "reviews_correction",
]

VERSION_TABLE = "reviews_contentversion"

PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION reviews_raise_content_version() RETURNS trigger AS $$
BEGIN
    IF current_setting('reviews.content_version_raised', true) = txid_current()::text THEN
        RETURN NULL;
    END IF;
    PERFORM set_config('reviews.content_version_raised', txid_current()::text, true);
    UPDATE {VERSION_TABLE} SET number = number + 1 WHERE id = 1;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""


def create_triggers(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    schema_editor.execute(f"INSERT INTO {VERSION_TABLE} (id, number) VALUES (1, 1)")
    if vendor == "postgresql":
        schema_editor.execute(PG_FUNCTION)
        for table in WATCHED_TABLES:
            schema_editor.execute(
                f"CREATE CONSTRAINT TRIGGER {table}_content_version "
                f"AFTER INSERT OR UPDATE OR DELETE ON {table} "
                "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
                "EXECUTE FUNCTION reviews_raise_content_version()"
            )
    elif vendor == "sqlite":
        for table in WATCHED_TABLES:
            for operation in ("INSERT", "UPDATE", "DELETE"):
                schema_editor.execute(
                    f"CREATE TRIGGER {table}_{operation.lower()}_content_version "
                    f"AFTER {operation} ON {table} BEGIN "
                    f"UPDATE {VERSION_TABLE} SET number = number + 1 WHERE id = 1; END"
                )
    else:
        raise NotImplementedError(f"No content-version triggers for {vendor}.")


def drop_triggers(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    for table in WATCHED_TABLES:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_content_version ON {table}")
        else:
            for operation in ("insert", "update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_{operation}_content_version")
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS reviews_raise_content_version()")


class Migration(migrations.Migration):
    dependencies = [("reviews", "0005_lead_still_and_status_choices")]

    operations = [
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.BigIntegerField(default=0)),
            ],
            options={"verbose_name": "content version"},
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
