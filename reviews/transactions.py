"""Transactions for writes that may meet another writer: the second waits, never fails.

On PostgreSQL a writer locks the rows it is about to change (``select_for_update``) and a
second writer waits for them. SQLite locks the whole database instead, and a transaction
that has read before it writes cannot wait for that lock: SQLite answers "database is
locked" at once rather than risk a deadlock. The settings therefore begin every SQLite
transaction with ``BEGIN IMMEDIATE`` (``OPTIONS["transaction_mode"]``, with the WAL
journal and a busy timeout): it takes the lock before its first read, and a second writer
waits its turn. What is left here is the answer when the wait runs out: ``WriteBusy``,
which the admin and the desk turn into "not saved, try again" instead of a 500.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from django.db import DEFAULT_DB_ALIAS, OperationalError, transaction


class WriteBusy(OperationalError):
    """Another writer held the database for longer than the busy timeout; nothing was done."""


@contextlib.contextmanager
def write_transaction(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """``transaction.atomic()`` for a write; inside an open transaction, a savepoint.

    Raises ``WriteBusy`` when SQLite's write lock could not be had within the busy
    timeout (taken as the transaction begins, see the module's docstring).
    """
    connection = transaction.get_connection(using)
    outermost = connection.vendor == "sqlite" and not connection.in_atomic_block
    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(transaction.atomic(using=using))
        except OperationalError as error:
            if not outermost:
                raise
            raise WriteBusy(
                "The database is busy with another save; nothing was written. Try again."
            ) from error
        yield
