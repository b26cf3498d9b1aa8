"""Conditions the ORM has no words for."""

from __future__ import annotations

from django.db.models import BooleanField, Expression, F, QuerySet, Subquery


class AmongIds(Expression):
    """``column`` is one of the ``ids`` (a queryset of one column), as a condition for
    ``filter()``.

    PostgreSQL is given ``column = ANY(ARRAY(subquery))``: the subquery runs once, first, and
    its ids are looked up by the column's index. Written as ``IN (subquery)`` or as a join,
    the planner walks the outer table's index in its order and checks every row instead,
    expecting matches to be spread evenly; for the reviews of one year's films, which sit
    together deep in the newest-first index, that read 50,000 rows (70 ms at 100,000
    reviews) to find 50, against 2 ms. Other databases get ``IN (subquery)``.
    """

    conditional = True
    output_field = BooleanField()

    def __init__(self, column: str, ids: QuerySet) -> None:
        super().__init__()
        self.column = F(column)
        self.rows = Subquery(ids)

    def get_source_expressions(self) -> list:
        return [self.column, self.rows]

    def set_source_expressions(self, expressions: list) -> None:
        self.column, self.rows = expressions

    def _parts(self, compiler, connection) -> tuple[str, str, list]:
        column, column_params = compiler.compile(self.column)
        rows, rows_params = compiler.compile(self.rows)
        return column, rows, [*column_params, *rows_params]

    def as_sql(self, compiler, connection):
        column, rows, params = self._parts(compiler, connection)
        return f"{column} IN {rows}", params

    def as_postgresql(self, compiler, connection):
        column, rows, params = self._parts(compiler, connection)
        return f"{column} = ANY(ARRAY{rows})", params
