"""The Celery app and every periodic schedule of Leerkring, in one place.

django-celery-beat copies ``beat_schedule`` into its database tables when beat starts, so staff
can see (and pause) the jobs in the admin. In the embedded default (no Redis) the same schedule is
run by the in-process scheduler of ``manage.py rundemo``.
"""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("leerkring")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

MINUTE = 60.0

app.conf.beat_schedule = {
    "notifications-outbox-sweep": {
        "task": "notifications.tasks.outbox_sweep",
        "schedule": 1 * MINUTE,
    },
    "accounts-export-jobs-sweep": {
        "task": "accounts.tasks.export_jobs_sweep",
        "schedule": 1 * MINUTE,
    },
    "accounts-export-jobs-expire": {
        "task": "accounts.tasks.export_jobs_expire",
        "schedule": 60 * MINUTE,
    },
    "overview-refresh": {
        "task": "overview.tasks.overview_refresh",
        "schedule": 5 * MINUTE,
    },
    "courses-reminders": {
        "task": "courses.tasks.send_reminders",
        "schedule": 15 * MINUTE,
    },
    "courses-go-no-go": {
        "task": "courses.tasks.send_go_no_go_warnings",
        "schedule": 60 * MINUTE,
    },
    "courses-trainer-digest": {
        "task": "courses.tasks.send_trainer_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    "competencies-moment-invitations": {
        "task": "competencies.tasks.moment_invitations_send",
        "schedule": 5 * MINUTE,
    },
    "trainers-signoff-reminders": {
        "task": "trainers.tasks.signoff_reminders_send",
        "schedule": crontab(hour=8, minute=0),
    },
    "trainers-inactive-nudges": {
        "task": "trainers.tasks.inactive_nudges_send",
        "schedule": crontab(hour=8, minute=15, day_of_week=1),
    },
    "intervision-requests-waiting": {
        "task": "intervision.tasks.requests_waiting_send",
        "schedule": 60 * MINUTE,
    },
    "intervision-nudges": {
        "task": "intervision.tasks.nudges_send",
        "schedule": crontab(hour=9, minute=0),
    },
    "intervision-reminders": {
        "task": "intervision.tasks.reminders_send",
        "schedule": 15 * MINUTE,
    },
    "intervision-series-close-due": {
        "task": "intervision.tasks.series_close_due",
        "schedule": crontab(hour=3, minute=30),
    },
    "accounts-erasure-due": {
        "task": "accounts.tasks.erasure_execute_due",
        "schedule": 60 * MINUTE,
    },
    "accounts-retention": {
        "task": "accounts.tasks.retention_apply",
        "schedule": crontab(hour=3, minute=30),
    },
    "trainers-profile-checks": {
        "task": "trainers.tasks.profile_checks_send",
        "schedule": crontab(hour=8, minute=30),
    },
}

# Operations drills only (bin/drill): every interval job runs every BEAT_INTERVAL_SECONDS, so a
# drill sees several sweeps and reminder runs in a minute. Daily (crontab) jobs keep their time.
_drill_interval = float(os.environ.get("BEAT_INTERVAL_SECONDS") or 0)
if _drill_interval > 0:
    for _entry in app.conf.beat_schedule.values():
        if isinstance(_entry["schedule"], float):
            _entry["schedule"] = _drill_interval
