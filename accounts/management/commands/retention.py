"""``manage.py retention [--dry-run]``: apply the retention rules now, or list what they would do.

The list has counts per kind only, never names: it is safe to paste into a ticket.
"""

from django.core.management.base import BaseCommand

from accounts import services


class Command(BaseCommand):
    help = "Anonymise or delete what is past its retention (--dry-run: only count)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count only; change nothing.")

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            for rule, days, count in services.retention_plan():
                self.stdout.write(f"{rule.key}: {count} (ouder dan {days} dagen) — {rule.label}")
            due = services.erasures_due().count()
            self.stdout.write(f"erased: {due} (verzoeken om te wissen waarvan de tijd om is)")
            return
        done = services.retention_apply()
        done["erased"] = services.erasure_execute_due()
        for key, count in done.items():
            self.stdout.write(f"{key}: {count}")
