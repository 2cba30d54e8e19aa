"""The messages of intervision, written to the outbox inside the transaction that causes them.

Each function takes primary keys, re-reads what it needs and enqueues under a key naming the
event and the person, so a second run (a retried change, the next beat tick) writes nothing new.
The periodic ones answer how many messages they wrote.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from courses.models import Enrolment, Session
from notifications.services import message_enqueue_new as message_enqueue

from . import selectors
from .calendar import moment_attachment
from .models import Moment, Request, SeriesClosure

T = "intervision/email/"
#: Trainers hear of open requests this long after the first one, whatever the support.
TELL_TRAINERS_AFTER = timedelta(days=7)
#: After completion, participants are invited to ask for a moment at these weeks (once each).
NUDGE_WEEKS = (2, 6)
#: A nudge not sent within this long after its day is skipped (a first run over old sessions).
NUDGE_WINDOW = timedelta(days=7)
REMIND_BEFORE = timedelta(days=1)


def _name(user) -> str:
    return user.get_short_name() or user.email


def _moment_context(moment: Moment, person, **extra) -> dict:
    return {
        "moment": moment,
        "person": person,
        "name": _name(person),
        "series": moment.series_name,
        "requests": list(moment.answered_requests.all()),
        "link": settings.SITE_URL,
        **extra,
    }


def _moment(moment_id: int) -> Moment:
    return Moment.objects.select_related("session__course", "group").get(pk=moment_id)


def _to_invitees(moment: Moment, *, template: str, key: str, ics: bool, **extra) -> int:
    attachments = moment_attachment(moment) if ics else None
    sent = 0
    for person in selectors.moment_invitees(moment):
        message = message_enqueue(
            key=f"{key}:{person.pk}",
            to=person.email,
            template=T + template,
            context=_moment_context(moment, person, **extra),
            attachments=attachments,
        )
        sent += message is not None
    return sent


def moment_invitation(*, moment_id: int) -> int:
    moment = _moment(moment_id)
    return _to_invitees(
        moment, template="moment_invitation", key=f"intervision:invitation:{moment.pk}", ics=True
    )


def moment_changed(*, moment_id: int) -> int:
    moment = _moment(moment_id)
    return _to_invitees(
        moment,
        template="moment_changed",
        key=f"intervision:changed:{moment.pk}:{moment.revision}",
        ics=True,
    )


def moment_cancelled(*, moment_id: int) -> int:
    moment = _moment(moment_id)
    return _to_invitees(
        moment, template="moment_cancelled", key=f"intervision:cancelled:{moment.pk}", ics=True
    )


def _to_trainers(session: Session, *, template: str, key: str, requests: list[Request]) -> int:
    sent = 0
    for trainer in selectors.session_trainers(session):
        message = message_enqueue(
            key=f"{key}:{trainer.pk}",
            to=trainer.email,
            template=T + template,
            context={
                "person": trainer,
                "name": _name(trainer),
                "course": session.course.title,
                "session": session,
                "requests": requests,
                "link": settings.SITE_URL,
            },
        )
        sent += message is not None
    return sent


def request_supported(*, request_id: int) -> int:
    """The session's trainers: this request has reached the course's number of supporters."""
    request = Request.objects.select_related("session__course").get(pk=request_id)
    return _to_trainers(
        request.session,
        template="request_supported",
        key=f"intervision:request_supported:{request.pk}",
        requests=[request],
    )


# --- Periodic ---------------------------------------------------------------------------------


def requests_waiting_send(*, now: datetime | None = None) -> int:
    """Trainers hear of open requests nobody told them about, 7 days after the first of them.

    One message per batch (keyed by its first request); the requests count as told.
    """
    now = now or timezone.now()
    due = (
        Request.objects.filter(status=Request.Status.OPEN, trainers_told_at__isnull=True)
        .values("session_id")
        .annotate(first=Min("created_at"))
        .filter(first__lte=now - TELL_TRAINERS_AFTER)
    )
    sent = 0
    for row in due:
        with transaction.atomic():
            session = Session.objects.select_for_update().get(pk=row["session_id"])
            waiting = list(
                Request.objects.filter(
                    session=session, status=Request.Status.OPEN, trainers_told_at__isnull=True
                ).order_by("created_at", "pk")
            )
            if not waiting:
                continue
            sent += _to_trainers(
                session,
                template="requests_waiting",
                key=f"intervision:requests_waiting:{waiting[0].pk}",
                requests=waiting,
            )
            Request.objects.filter(pk__in=[r.pk for r in waiting]).update(trainers_told_at=now)
    return sent


def nudges_send(*, now: datetime | None = None) -> int:
    """2 and 6 weeks after completion, everyone who attended is invited to ask for a moment."""
    now = now or timezone.now()
    sent = 0
    for weeks in NUDGE_WEEKS:
        day = now - timedelta(weeks=weeks)
        enrolments = (
            Enrolment.objects.filter(
                status=Enrolment.Status.ATTENDED,
                session__status=Session.Status.COMPLETED,
                session__completed_at__lte=day,
                session__completed_at__gt=day - NUDGE_WINDOW,
            )
            .exclude(
                session__in=SeriesClosure.objects.filter(session__isnull=False).values("session")
            )
            .select_related("user", "session__course")
            .order_by("pk")
        )
        for enrolment in enrolments.iterator(chunk_size=500):
            close_at = selectors.requests_close_at(enrolment.session)
            if close_at is None or now >= close_at:
                continue
            with transaction.atomic():
                message = message_enqueue(
                    key=f"intervision:nudge:{weeks}:{enrolment.pk}",
                    to=enrolment.user.email,
                    template=T + "nudge",
                    context={
                        "person": enrolment.user,
                        "name": _name(enrolment.user),
                        "course": enrolment.session.course.title,
                        "weeks": weeks,
                        "link": settings.SITE_URL,
                    },
                )
            sent += message is not None
    return sent


def reminders_send(*, now: datetime | None = None) -> int:
    """The day before a planned moment, everyone invited is reminded (once per start time)."""
    now = now or timezone.now()
    moments = (
        Moment.objects.filter(
            status=Moment.Status.PLANNED, starts_at__gt=now, starts_at__lte=now + REMIND_BEFORE
        )
        .select_related("session__course", "group")
        .order_by("starts_at", "pk")
    )
    sent = 0
    for moment in moments:
        stamp = moment.starts_at.strftime("%Y%m%d%H%M")
        with transaction.atomic():
            sent += _to_invitees(
                moment,
                template="moment_reminder",
                key=f"intervision:reminder:{moment.pk}:{stamp}",
                ics=False,
            )
    return sent
