"""Transactions for writes that may meet another writer: the second waits, never fails.

On PostgreSQL a writer locks the rows it is about to change (``select_for_update``) and a
second writer waits for them. SQLite locks the whole database instead, and a transaction
that has read before it writes cannot wait for that lock: SQLite answers "database is
locked" at once rather than risk a deadlock. ``write_transaction`` therefore starts the
transaction with ``BEGIN IMMEDIATE`` on SQLite, so that it takes the lock before its first
read and a second writer waits its turn (up to the busy timeout) instead of failing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from django.db import DEFAULT_DB_ALIAS, OperationalError, transaction


class WriteBusy(OperationalError):
    """Another writer held the database for longer than the busy timeout; nothing was done."""


@contextlib.contextmanager
def write_transaction(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """``transaction.atomic()`` that, when it begins the transaction on SQLite, takes the
    write lock first (``BEGIN IMMEDIATE``). Inside an open transaction it is a savepoint.

    Raises ``WriteBusy`` when the lock could not be had within the busy timeout.
    """
    connection = transaction.get_connection(using)
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        with transaction.atomic(using=using):
            yield
        return
    connection.ensure_connection()  # connecting reads the mode from the settings
    mode = connection.transaction_mode
    with contextlib.ExitStack() as stack:
        connection.transaction_mode = "IMMEDIATE"
        try:
            stack.enter_context(transaction.atomic(using=using))
        except OperationalError as error:
            raise WriteBusy(
                "The database is busy with another save; nothing was written. Try again."
            ) from error
        finally:
            connection.transaction_mode = mode
        yield
