from django.core.management.base import BaseCommand

from competencies.summary import summary_rebuild


class Command(BaseCommand):
    help = "Rebuild the growth summary (session x competency x moment) from the answers."

    def add_arguments(self, parser):
        parser.add_argument("--session", type=int, action="append", help="only these sessions")

    def handle(self, *args, **options):
        count = summary_rebuild(session_ids=options["session"])
        self.stdout.write(self.style.SUCCESS(f"{count} summary rows written."))
