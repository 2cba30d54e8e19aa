"""The messages of courses, written to the outbox (``notifications``) inside the transaction of
the change that causes them.

Each function takes primary keys, re-reads what it needs (the caller's uncommitted change
included) and enqueues under a key that names the event, so running it twice (a retried change,
a second beat tick) writes one message. Each answers what it wrote new, so the periodic jobs can
count.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.utils import timezone

from accounts.roles import Role
from notifications.services import message_enqueue_new as message_enqueue
from notifications.services import message_withdraw

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


def _enrolment_message(enrolment_id: int, *, template: str, expect: str, ics: bool = False):
    enrolment = Enrolment.objects.select_related("user").filter(pk=enrolment_id).first()
    if enrolment is None or enrolment.status != expect:
        return None
    session = _session_qs().get(pk=enrolment.session_id)
    return message_enqueue(
        key=f"courses:{template}:{enrolment.pk}:{_stamp(enrolment)}",
        to=enrolment.user.email,
        template=T + template,
        context=_context(session, enrolment=enrolment, person=enrolment.user),
        attachments=_ics_attachment(session) if ics else None,
    )


def enrolment_confirmed(*, enrolment_id: int):
    return _enrolment_message(
        enrolment_id, template="enrolment_confirmed", expect=Enrolment.Status.CONFIRMED, ics=True
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


def enrolment_waitlisted(*, enrolment_id: int):
    return _enrolment_message(
        enrolment_id, template="enrolment_waitlisted", expect=Enrolment.Status.WAITLISTED
    )


def enrolment_promoted(*, enrolment_id: int):
    return _enrolment_message(
        enrolment_id, template="enrolment_promoted", expect=Enrolment.Status.CONFIRMED, ics=True
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
