from django.core.management.base import BaseCommand

from reviews.demo import DemoSeeder


class Command(BaseCommand):
    help = "Load demo content (films, credits, stills, reviews) and demo accounts. Idempotent."

    def handle(self, *args, **options) -> None:
        report = DemoSeeder().run()
        made = ", ".join(f"{count} {kind}" for kind, count in sorted(report.created.items()))
        self.stdout.write(self.style.SUCCESS(f"Demo content ready ({made or 'nothing new'})."))
        self.stdout.write("Demo accounts (for this demo site only) at /admin/:")
        for username, password, group in report.accounts:
            self.stdout.write(f"  {username:<10} password {password}   ({group})")
