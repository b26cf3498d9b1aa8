"""Films and credits in bulk: read a CSV or JSON file, normalise it, match it, write it.

``import_films`` is the one entry point, shared by ``manage.py import_films`` and the
admin's import page, so a file is read the same way wherever it comes from.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.db import transaction

from reviews.importing.errors import FieldError, ImportFileError
from reviews.importing.reading import parse_mapping, read_file
from reviews.importing.report import ImportReport, Outcome, RowResult
from reviews.importing.writing import FilmWriter
from reviews.transactions import write_transaction

__all__ = [
    "FieldError",
    "ImportFileError",
    "ImportReport",
    "Outcome",
    "RowResult",
    "import_films",
    "parse_mapping",
    "read_source",
]


def read_source(path: str | Path) -> bytes:
    """The bytes of a file, or an ImportFileError saying why there are none."""
    path = Path(path)
    if not path.exists():
        raise ImportFileError(f"{path}: no such file")
    if not path.is_file():
        raise ImportFileError(f"{path}: not a file")
    try:
        return path.read_bytes()
    except OSError as error:
        raise ImportFileError(f"{path}: cannot be read ({error.strerror})") from None


def import_films(
    data: bytes,
    name: str,
    *,
    encoding: str | None = None,
    mapping: dict[str, str] | None = None,
    dry_run: bool = False,
    batch_size: int = 500,
    on_start: Callable[[int], None] | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import a file's films and credits; with ``dry_run`` everything is rolled back.

    Raises ImportFileError when the file itself is unusable; bad rows are only reported.
    ``on_start`` hears the number of rows; ``progress``, after each batch, how many rows
    that batch held (not a running total).
    """
    parsed = read_file(data, name, encoding=encoding, mapping=mapping)
    report = ImportReport(
        source=name,
        format=parsed.format,
        encoding=parsed.encoding,
        dry_run=dry_run,
        ignored_columns=parsed.ignored_columns,
        suggestions=parsed.suggestions,
    )
    if on_start:
        on_start(len(parsed.rows))
    if not dry_run:  # each batch commits on its own
        report.rows = FilmWriter(batch_size=batch_size).write(parsed.rows, progress)
        return report
    with write_transaction():
        report.rows = FilmWriter(batch_size=batch_size).write(parsed.rows, progress)
        transaction.set_rollback(True)
    return report
