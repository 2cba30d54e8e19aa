"""Retention with the clock moved: answers 3 years after the last course, inactive accounts
after a warning 30 days ahead, audit entries after 7 years; idempotent; a dry run only counts."""

import io
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command

from accounts.audit import log_action
from accounts.models import AuditEntry, ErasureRequest
from accounts.services import retention_apply, retention_plan
from competencies.models import SelfAssessment
from notifications.models import OutboxMessage
from tests.accounts.factories import UserFactory

from .privacy_world import build_world, snapshot

pytestmark = pytest.mark.django_db

YEAR = timedelta(days=365)


def _plan():
    return {rule.key: count for rule, _days, count in retention_plan()}


def test_answers_go_three_years_after_the_last_course_and_figures_follow():
    world = build_world(participants=5)
    ended = world.session.ends_at
    with time_machine.travel(ended + 3 * YEAR - timedelta(days=2), tick=False):
        assert _plan()["answers"] == 0
        assert retention_apply()["answers"] == 0
    with time_machine.travel(ended + 3 * YEAR + timedelta(days=1), tick=False):
        # 5 people x pre and post, and the list a friend was asked to fill in about one of them.
        assert _plan()["answers"] == 11
        assert retention_apply()["answers"] == 11
        assert not SelfAssessment.objects.filter(enrolment__session=world.session).exists()
        # The summary lost their contribution in the same transaction: it equals a rebuild.
        # (rows of zeros stay in the maintained table; a rebuild writes none)
        assert [row for row in snapshot() if any(row[4:])] == []
        call_command("rebuild_growth_summary")
        assert snapshot() == []
        # Idempotent.
        assert retention_apply()["answers"] == 0


def test_a_later_course_keeps_the_answers():
    from tests.courses.factories import EnrolmentFactory, SessionFactory

    world = build_world(participants=5)
    later = SessionFactory(starts_in=3 * YEAR)
    EnrolmentFactory(session=later, user=world.me)
    with time_machine.travel(world.session.ends_at + 3 * YEAR + timedelta(days=1), tick=False):
        retention_apply()
    assert SelfAssessment.objects.filter(user=world.me, enrolment__isnull=False).count() == 2
    assert not SelfAssessment.objects.filter(user=world.other).exists()


def test_inactive_account_is_warned_30_days_ahead_then_forgotten():
    joined = UserFactory().date_joined
    quiet = UserFactory(email="stil@example.org", display_name="Stille Sien")
    UserFactory(is_superuser=True)  # technical administrators are never aged out
    warn_at = joined + 3 * YEAR - timedelta(days=29)
    with time_machine.travel(warn_at, tick=False):
        assert _plan()["inactive_accounts"] == 3 - 1
        assert retention_apply()["inactive_accounts"] == 2
        mail = OutboxMessage.objects.get(to="stil@example.org")
        assert "lang niet" in mail.subject
        # Idempotent: no second warning, no second request.
        assert retention_apply()["inactive_accounts"] == 0
        assert OutboxMessage.objects.filter(to="stil@example.org").count() == 1
    request = ErasureRequest.objects.get(user=quiet)
    assert request.kind == ErasureRequest.Kind.INACTIVITY
    assert request.execute_after == warn_at + timedelta(days=30)
    with time_machine.travel(request.execute_after + timedelta(hours=2), tick=False):
        call_command("retention", stdout=io.StringIO())
    quiet.refresh_from_db()
    assert quiet.email is None
    assert not quiet.is_active


def test_logging_in_after_the_warning_keeps_the_account(client):
    from django.utils import timezone

    quiet = UserFactory()
    warn_at = quiet.date_joined + 3 * YEAR - timedelta(days=29)
    with time_machine.travel(warn_at, tick=False):
        retention_apply()
    with time_machine.travel(warn_at + timedelta(days=5), tick=False):
        quiet.last_login = timezone.now()
        quiet.save(update_fields=["last_login"])
    with time_machine.travel(warn_at + timedelta(days=31), tick=False):
        call_command("retention", stdout=io.StringIO())
    quiet.refresh_from_db()
    assert quiet.is_active
    assert quiet.email
    assert ErasureRequest.objects.get(user=quiet).cancelled_at is not None


def test_audit_entries_go_after_seven_years():
    actor = UserFactory()
    old = log_action(actor=actor, verb="user.profile_updated", target=actor)
    with time_machine.travel(old.created_at + 7 * YEAR + timedelta(days=1), tick=False):
        recent = log_action(actor=actor, verb="user.profile_updated", target=actor)
        assert retention_apply()["audit"] == 1
        assert not AuditEntry.objects.filter(pk=old.pk).exists()
        assert AuditEntry.objects.filter(pk=recent.pk).exists()
        assert retention_apply()["audit"] == 0


def test_dry_run_counts_per_kind_without_names_and_changes_nothing():
    world = build_world(participants=5)
    with time_machine.travel(world.session.ends_at + 3 * YEAR + timedelta(days=1), tick=False):
        out = io.StringIO()
        call_command("retention", "--dry-run", stdout=out)
    text = out.getvalue()
    assert "answers: 11" in text
    assert "inactive_accounts:" in text
    assert "audit:" in text
    assert "erased: 0" in text
    assert world.me.display_name not in text
    assert world.me.email not in text
    assert SelfAssessment.objects.filter(enrolment__session=world.session).count() == 10
    assert not ErasureRequest.objects.exists()


def test_retention_is_scheduled_in_beat():
    from config.celery_app import app

    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert {"accounts.tasks.retention_apply", "accounts.tasks.erasure_execute_due"} <= tasks
