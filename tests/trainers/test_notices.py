from datetime import timedelta

import pytest
from django.utils import timezone

from notifications.models import OutboxMessage
from tests.accounts.factories import UserFactory
from tests.trainers.factories import ProfileFactory, internship
from trainers import notices, services

pytestmark = pytest.mark.django_db


def keys(prefix):
    return sorted(
        OutboxMessage.objects.filter(key__startswith=prefix).values_list("key", flat=True)
    )


def test_signoff_reminder_weekly_at_most_three_and_stops_when_signed():
    intern = ProfileFactory(status="candidate")
    assignment, lead = internship(intern.user)
    completed = assignment.session.completed_at
    assert notices.signoff_reminders_send(now=completed + timedelta(days=6)) == 0
    for days in (7, 8, 14, 21, 28, 60):
        notices.signoff_reminders_send(now=completed + timedelta(days=days))
    sent = keys(f"trainers.signoff.{assignment.pk}.")
    assert sent == [f"trainers.signoff.{assignment.pk}.{n}" for n in (1, 2, 3)]
    assert set(OutboxMessage.objects.filter(key__in=sent).values_list("to", flat=True)) == {
        lead.email
    }
    services.stage_sign_off(actor=lead, assignment=assignment, outcome="passed")
    other_intern = ProfileFactory(status="candidate")
    internship(other_intern.user, lead=lead)
    # Signed: no more reminders for the first one.
    assert notices.signoff_reminders_send(now=completed + timedelta(days=7)) == 0


def test_quiet_trainer_nudged_once_and_staff_summary_weekly(frozen_now):
    """Weekly means per calendar week: on a fixed Tuesday, the next day is the same week."""
    staff = UserFactory(role="national_staff")
    long_ago = timezone.now() - timedelta(days=800)
    quiet = ProfileFactory(status="active", since=long_ago)
    ProfileFactory(status="active")  # just became active: not quiet
    now = timezone.now()
    assert notices.inactive_nudges_send(now=now) == 1
    notices.inactive_nudges_send(now=now + timedelta(days=1))
    assert len(keys(f"trainers.quiet.{quiet.pk}.")) == 1
    assert len(keys(f"trainers.quiet_summary.{staff.pk}.")) == 1
    notices.inactive_nudges_send(now=now + timedelta(days=7))
    assert len(keys(f"trainers.quiet_summary.{staff.pk}.")) == 2
    summary = OutboxMessage.objects.filter(to=staff.email).first()
    assert quiet.user.display_name in summary.body_text


def test_profile_check_once_a_year_for_people_in_the_pool():
    old = timezone.now() - timedelta(days=400)
    due = ProfileFactory(status="active", created_at=old)
    ProfileFactory(status="stopped", created_at=old)
    ProfileFactory(status="active")
    assert notices.profile_checks_send() == 1
    assert notices.profile_checks_send() == 1
    assert len(keys(f"trainers.profile_check.{due.pk}.")) == 1
    services.profile_update(actor=due.user, profile=due, regions=[])
    assert notices.profile_checks_send() == 0
