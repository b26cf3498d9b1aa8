import datetime

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import QuerySet

from reviews.models import Photo
from reviews.stills.faults import describe
from reviews.stills.housekeeping import stills_missing_renditions
from reviews.stills.tasks import remake_renditions


class Command(BaseCommand):
    help = (
        "Make the renditions of stills missing them: those whose last making failed (storage "
        "refused the files, say) and those that never got any. Run it once storage is back, "
        "or from cron; it works in this process, not through the task queue."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "stills", nargs="*", type=int, metavar="ID", help="Only these stills (any state)."
        )
        parser.add_argument(
            "--min-age",
            type=int,
            default=60,
            metavar="MINUTES",
            help="A still that never got renditions counts as missing them only when older "
            "than this: its task may still be queued (60).",
        )
        parser.add_argument("--dry-run", action="store_true", help="List the stills; make nothing.")

    def handle(self, *args, stills: list[int], min_age: int, dry_run: bool, **options) -> None:
        if min_age < 0:
            raise CommandError(f"--min-age must be 0 or more minutes, not {min_age}.")
        failed = 0
        for photo in self.chosen(stills, min_age):
            if dry_run:
                self.stdout.write(f"would make the renditions of still {photo.pk} “{photo}”")
            else:
                failed += not self.remake(photo)
        if failed:
            raise CommandError(f"{failed} still(s) still without their renditions; see above.")

    def chosen(self, ids: list[int], min_age: int) -> QuerySet[Photo]:
        if not ids:
            return stills_missing_renditions(datetime.timedelta(minutes=min_age))
        found = Photo.objects.filter(pk__in=ids).order_by("pk")
        missing = sorted(set(ids) - set(found.values_list("pk", flat=True)))
        if missing:
            raise CommandError(f"No still with id {', '.join(map(str, missing))}.")
        return found

    def remake(self, photo: Photo) -> bool:
        """Make one still's renditions; say how it went; True when they were made."""
        try:
            made = remake_renditions(photo)
        except Exception as error:  # noqa: BLE001 - reported, and the command fails at the end
            self.stderr.write(f"still {photo.pk} “{photo}”: not made: {describe(error)}")
            return False
        self.stdout.write(f"still {photo.pk} “{photo}”: made {len(made)} rendition(s)")
        return True
