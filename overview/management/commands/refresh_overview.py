from django.core.management.base import BaseCommand

from overview.services import overview_refresh


class Command(BaseCommand):
    help = "Fold the programme's figures into the national overview (beat does it every 5 min)."

    def handle(self, *args, **options):
        rows = overview_refresh()
        self.stdout.write(self.style.SUCCESS(f"Overview refreshed: {rows} rows."))
