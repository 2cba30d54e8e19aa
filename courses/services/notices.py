"""The periodic messages: reminders, go/no-go warnings, trainers' daily digest.

Beat runs these often (see ``config/celery_app.py``); each message has an outbox key naming what
it is about, so a second run, a retried task or two beats at once send nothing new.
"""

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.db.models import Count, F, Q
from django.utils import timezone

from accounts.audit import log_action

from .. import notify
from ..models import Assignment, Enrolment, Session
from ..selectors import with_places
from ._base import E, S, _now

REMINDER_BEFORE = timedelta(days=2)
GO_NO_GO_BEFORE = timedelta(days=7)


def reminders_send(*, now: datetime | None = None) -> int:
    """Remind everyone with a place two days before the first meeting.

    Sessions whose first meeting is between one and two days away: someone who enrols later than
    that has just had their confirmation and gets no separate reminder.
    """
    now = _now(now)
    sessions = (
        Session.objects.filter(
            status=S.PUBLISHED,
            starts_at__gt=now + REMINDER_BEFORE - timedelta(days=1),
            starts_at__lte=now + REMINDER_BEFORE,
        )
        .select_related("course", "region", "venue")
        .prefetch_related("meetings", "assignments__trainer")
    )
    sent = 0
    for session in sessions:
        for enrolment in session.enrolments.filter(status=E.CONFIRMED).select_related("user"):
            sent += bool(notify.enrolment_reminder(enrolment=enrolment, session=session))
    if sent:
        log_action(actor=None, verb="courses.reminders_sent", data={"messages": sent})
    return sent


def go_no_go_check(*, now: datetime | None = None) -> int:
    """A week before the start, too few confirmed participants: warn the lead and national staff.

    Participants are counted, not seats: a support person does not make a group bigger.
    """
    now = _now(now)
    sessions = (
        Session.objects.filter(
            status=S.PUBLISHED,
            starts_at__gt=now,
            starts_at__lte=now + GO_NO_GO_BEFORE,
        )
        .annotate(confirmed=Count("enrolments", filter=Q(enrolments__status=E.CONFIRMED)))
        .filter(confirmed__lt=F("min_participants"))
        .select_related("course", "region", "venue")
        .prefetch_related("meetings", "assignments__trainer")
    )
    sent = 0
    for session in sessions:
        sent += notify.go_no_go_warning(session=session, confirmed=session.confirmed)
    if sent:
        log_action(actor=None, verb="courses.go_no_go_sent", data={"messages": sent})
    return sent


def trainer_digest_send(*, day: date | None = None) -> int:
    """Each trainer's new enrolments and cancellations of ``day`` (default: yesterday).

    A fixed number of queries for the data, whatever the number of sessions and assignments;
    then one message (its outbox writes) per trainer.
    """
    if day is None:
        day = timezone.localdate() - timedelta(days=1)
    start = timezone.make_aware(datetime.combine(day, time.min))
    end = start + timedelta(days=1)
    changed = (
        Enrolment.objects.filter(
            Q(created_at__gte=start, created_at__lt=end)
            | Q(cancelled_at__gte=start, cancelled_at__lt=end)
        )
        .filter(session__status=S.PUBLISHED)
        .select_related("user", "session")
    )
    by_session: dict[int, dict] = {}
    for enrolment in changed:
        row = by_session.setdefault(
            enrolment.session_id, {"session_id": enrolment.session_id, "new": [], "cancelled": []}
        )
        name = str(enrolment.user)
        if (
            enrolment.status == E.CANCELLED
            and enrolment.cancelled_at
            and enrolment.cancelled_at >= start
        ):
            row["cancelled"].append(name)
        if start <= enrolment.created_at < end and enrolment.status != E.CANCELLED:
            row["new"].append(name)
    if not by_session:
        return 0
    sessions = {
        s.pk: s
        for s in with_places(Session.objects.filter(pk__in=by_session)).select_related(
            "course", "region"
        )
    }
    per_trainer: dict[int, list] = defaultdict(list)
    trainers = {}
    for assignment in Assignment.objects.filter(session__in=by_session).select_related("trainer"):
        session = sessions[assignment.session_id]
        row = by_session[assignment.session_id]
        per_trainer[assignment.trainer_id].append(
            {
                **row,
                "session": session,
                "taken": session.seats_taken,
                "capacity": session.capacity,
            }
        )
        trainers[assignment.trainer_id] = assignment.trainer
    sent = 0
    for trainer_id, rows in per_trainer.items():
        sent += bool(notify.trainer_digest(trainer=trainers[trainer_id], day=day, rows=rows))
    if sent:
        log_action(actor=None, verb="courses.trainer_digest_sent", data={"messages": sent})
    return sent
