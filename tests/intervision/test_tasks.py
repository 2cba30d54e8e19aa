"""The periodic jobs: each message once however often beat runs them (outbox keys)."""

from datetime import timedelta

import pytest
import time_machine

from intervision import services, tasks
from intervision.models import Request, SeriesClosure
from notifications.models import OutboxMessage

from .conftest import outbox_keys
from .factories import completed_session, moment_times

pytestmark = pytest.mark.django_db


def run_at(when, task):
    with time_machine.travel(when, tick=False):
        return task.delay().get()


def test_trainers_hear_of_waiting_requests_seven_days_after_the_first(course):
    session, trainer, people = course["session"], course["trainer"], course["people"]
    first = services.request_create(actor=people[0], session=session, topic="Achterban")
    second = services.request_create(
        actor=people[1], session=session, topic="Gemeente", now=first.created_at + timedelta(days=2)
    )
    assert run_at(first.created_at + timedelta(days=6), tasks.requests_waiting_send) == 0
    assert run_at(first.created_at + timedelta(days=7), tasks.requests_waiting_send) == 1
    assert run_at(first.created_at + timedelta(days=8), tasks.requests_waiting_send) == 0
    assert outbox_keys("intervision:requests_waiting:") == [
        f"intervision:requests_waiting:{first.pk}:{trainer.pk}"
    ]
    body = OutboxMessage.objects.get(to=trainer.email).body_text
    assert "Achterban" in body
    assert "Gemeente" in body
    second.refresh_from_db()
    assert second.trainers_told_at is not None  # told in the same batch
    assert not Request.objects.filter(trainers_told_at__isnull=True).exists()
    later = services.request_create(
        actor=people[2], session=session, topic="Agenda", now=first.created_at + timedelta(days=20)
    )
    assert run_at(later.created_at + timedelta(days=7), tasks.requests_waiting_send) == 1
    assert len(outbox_keys("intervision:requests_waiting:")) == 2


def test_nudges_two_and_six_weeks_after_the_course_once_each(course):
    done = course["session"].completed_at
    assert run_at(done + timedelta(weeks=2) - timedelta(hours=1), tasks.nudges_send) == 0
    assert run_at(done + timedelta(weeks=2, hours=1), tasks.nudges_send) == 3
    assert run_at(done + timedelta(weeks=2, days=1), tasks.nudges_send) == 0
    assert run_at(done + timedelta(weeks=4), tasks.nudges_send) == 0
    assert run_at(done + timedelta(weeks=6, hours=1), tasks.nudges_send) == 3
    assert run_at(done + timedelta(weeks=6, hours=2), tasks.nudges_send) == 0
    keys = outbox_keys("intervision:nudge:")
    assert len(keys) == 6
    assert len([k for k in keys if k.startswith("intervision:nudge:2:")]) == 3
    message = OutboxMessage.objects.filter(key__startswith="intervision:nudge:").first()
    assert course["session"].course.title in message.body_text


def test_no_nudge_for_old_courses_or_closed_series():
    completed_session(attendees=2, days_ago=400)  # long ago: its nudge days are past
    closed, trainer, _ = completed_session(attendees=2, days_ago=16)
    services.series_close(actor=trainer, session=closed)
    assert tasks.nudges_send.delay().get() == 0
    assert not outbox_keys("intervision:nudge:")


def test_a_reminder_the_day_before_once_per_start_time(course):
    starts, ends = moment_times(7)
    moment = services.moment_schedule(
        actor=course["trainer"],
        session=course["session"],
        starts_at=starts,
        ends_at=ends,
        place="Buurthuis",
    )
    assert run_at(starts - timedelta(hours=25), tasks.reminders_send) == 0
    assert run_at(starts - timedelta(hours=23), tasks.reminders_send) == 3
    assert run_at(starts - timedelta(hours=2), tasks.reminders_send) == 0
    assert len(outbox_keys(f"intervision:reminder:{moment.pk}:")) == 3
    # Moved to a later day: the new day gets its own reminder; a cancelled one none.
    moved = starts + timedelta(days=2)
    services.moment_update(
        actor=course["trainer"], moment=moment, starts_at=moved, ends_at=moved + timedelta(hours=2)
    )
    assert run_at(moved - timedelta(hours=23), tasks.reminders_send) == 3
    services.moment_cancel(actor=course["trainer"], moment=moment, reason="Ziek")
    assert run_at(moved - timedelta(hours=1), tasks.reminders_send) == 0
    assert "Morgen" in OutboxMessage.objects.filter(key__contains=":reminder:").first().subject


def test_the_close_task_runs_the_service_once(course):
    close_at = course["session"].completed_at + timedelta(days=200)
    assert run_at(close_at, tasks.series_close_due) == 1
    assert run_at(close_at, tasks.series_close_due) == 0
    assert SeriesClosure.objects.count() == 1


def test_every_job_is_in_the_beat_schedule():
    from config.celery_app import app

    scheduled = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert {
        "intervision.tasks.requests_waiting_send",
        "intervision.tasks.nudges_send",
        "intervision.tasks.reminders_send",
        "intervision.tasks.series_close_due",
    } <= scheduled
