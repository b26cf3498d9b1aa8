import datetime

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError, CommandParser

from reviews.stills.housekeeping import orphan_files


class Command(BaseCommand):
    help = (
        "Find files under the stills and renditions folders that no still or rendition refers "
        "to (left by an interrupted upload, say) and remove them; --dry-run only reports."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Report the orphan files; delete nothing."
        )
        parser.add_argument(
            "--min-age",
            type=int,
            default=60,
            metavar="MINUTES",
            help="Leave files younger than this alone: an upload may be under way (60).",
        )

    def handle(self, *args, dry_run: bool, min_age: int, **options) -> None:
        if min_age < 0:
            raise CommandError(f"--min-age must be 0 or more minutes, not {min_age}.")
        try:
            orphans = orphan_files(default_storage, datetime.timedelta(minutes=min_age))
        except OSError as exc:
            raise CommandError(f"Cannot list the media storage: {exc}") from exc
        for name in orphans:
            if not dry_run:
                default_storage.delete(name)
            self.stdout.write(f"{'would remove' if dry_run else 'removed'} {name}")
        verb = "would be removed" if dry_run else "removed"
        self.stdout.write(f"{len(orphans)} orphan file(s) {verb}.")
