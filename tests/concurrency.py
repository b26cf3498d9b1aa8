"""Two people at once: threads with database connections of their own, and pauses that
make one of them act at a chosen moment.

The tests using these are transactional (``django_db(transaction=True,
serialized_rollback=True)``): each thread sees only what the others have committed, as two
app servers would. On SQLite the in-memory test database would not do: its connections
share one cache whose table locks fail at once instead of waiting, unlike the site's
database file. ``shared_database`` copies it to a file for the test, and every thread
started with ``Worker`` connects to that file.
"""

from __future__ import annotations

import contextlib
import functools
import sqlite3
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import load_backend

#: Settings of the database file the threads of the running test connect to (SQLite only).
_file_database: dict[str, Any] = {}


def _connect(settings_dict: dict) -> None:
    """Give the calling thread its own connection to the database ``settings_dict`` names."""
    backend = load_backend(settings_dict["ENGINE"])
    connections[DEFAULT_DB_ALIAS] = backend.DatabaseWrapper(settings_dict, DEFAULT_DB_ALIAS)


@pytest.fixture
def shared_database(transactional_db, tmp_path):
    """One database the test and its threads all see, whose writers wait for each other."""
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "sqlite":
        yield
        return
    path = tmp_path / "shared.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(path) as target:
        connection.connection.backup(target)
    target.close()
    _file_database.update(connection.settings_dict, NAME=str(path))
    _connect(dict(_file_database))
    try:
        yield
    finally:
        connections[DEFAULT_DB_ALIAS].close()
        connections[DEFAULT_DB_ALIAS] = connection  # the in-memory one, left as it was
        _file_database.clear()


class Worker(threading.Thread):
    """Runs ``target`` in a thread of its own (called ``name``), with its own database
    connection."""

    def __init__(self, target: Callable[[], Any], name: str | None = None) -> None:
        super().__init__(name=name, daemon=True)
        self.target = target
        self.value: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        if _file_database:
            _connect(dict(_file_database))
        try:
            self.value = self.target()
        except BaseException as error:  # handed to the test by result()
            self.error = error
        finally:
            connections[DEFAULT_DB_ALIAS].close()

    def result(self, timeout: float = 60) -> Any:
        """What ``target`` returned, once it has; what it raised, raised here."""
        self.join(timeout)
        assert not self.is_alive(), "the thread did not finish"
        if self.error is not None:
            raise self.error
        return self.value


def started(target: Callable[[], Any], name: str | None = None) -> Worker:
    worker = Worker(target, name)
    worker.start()
    return worker


class Pause:
    """A point in the code (``before`` or ``after`` a function) where the thread called
    ``thread`` stops, once, until ``go`` is set or ``seconds`` have passed.

    ``reached`` is set when the thread gets there. A thread holding a lock the other one
    needs cannot be waited for (the other one waits for the lock); it goes on after
    ``seconds``, which is how a test tells a lock held from one not held.
    """

    def __init__(self, thread: str, seconds: float = 1.5) -> None:
        self.thread = thread
        self.seconds = seconds
        self.reached = threading.Event()
        self.go = threading.Event()

    def before(self, original: Callable) -> Callable:
        """``original``, stopping here first."""

        @functools.wraps(original)
        def paused(*args, **kwargs):
            if threading.current_thread().name == self.thread and not self.reached.is_set():
                self.reached.set()
                self.go.wait(self.seconds)
            return original(*args, **kwargs)

        return paused

    def after(self, original: Callable) -> Callable:
        """``original``, stopping here once it has run."""

        @functools.wraps(original)
        def paused(*args, **kwargs):
            value = original(*args, **kwargs)
            self.before(lambda: None)()
            return value

        return paused

    def wait_until_reached(self, timeout: float = 30) -> None:
        assert self.reached.wait(timeout), f"{self.thread} never got to the pause"


class Meeting:
    """A point in the code where the threads called ``threads`` wait for each other, once
    each: none goes on until all have got there, or ``seconds`` have passed (one of them
    may be held up by a lock another one holds)."""

    def __init__(self, *threads: str, seconds: float = 1.5) -> None:
        self.threads = set(threads)
        self.arrived: set[str] = set()
        self.barrier = threading.Barrier(len(threads), timeout=seconds)

    def before(self, original: Callable) -> Callable:
        """``original``, meeting here first."""

        @functools.wraps(original)
        def met(*args, **kwargs):
            name = threading.current_thread().name
            if name in self.threads and name not in self.arrived:
                self.arrived.add(name)
                with contextlib.suppress(threading.BrokenBarrierError):
                    self.barrier.wait()
            return original(*args, **kwargs)

        return met
