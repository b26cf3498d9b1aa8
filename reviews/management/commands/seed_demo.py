from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from reviews.demo import ACCOUNTS, EXTRA_CRITIC, DemoSeeder


class Command(BaseCommand):
    help = "Load demo content (films, credits, stills, reviews) and demo accounts. Idempotent."

    def handle(self, *args, **options) -> None:
        refuse_a_real_site()
        report = DemoSeeder().run()
        made = ", ".join(f"{count} {kind}" for kind, count in sorted(report.created.items()))
        self.stdout.write(self.style.SUCCESS(f"Demo content ready ({made or 'nothing new'})."))
        self.stdout.write("Demo accounts (for this demo site only) at /admin/:")
        for username, password, group in report.accounts:
            self.stdout.write(f"  {username:<10} password {password}   ({group})")


def refuse_a_real_site() -> None:
    """The demo accounts have a published password: never add them beside real staff on a
    production site (DEBUG off). A developer's machine (DEBUG on) is always a demo."""
    if settings.DEBUG:
        return
    demo_names = [name for name, *_ in [*ACCOUNTS, EXTRA_CRITIC]]
    staff = get_user_model().objects.filter(Q(is_staff=True) | Q(is_superuser=True))
    real = staff.exclude(username__in=demo_names).values_list("username", flat=True).first()
    if real is not None:
        raise CommandError(
            f"seed_demo: this site has real staff accounts (e.g. {real!r}) and DEBUG is off; "
            "demo accounts with a published password belong on a demo database only."
        )
