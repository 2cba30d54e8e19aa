import threading
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

DEMO_BANNER = """
Leerkring draait op {url}

Demo-accounts (wachtwoord voor allemaal: {password}):
  deelnemer        {participant}
  trainer          {trainer}
  landelijk bureau {staff}
  beheerder        {admin}

Beheer (CMS): {url}/beheer/   E-mail verschijnt hieronder in de console.
Stoppen: Ctrl+C
"""


def run_scheduler(stop: threading.Event, tick: float = 5.0) -> None:
    """Run Celery beat's schedule in-process: the embedded default has no worker or beat.

    Tasks run eagerly (CELERY_TASK_ALWAYS_EAGER), so invitations and reminders still arrive.
    """
    from celery.schedules import maybe_schedule

    from config.celery_app import app

    app.loader.import_default_modules()  # autodiscover the tasks of every app now
    last_run = {}
    while not stop.is_set():
        for name, entry in app.conf.beat_schedule.items():
            schedule = maybe_schedule(entry["schedule"], app=app)
            last = last_run.get(name)
            if last is None or schedule.is_due(last).is_due:
                last_run[name] = timezone.now()
                try:
                    app.tasks[entry["task"]].apply(args=entry.get("args", ()))
                except Exception as exc:  # keep the demo alive; the error is printed
                    print(f"[scheduler] {name} failed: {exc!r}")
        stop.wait(tick)


class Command(BaseCommand):
    help = "Serve the embedded demo: runserver plus an in-process scheduler for periodic jobs."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport, **options):
        from accounts.demo import DEMO_PASSWORD, DEMO_USERS

        host, _, port = addrport.rpartition(":")
        self.stdout.write(
            DEMO_BANNER.format(
                url=f"http://{host or '127.0.0.1'}:{port}",
                password=DEMO_PASSWORD,
                **DEMO_USERS,
            )
        )
        if not settings.CELERY_TASK_ALWAYS_EAGER:
            self.stdout.write("REDIS_URL is set: run a Celery worker and beat alongside.")
        stop = threading.Event()
        threading.Thread(target=run_scheduler, args=(stop,), daemon=True, name="demo-beat").start()
        time.sleep(0.1)
        try:
            call_command("runserver", addrport, use_reloader=False)
        finally:
            stop.set()
