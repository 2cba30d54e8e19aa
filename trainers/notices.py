"""The pool's periodic messages (run by beat through ``tasks.py``); the outbox keys make them safe
to run as often as beat likes: each message is written once, whatever the number of runs.

- the lead of a completed session is reminded weekly to sign off the intern, at most 3 times;
- an active trainer who gave no session for 12 months gets one nudge per quiet stretch, and
  national staff a weekly summary while anyone is quiet;
- once a year each trainer is asked whether their profile is still right.
"""

from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from notifications.services import message_enqueue

from . import selectors
from .models import StatusPeriod

T = "trainers/email/"
WEEK = timedelta(days=7)
MAX_SIGNOFF_REMINDERS = 3
PROFILE_CHECK_EVERY = timedelta(days=365)


@transaction.atomic
def signoff_reminders_send(*, now: datetime | None = None) -> int:
    """Remind the lead once per full week after completion that the intern waits; at most 3."""
    now = now or timezone.now()
    due = 0
    waiting = selectors.internships_waiting().select_related("session__region")
    leads = {
        a.session_id: a.trainer
        for a in selectors.leads_of(s.session_id for s in waiting).select_related("trainer")
    }
    for assignment in waiting:
        lead = leads.get(assignment.session_id)
        completed = assignment.session.completed_at
        if lead is None or completed is None:
            continue
        week = min(int((now - completed) / WEEK), MAX_SIGNOFF_REMINDERS)
        if week < 1:
            continue
        message_enqueue(
            key=f"trainers.signoff.{assignment.pk}.{week}",
            to=lead.email,
            template=T + "signoff_reminder",
            context={
                "user": lead,
                "assignment": assignment,
                "url": reverse("trainers:sign_off", kwargs={"pk": assignment.pk}),
            },
        )
        due += 1
    return due


def _staff():
    return get_user_model().objects.filter(groups__name=Role.NATIONAL_STAFF.value, is_active=True)


@transaction.atomic
def inactive_nudges_send(*, now: datetime | None = None) -> int:
    """One nudge per quiet stretch to each quiet trainer; a weekly summary to national staff."""
    now = now or timezone.now()
    quiet = list(selectors.inactive_trainers(now=now).select_related("user"))
    for profile in quiet:
        since = max(filter(None, [profile.last_given, profile.status_since]))
        message_enqueue(
            key=f"trainers.quiet.{profile.pk}.{since:%Y%m%d}",
            to=profile.user.email,
            template=T + "quiet_nudge",
            context={"user": profile.user},
        )
    if quiet:
        year, week, _ = timezone.localdate(now).isocalendar()
        for staff in _staff():
            message_enqueue(
                key=f"trainers.quiet_summary.{staff.pk}.{year}-{week:02d}",
                to=staff.email,
                template=T + "quiet_summary",
                context={"user": staff, "quiet": quiet, "url": reverse("trainers:dashboard")},
            )
    return len(quiet)


@transaction.atomic
def profile_checks_send(*, now: datetime | None = None) -> int:
    """Ask each trainer in the pool once a year: is your profile still right?"""
    now = now or timezone.now()
    due = now - PROFILE_CHECK_EVERY
    profiles = (
        selectors.profiles_with_status()
        .exclude(status=StatusPeriod.Status.STOPPED)
        .filter(status__isnull=False)
        .filter(Q(checked_at__lt=due) | Q(checked_at__isnull=True, created_at__lt=due))
        .select_related("user")
    )
    count = 0
    for profile in profiles:
        message_enqueue(
            key=f"trainers.profile_check.{profile.pk}.{now.year}",
            to=profile.user.email,
            template=T + "profile_check",
            context={"user": profile.user},
        )
        count += 1
    return count
