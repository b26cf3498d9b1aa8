class ImportFileError(Exception):
    """The file as a whole cannot be imported (missing, unknown format, no title column)."""


class FieldError(ValueError):
    """One value of one row cannot be used; the row is rejected with this message."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
