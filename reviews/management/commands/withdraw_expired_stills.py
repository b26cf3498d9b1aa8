from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from reviews.models import Photo
from reviews.stills.withdrawal import sync_still_files


class Command(BaseCommand):
    help = (
        "Move the files of stills whose rights have expired out of public reach, and bring "
        "back those whose rights were renewed. Run it from cron shortly after midnight; it "
        "exits non-zero while storage refuses to move any still's files."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="List the stills; move nothing.")

    def handle(self, *args, dry_run: bool, **options) -> None:
        if settings.EXPIRED_STILLS != "withdraw":
            self.stdout.write(
                "Nothing to move: NEWSROOM_EXPIRED_STILLS=signed (the bucket serves signed, "
                "expiring addresses only)."
            )
            return
        if dry_run:
            for photo in Photo.objects.to_withdraw().order_by("pk"):
                self.stdout.write(f"would withdraw the files of still {photo.pk} “{photo}”")
            for photo in Photo.objects.to_restore().order_by("pk"):
                self.stdout.write(f"would restore the files of still {photo.pk} “{photo}”")
            return
        report = sync_still_files()
        for photo in report.withdrawn:
            self.stdout.write(f"withdrew the files of still {photo.pk} “{photo}”")
        for photo in report.restored:
            self.stdout.write(f"restored the files of still {photo.pk} “{photo}”")
        for photo, reason in report.failed:
            self.stderr.write(f"could not move the files of still {photo.pk} “{photo}”: {reason}")
        if report.failed:
            raise CommandError(f"{len(report.failed)} still(s) left as they were; run it again.")
        if not (report.withdrawn or report.restored):
            self.stdout.write("Every still's files are where its rights say.")
