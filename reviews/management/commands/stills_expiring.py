from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from reviews.models import Photo


class Command(BaseCommand):
    help = "List the stills whose usage rights expire within the next N days (today included)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=30, help="How many days ahead (30).")

    def handle(self, *args, days: int, **options) -> None:
        if days < 0:
            raise CommandError(f"--days must be 0 or more, not {days}.")
        today = timezone.localdate()
        stills = Photo.objects.expiring_within(days, on=today).select_related("film")
        stills = stills.order_by("usage_expires", "id")
        if not stills:
            self.stdout.write(f"No still's rights expire in the next {days} days.")
            return
        self.stdout.write(f"{len(stills)} still(s) whose rights expire in the next {days} days:")
        for photo in stills:
            left = (photo.usage_expires - today).days
            film = f" [{photo.film.title}]" if photo.film else ""
            self.stdout.write(
                f"  {photo.usage_expires:%Y-%m-%d} (in {left} days)  #{photo.pk}{film} "
                f"{photo.caption} — {photo.credit_line} (rights: {photo.rights_holder or '?'})"
            )
