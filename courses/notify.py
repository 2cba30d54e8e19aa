"""The messages of courses, written to the outbox (``notifications``) inside the transaction of
the change that causes them.

Each function takes primary keys, re-reads what it needs (the caller's uncommitted change
included) and enqueues under a key that names the event, so running it twice (a retried change,
a second beat tick) writes one message. Each answers what it wrote new, so the periodic jobs can
count.

The three enrolment messages (confirmed, waitlisted, promoted) are the exception: they are
written on every enrolment, so the service hands over the enrolment it holds and the row stores
only its id and the facts the mail states as they are now (the status it got, the support person
who has a place); the send task renders them (``render_enrolment``), the same mail as before.
"""

from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.utils import timezone

from accounts.roles import Role
from notifications.services import (
    Rendering,
    message_enqueue_later,
    message_withdraw,
    register_renderer,
)
from notifications.services import message_enqueue_new as message_enqueue

from .calendar import session_ics
from .models import Assignment, Enrolment, EnrolmentInvitation, Meeting, Session

T = "courses/email/"


def _session_qs():
    return Session.objects.select_related("course", "region", "venue").prefetch_related(
        Prefetch("meetings", queryset=Meeting.objects.order_by("starts_at")),
        Prefetch("assignments", queryset=Assignment.objects.select_related("trainer")),
    )


def _context(session: Session, **extra) -> dict:
    return {
        "session": session,
        "course": session.course,
        "meetings": list(session.meetings.all()),
        "venue": session.venue,
        "trainers": [a.trainer for a in session.assignments.all()],
        "session_url": settings.SITE_URL + session.get_absolute_url(),
        **extra,
    }


def _stamp(enrolment: Enrolment) -> str:
    return enrolment.status_changed_at.strftime("%Y%m%d%H%M%S%f")


def _ics_attachment(session: Session) -> list[dict]:
    return [
        {
            "filename": f"{session.course.slug}-{session.pk}.ics",
            "content": session_ics(session).decode(),
            "mimetype": "text/calendar",
        }
    ]


#: The enrolment messages rendered by the send task: template -> with the session's ``.ics``.
ENROLMENT_MESSAGES = {
    "enrolment_confirmed": True,
    "enrolment_waitlisted": False,
    "enrolment_promoted": True,
}


def _enrolment_message(enrolment: Enrolment, *, template: str, expect: str):
    """One small row, rendered by the send task. ``enrolment`` is the service's own (its user
    loaded), just saved with the status ``expect``."""
    if enrolment.status != expect:
        return None
    return message_enqueue_later(
        key=f"courses:{template}:{enrolment.pk}:{_stamp(enrolment)}",
        to=enrolment.user.email,
        kind=f"courses.{template}",
        context={
            "enrolment": enrolment.pk,
            "status": enrolment.status,
            "support_person_name": enrolment.support_person_name,
        },
    )


def render_enrolment(template: str, context: dict) -> Rendering:
    """The mail of an enrolment message as it was written: the session as it is now (a change
    since then has its own message), the person's status and support person as they were."""
    enrolment = Enrolment.objects.select_related("user").get(pk=context["enrolment"])
    enrolment.status = context["status"]
    enrolment.support_person_name = context["support_person_name"]
    session = _session_qs().get(pk=enrolment.session_id)
    return Rendering(
        template=T + template,
        context=_context(session, enrolment=enrolment, person=enrolment.user),
        attachments=_ics_attachment(session) if ENROLMENT_MESSAGES[template] else None,
    )


def register_renderers() -> None:
    for template in ENROLMENT_MESSAGES:
        register_renderer(f"courses.{template}", partial(render_enrolment, template))


def enrolment_confirmed(*, enrolment: Enrolment):
    return _enrolment_message(
        enrolment, template="enrolment_confirmed", expect=Enrolment.Status.CONFIRMED
    )


