"""The embedded database under several writers: a SQLite file in WAL mode whose every
transaction takes the write lock as it begins and waits for it up to a busy timeout.

These tests make a database file of their own from the default settings (whatever
database the suite runs on): it is what the demo and a small newsroom run."""

import json
import sqlite3
import threading
import time

import pytest
from django.db import DEFAULT_DB_ALIAS, connections

from reviews.transactions import WriteBusy, write_transaction
from tests import concurrency
from tests.helpers import settings_with

SHOW_SQLITE = (
    "import json, newsroom.settings as s; "
    "print(json.dumps({k: v for k, v in s.DATABASES['default'].items() if k != 'NAME'}))"
)


def sqlite_defaults(**env: str) -> dict:
    shown = settings_with(SHOW_SQLITE, DJANGO_SECRET_KEY="x", check=True, **env)
    return json.loads(shown.stdout.strip().splitlines()[-1])


def test_the_default_sqlite_database_uses_wal_immediate_transactions_and_a_busy_timeout():
    database = sqlite_defaults()

    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["OPTIONS"] == {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    }
    assert sqlite_defaults(NEWSROOM_SQLITE_TIMEOUT="5")["OPTIONS"]["timeout"] == 5


def test_postgresql_gets_none_of_the_sqlite_options():
    database = sqlite_defaults(DATABASE_URL="postgres://u:p@db.example:5432/newsroom")
    assert "transaction_mode" not in database["OPTIONS"]


def in_thread(database: dict, work) -> concurrency.Worker:
    """``work`` on a thread of its own, with its own connection to ``database``."""

    def connected():
        concurrency._connect(dict(database))
        try:
            return work()
        finally:
            connections[DEFAULT_DB_ALIAS].close()

    worker = concurrency.Worker(connected)
    worker.start()
    return worker


@pytest.fixture
def database_file(tmp_path, db):
    """The settings of a fresh SQLite file made as the defaults make it, with one table
    (``db`` lets the tests' threads connect at all)."""
    path = tmp_path / "newsroom.sqlite3"
    with sqlite3.connect(path) as setup:
        setup.execute("CREATE TABLE saves (who TEXT)")
    setup.close()
    options = sqlite_defaults()["OPTIONS"]
    database = connections.settings[DEFAULT_DB_ALIAS] | {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": options,
    }
    # The site's first connection turns the file to WAL, for good (as it stays on disk).
    in_thread(database, lambda: connections[DEFAULT_DB_ALIAS].ensure_connection()).result()
    return database


def save(who: str) -> None:
    with write_transaction():
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT count(*) FROM saves")  # read first, as a form's check does
            cursor.execute("INSERT INTO saves VALUES (%s)", [who])


def hold_the_write_lock(path: str, seconds: float, holding: threading.Event) -> None:
    with sqlite3.connect(path, isolation_level=None) as other:
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO saves VALUES ('other')")
        holding.set()
        time.sleep(seconds)
        other.execute("COMMIT")
    other.close()


def test_a_connection_made_from_the_defaults_is_in_wal_mode_with_the_timeout(database_file):
    def pragmas():
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            mode = cursor.fetchone()[0]
            cursor.execute("PRAGMA busy_timeout")
            return mode, cursor.fetchone()[0]

    assert in_thread(database_file, pragmas).result() == ("wal", 20_000)


def test_a_writer_that_reads_first_waits_for_another_writer_instead_of_failing(database_file):
    holding = threading.Event()
    other = threading.Thread(target=hold_the_write_lock, args=(database_file["NAME"], 1.0, holding))
    other.start()
    assert holding.wait(10)

    in_thread(database_file, lambda: save("editor")).result()
    other.join()

    with sqlite3.connect(database_file["NAME"]) as check:
        assert sorted(row[0] for row in check.execute("SELECT who FROM saves")) == [
            "editor",
            "other",
        ]
    check.close()


def test_a_writer_kept_waiting_past_the_timeout_is_told_the_database_is_busy(database_file):
    database_file["OPTIONS"] = database_file["OPTIONS"] | {"timeout": 0.2}
    holding = threading.Event()
    other = threading.Thread(target=hold_the_write_lock, args=(database_file["NAME"], 1.5, holding))
    other.start()
    assert holding.wait(10)

    with pytest.raises(WriteBusy, match="The database is busy with another save"):
        in_thread(database_file, lambda: save("editor")).result()
    other.join()

    with sqlite3.connect(database_file["NAME"]) as check:
        assert [row[0] for row in check.execute("SELECT who FROM saves")] == ["other"]
    check.close()
