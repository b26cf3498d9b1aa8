"""Search documents kept by the database, so that bulk_create, bulk_update, queryset updates
and imports keep them current without passing through save().

PostgreSQL: a STORED generated tsvector column ``search_document`` on reviews (headline A,
dek B, body C), films (title A, synopsis B) and people (name A), each with a GIN index, and
pg_trgm with GIN trigram indexes on film title, person name and review headline (for
misspellings) and dek. The trigram indexes are on ``UPPER(column::text)``, the expression
Django's ``icontains`` compares, so the admin's searches use them too. The models do not declare the
column: search reads it through ``reviews.public.search_postgres.Document``. Note that
PostgreSQL refuses to change the type of a column a generated column reads (headline, dek,
body, title, synopsis, name): such a migration drops and re-adds ``search_document``.

Both: search walks the partial index of live reviews newest first (``review_published_idx``,
migration 0007) for a word found in many reviews.

SQLite: FTS5 tables filled by triggers: the words of reviews (porter stemming), of films and
people (no stemming: porter makes "Las" the word "la"), and trigrams of titles and names
for near misses.
The review body is indexed as plain text through the SQL function ``reviews_plain_text``,
which reviews.public.snippets registers on every connection Django opens. SQLite drops a
table's triggers when Django rebuilds the table (AlterField and the like): a migration that
rebuilds reviews_review, reviews_film or reviews_person must create these triggers again
(tests/test_search_scale.py checks that they exist after every migration).
"""

from django.db import migrations

POSTGRES_DOCUMENTS = {
    "reviews_review": """
        setweight(to_tsvector('english'::regconfig, coalesce(headline, '')), 'A')
        || setweight(to_tsvector('english'::regconfig, coalesce(dek, '')), 'B')
        || setweight(to_tsvector('english'::regconfig,
               regexp_replace(coalesce(body, ''), '<[^>]*>', ' ', 'g')), 'C')""",
    "reviews_film": """
        setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
        || setweight(to_tsvector('english'::regconfig, coalesce(synopsis, '')), 'B')""",
    "reviews_person": """
        setweight(to_tsvector('english'::regconfig, coalesce(name, '')), 'A')""",
}
POSTGRES_TRIGRAMS = {
    "film_title_trgm_idx": ("reviews_film", "title"),
    "person_name_trgm_idx": ("reviews_person", "name"),
    "review_headline_trgm_idx": ("reviews_review", "headline"),
    "review_dek_trgm_idx": ("reviews_review", "dek"),  # for the admin's review search
}
DOCUMENT_INDEXES = {
    "reviews_review": "review_search_idx",
    "reviews_film": "film_search_idx",
    "reviews_person": "person_search_idx",
}


def postgres_forwards(schema_editor):
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table, expression in POSTGRES_DOCUMENTS.items():
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN search_document tsvector "
            f"GENERATED ALWAYS AS ({expression}) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX {DOCUMENT_INDEXES[table]} ON {table} USING gin (search_document)"
        )
    for index, (table, column) in POSTGRES_TRIGRAMS.items():
        schema_editor.execute(
            f"CREATE INDEX {index} ON {table} USING gin ((UPPER({column}::text)) gin_trgm_ops)"
        )


def postgres_backwards(schema_editor):
    for index in POSTGRES_TRIGRAMS:
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")
    for table in POSTGRES_DOCUMENTS:
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_document")
    # The extension stays: other database objects may use it, and it costs nothing idle.


# name -> (source table, FTS5 columns, tokenizer, the values a row gives them)
SQLITE_INDEXES = {
    "reviews_review_search": (
        "reviews_review",
        ["headline", "dek", "body"],
        "porter unicode61 remove_diacritics 2",
        ["{row}.headline", "{row}.dek", "reviews_plain_text({row}.body)"],
    ),
    "reviews_film_search": (
        "reviews_film",
        ["title", "synopsis"],
        "unicode61 remove_diacritics 2",
        ["{row}.title", "{row}.synopsis"],
    ),
    "reviews_person_search": (
        "reviews_person",
        ["name"],
        "unicode61 remove_diacritics 2",
        ["{row}.name"],
    ),
    "reviews_film_trigrams": ("reviews_film", ["title"], "trigram", ["{row}.title"]),
    "reviews_person_trigrams": ("reviews_person", ["name"], "trigram", ["{row}.name"]),
}
# The source columns whose change re-indexes a row (other updates leave the index alone).
SQLITE_WATCHED = {
    "reviews_review": "headline, dek, body",
    "reviews_film": "title, synopsis",
    "reviews_person": "name",
}


def _values(values, row):
    return ", ".join(value.format(row=row) for value in values)


def sqlite_forwards(schema_editor):
    for name, (source, columns, tokenizer, values) in SQLITE_INDEXES.items():
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE {name} USING fts5({', '.join(columns)}, "
            f"tokenize = '{tokenizer}')"
        )
        schema_editor.execute(
            f"INSERT INTO {name} (rowid, {', '.join(columns)}) "
            f"SELECT id, {_values(values, source)} FROM {source}"
        )
    for source, watched in SQLITE_WATCHED.items():
        targets = [(n, c, v) for n, (s, c, _, v) in SQLITE_INDEXES.items() if s == source]
        inserts = "".join(
            f"INSERT INTO {n} (rowid, {', '.join(c)}) VALUES (new.id, {_values(v, 'new')}); "
            for n, c, v in targets
        )
        deletes = "".join(f"DELETE FROM {n} WHERE rowid = old.id; " for n, _, _ in targets)
        table = source.removeprefix("reviews_")
        schema_editor.execute(
            f"CREATE TRIGGER {table}_search_insert AFTER INSERT ON {source} BEGIN {inserts}END"
        )
        schema_editor.execute(
            f"CREATE TRIGGER {table}_search_update AFTER UPDATE OF {watched} ON {source} "
            f"BEGIN {deletes}{inserts}END"
        )
        schema_editor.execute(
            f"CREATE TRIGGER {table}_search_delete AFTER DELETE ON {source} BEGIN {deletes}END"
        )


def sqlite_backwards(schema_editor):
    for source in SQLITE_WATCHED:
        table = source.removeprefix("reviews_")
        for event in ("insert", "update", "delete"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_search_{event}")
    for name in SQLITE_INDEXES:
        schema_editor.execute(f"DROP TABLE IF EXISTS {name}")


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        postgres_forwards(schema_editor)
    elif vendor == "sqlite":
        sqlite_forwards(schema_editor)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        postgres_backwards(schema_editor)
    elif vendor == "sqlite":
        sqlite_backwards(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("reviews", "0009_photo_renditions_failed_at")]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