def enrolment_invitation(*, invitation_id: int):
    """Ask the owner of an address to confirm an enrolment (once per invitation)."""
    invitation = EnrolmentInvitation.objects.select_related("invited_by").get(pk=invitation_id)
    session = _session_qs().get(pk=invitation.session_id)
    has_account = get_user_model().objects.filter(email__iexact=invitation.email).exists()
    inviter = invitation.invited_by
    return message_enqueue(
        key=f"courses:enrolment_invitation:{invitation.pk}",
        to=invitation.email,
        template=T + "enrolment_invitation",
        context=_context(
            session,
            invitation=invitation,
            inviter=inviter.get_public_name() if inviter is not None else "",
            has_account=has_account,
            accept_url=settings.SITE_URL + invitation.get_absolute_url(),
        ),
    )


def enrolment_waitlisted(*, enrolment: Enrolment):
    return _enrolment_message(
        enrolment, template="enrolment_waitlisted", expect=Enrolment.Status.WAITLISTED
    )


def enrolment_promoted(*, enrolment: Enrolment):
    return _enrolment_message(
        enrolment, template="enrolment_promoted", expect=Enrolment.Status.CONFIRMED
    )


def _active_enrolments(session: Session):
    return Enrolment.objects.filter(session=session, status__in=Enrolment.ACTIVE).select_related(
        "user"
    )


def session_changed(*, session_id: int, revision: int) -> int:
    """Everyone enrolled or waiting gets the session as it is now. A change message of an earlier
    revision that has not gone out yet is withdrawn: this one says everything it said (and one
    edit in several steps, e.g. details and meetings saved together, makes one message)."""
    message_withdraw(key_prefix=f"courses:session_changed:{session_id}:")
    session = _session_qs().get(pk=session_id)
    attachments = _ics_attachment(session)
    sent = 0
    for enrolment in _active_enrolments(session):
        sent += bool(
            message_enqueue(
                key=f"courses:session_changed:{session.pk}:{revision}:{enrolment.pk}",
                to=enrolment.user.email,
                template=T + "session_changed",
                context=_context(session, enrolment=enrolment, person=enrolment.user),
                attachments=attachments if enrolment.status == Enrolment.Status.CONFIRMED else None,
            )
        )
    return sent


def session_cancelled(*, session_id: int) -> int:
    session = _session_qs().get(pk=session_id)
    sent = 0
    for enrolment in _active_enrolments(session):
        sent += bool(
            message_enqueue(
                key=f"courses:session_cancelled:{session.pk}:{enrolment.pk}",
                to=enrolment.user.email,
                template=T + "session_cancelled",
                context=_context(session, enrolment=enrolment, person=enrolment.user),
            )
        )
    return sent


def enrolment_reminder(*, enrolment: Enrolment, session: Session):
    """Two days before the first meeting (the beat task picks who)."""
    return message_enqueue(
        key=f"courses:reminder:{enrolment.pk}:{session.starts_at:%Y%m%d%H%M}",
        to=enrolment.user.email,
        template=T + "reminder",
        context=_context(session, enrolment=enrolment, person=enrolment.user),
        attachments=_ics_attachment(session),
    )


def go_no_go_warning(*, session: Session, confirmed: int) -> int:
    """Seven days before the start, too few people: the lead trainer and national staff decide."""
    User = get_user_model()
    recipients = list(
        User.objects.filter(
            assignments__session=session, assignments__role=Assignment.Role.LEAD, is_active=True
        )
    ) + list(User.objects.filter(groups__name=Role.NATIONAL_STAFF.value, is_active=True))
    sent = 0
    for person in {p.pk: p for p in recipients}.values():
        sent += bool(
            message_enqueue(
                key=f"courses:go_no_go:{session.pk}:{session.starts_at:%Y%m%d}:{person.pk}",
                to=person.email,
                template=T + "go_no_go",
                context=_context(session, person=person, confirmed=confirmed),
            )
        )
    return sent


def trainer_digest(*, trainer, day, rows: list[dict]):
    """One message per trainer per day: new enrolments and cancellations in their sessions."""
    return message_enqueue(
        key=f"courses:trainer_digest:{trainer.pk}:{day:%Y%m%d}",
        to=trainer.email,
        template=T + "trainer_digest",
        context={"person": trainer, "day": day, "rows": rows, "now": timezone.now()},
    )
