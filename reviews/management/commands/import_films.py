import sys
from argparse import SUPPRESS
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reviews.importing import (
    ImportFileError,
    import_films,
    parse_mapping,
    read_source,
)
from reviews.importing.reading import FIELDS


class Command(BaseCommand):
    help = (
        "Import films and their credits from a CSV or JSON file. Idempotent: films are "
        "matched by external id, else by title and year; people by the slug of their name."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", help="a .csv or .json file (the format is detected)")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="COLUMN=FIELD",
            help=f"read COLUMN as FIELD (repeatable). Fields: {', '.join(FIELDS)}",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="report what would change; write nothing"
        )
        parser.add_argument(
            "--report",
            metavar="FILE",
            help="write the report, row by row, to FILE (JSON when FILE ends in .json)",
        )
        parser.add_argument(
            "--encoding", help="the file's encoding when it is neither UTF-8 nor Latin-1"
        )
        parser.add_argument("--batch-size", type=int, default=500, help=SUPPRESS)

    def handle(self, *args, **options) -> None:
        path = Path(options["path"])
        self.bar = None
        try:
            report = import_films(
                read_source(path),
                path.name,
                encoding=options["encoding"],
                mapping=parse_mapping(options["map"]),
                dry_run=options["dry_run"],
                batch_size=max(1, options["batch_size"]),
                **self.progress_bar(),
            )
        except ImportFileError as error:
            raise CommandError(str(error)) from None
        finally:
            self.close_bar()
        for line in report.header():
            self.stdout.write(line)
        shown = report.rows if options["verbosity"] > 1 else report.noteworthy()
        for result in shown:
            self.stdout.write(result.line())
        if options["report"]:
            self.write_report(report, Path(options["report"]))
        self.stdout.write(self.style.SUCCESS(report.summary()))

    def write_report(self, report, target: Path) -> None:
        content = report.as_json() if target.suffix.lower() == ".json" else report.text()
        try:
            target.write_text(content, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"--report {target}: {error.strerror}") from None
        self.stdout.write(f"report written to {target}")

    def progress_bar(self) -> dict:
        """A tqdm bar on stderr when stderr is a terminal; nothing in logs and pipes."""
        if not sys.stderr.isatty():
            return {}
        from tqdm import tqdm

        def start(total: int) -> None:
            self.bar = tqdm(total=total, unit="row", file=sys.stderr, leave=False)

        return {"on_start": start, "progress": lambda done: self.bar.update(done)}

    def close_bar(self) -> None:
        if self.bar is not None:
            self.bar.close()
