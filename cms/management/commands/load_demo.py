from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand

from accounts.demo import load_demo_accounts
from cms.demo import load_demo_content
from competencies.demo import load_demo_competencies
from courses.demo import load_demo_courses
from trainers.demo import load_demo_trainers


class Command(BaseCommand):
    help = "Load the demo data of the embedded default. Running it twice changes nothing."

    def handle(self, *args, **options):
        load_demo_accounts()
        load_demo_courses()
        # Before the competencies: its completed train-the-trainer session gets lists filled too.
        load_demo_trainers()
        load_demo_competencies()
        # After the courses: course pages link to the course rows and show their sessions.
        load_demo_content()
        # The national overview reads its own buckets: fold the demo into them (by name: cms
        # and overview sit side by side on top and do not import each other).
        if apps.is_installed("overview"):
            call_command("refresh_overview", verbosity=0)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
