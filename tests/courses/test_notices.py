from datetime import timedelta

import pytest
from django.utils import timezone

from config.celery_app import app
from courses import tasks
from notifications.models import OutboxMessage
from tests.accounts.factories import UserFactory
from tests.courses.factories import AssignmentFactory, EnrolmentFactory, SessionFactory

pytestmark = pytest.mark.django_db


def keys(prefix):
    return sorted(OutboxMessage.objects.filter(key__startswith=prefix).values_list("to", flat=True))


def test_periodic_tasks_are_scheduled():
    tasks_scheduled = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert {
        "courses.tasks.send_reminders",
        "courses.tasks.send_go_no_go_warnings",
        "courses.tasks.send_trainer_digests",
    } <= tasks_scheduled


def test_reminder_two_days_before_once(frozen_now, mailoutbox, django_capture_on_commit_callbacks):
    soon = SessionFactory(starts_in=timedelta(hours=40))
    later = SessionFactory(starts_in=timedelta(days=5))
    a = EnrolmentFactory(session=soon)
    EnrolmentFactory(session=soon, status="waitlisted")
    EnrolmentFactory(session=later)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_reminders.delay().get() == 1
    assert tasks.send_reminders.delay().get() == 0
    assert keys("courses:reminder:") == [a.user.email]
    assert len(mailoutbox) == 1
    assert mailoutbox[0].attachments[0][2] == "text/calendar"


def test_go_no_go_warns_lead_and_staff_when_below_minimum():
    thin = SessionFactory(capacity=10, min_participants=4, starts_in=timedelta(days=6))
    full_enough = SessionFactory(capacity=10, min_participants=1, starts_in=timedelta(days=6))
    far = SessionFactory(capacity=10, min_participants=4, starts_in=timedelta(days=20))
    lead = AssignmentFactory(session=thin, role="lead").trainer
    AssignmentFactory(session=thin, role="co_trainer")
    staff = UserFactory(role="national_staff")
    EnrolmentFactory(session=thin, support_person_name="Begeleider")
    EnrolmentFactory(session=full_enough)
    EnrolmentFactory(session=far)
    assert tasks.send_go_no_go_warnings.delay().get() == 2
    assert tasks.send_go_no_go_warnings.delay().get() == 0
    assert keys("courses:go_no_go:") == sorted([lead.email, staff.email])
    body = OutboxMessage.objects.get(to=lead.email).body_text
    assert "1 plaatsen bevestigd" in body


def test_trainer_digest_of_yesterday(frozen_now):
    yesterday = timezone.now() - timedelta(days=1)
    session = SessionFactory()
    trainer = AssignmentFactory(session=session).trainer
    new = EnrolmentFactory(session=session, created_at=yesterday)
    gone = EnrolmentFactory(
        session=session,
        status="cancelled",
        created_at=yesterday - timedelta(days=3),
        cancelled_at=yesterday,
    )
    EnrolmentFactory(session=session)  # today: tomorrow's digest
    EnrolmentFactory(created_at=yesterday)  # another trainer's session
    day = timezone.localdate(yesterday).isoformat()
    assert tasks.send_trainer_digests.delay(day).get() == 1
    assert tasks.send_trainer_digests.delay(day).get() == 0
    message = OutboxMessage.objects.get(to=trainer.email)
    assert str(new.user) in message.body_text
    assert str(gone.user) in message.body_text
