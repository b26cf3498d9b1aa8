"""SQLite drops a table's triggers when Django remakes the table (adding a NOT NULL column or
a constraint does): the content version's and the search index's triggers on it would be
lost. ``keep_triggers(table)`` gives the two operations to put around such a change: the
first remembers the table's triggers, the second makes them again. PostgreSQL keeps them."""

from django.db import migrations

_remembered: dict[str, list[str]] = {}


def _remember(table: str):
    def run(apps, schema_editor) -> None:
        if schema_editor.connection.vendor != "sqlite":
            return
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table]
            )
            _remembered[table] = [row[0] for row in cursor.fetchall()]

    return run


def _restore(table: str):
    def run(apps, schema_editor) -> None:
        if schema_editor.connection.vendor != "sqlite":
            return
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table]
            )
            if cursor.fetchall():
                return  # the table was not remade: its triggers are still there
        for sql in _remembered.pop(table, []):
            schema_editor.execute(sql)

    return run


def keep_triggers(table: str) -> tuple[migrations.RunPython, migrations.RunPython]:
    """Operations to put before and after the change that remakes ``table``."""
    return (
        migrations.RunPython(_remember(table), _restore(table), elidable=False),
        migrations.RunPython(_restore(table), _remember(table), elidable=False),
    )
