"""What an import did, row by row: created, updated, unchanged or rejected, and why."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from enum import StrEnum


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    REJECTED = "rejected"


@dataclass
class RowResult:
    row: int
    outcome: Outcome
    film: str = ""
    changes: list[str] = field(default_factory=list)
    reason: str = ""
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        """One line of the report, e.g. ``row 3: updated "La La Land" (2016): running_time``."""
        if self.outcome == Outcome.REJECTED:
            text = f"row {self.row}: rejected: {self.reason}"
        else:
            text = f"row {self.row}: {self.outcome} {self.film}"
            if self.changes:
                text += ": " + ", ".join(self.changes)
        return "; ".join([text, *self.notes])


@dataclass
class ImportReport:
    source: str
    format: str = ""
    encoding: str = ""
    dry_run: bool = False
    ignored_columns: list[str] = field(default_factory=list)
    #: Ignored columns that look like a known field, with the field.
    suggestions: dict[str, str] = field(default_factory=dict)
    rows: list[RowResult] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        counted = Counter(result.outcome for result in self.rows)
        return {outcome.value: counted[outcome] for outcome in Outcome}

    def summary(self) -> str:
        counts = ", ".join(f"{outcome} {number}" for outcome, number in self.counts.items())
        suffix = " (dry run: nothing was written)" if self.dry_run else ""
        return f"{self.source}: {counts}{suffix}"

    def header(self) -> list[str]:
        lines = [f"{self.source}: {self.format.upper()}, read as {self.encoding}"]
        if self.ignored_columns:
            ignored = ", ".join(f'"{name}"' for name in self.ignored_columns)
            lines.append(f"ignored columns: {ignored}")
        for column, name in self.suggestions.items():
            lines.append(f'"{column}" looks like {name}: take it with --map "{column}={name}"')
        return lines

    def noteworthy(self) -> list[RowResult]:
        """Rows an editor must look at: rejections and rows with warnings."""
        return [r for r in self.rows if r.outcome == Outcome.REJECTED or r.notes]

    def text(self) -> str:
        return "\n".join([*self.header(), *(r.line() for r in self.rows), self.summary()]) + "\n"

    def as_json(self) -> str:
        data = asdict(self) | {"counts": self.counts, "summary": self.summary()}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
