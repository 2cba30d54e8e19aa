"""Who gives a session: assignments (no trainer in two places at once) and qualifications."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q, QuerySet

from accounts.audit import log_action
from accounts.roles import is_trainer

from .. import exceptions as e
from ..models import Assignment, Course, Meeting, Qualification, Session
from . import _base
from ._base import OPEN_STATUSES

# --- Staffing --------------------------------------------------------------------------------


def meetings_clashing(meetings) -> QuerySet[Meeting]:
    """Meetings of open sessions that overlap any of ``meetings`` ((start, end) pairs).

    The double-booking rule in one place: a trainer assigned to one of these is booked then.
    Read-only, so apps above courses (the trainer pool's suggestions) may ask it too.
    """
    overlap = Q(pk__in=[])
    for starts_at, ends_at in meetings:
        overlap |= Q(starts_at__lt=ends_at, ends_at__gt=starts_at)
    return Meeting.objects.filter(overlap, session__status__in=OPEN_STATUSES)


def _check_trainers_free(session: Session, *, trainers=None) -> None:
    """No trainer of this session (or the given ones) is at another session's meeting then."""
    meetings = list(session.meetings.values_list("starts_at", "ends_at"))
    if trainers is None:
        trainers = [a.trainer for a in session.assignments.select_related("trainer")]
    if not meetings or not trainers:
        return
    for trainer in trainers:
        clash = (
            meetings_clashing(meetings)
            .filter(session__assignments__trainer=trainer)
            .exclude(session=session)
            .select_related("session__course", "session__region")
            .first()
        )
        if clash is not None:
            raise e.TrainerDoubleBooked(
                trainer=trainer, clashing_session=clash.session, clashing_meeting=clash
            )


def _lock_trainers(session: Session, extra=()) -> list:
    """Lock the trainers' user rows so two sessions cannot book one trainer at the same time."""
    ids = set(session.assignments.values_list("trainer_id", flat=True)) | {t.pk for t in extra}
    return list(get_user_model().objects.select_for_update().filter(pk__in=ids).order_by("pk"))


@transaction.atomic
def assignment_create(*, actor, session: Session, trainer, role: str) -> Assignment:
    """Put a trainer on a session. Refused when they are booked elsewhere at the same time."""
    session = _base.lock_session(session.pk)
    if session.status not in OPEN_STATUSES:
        raise e.InvalidTransition()
    if not is_trainer(trainer):
        raise e.NotATrainer()
    role = Assignment.Role(role)
    if (
        role != Assignment.Role.INTERN
        and not Qualification.objects.filter(trainer=trainer, course=session.course_id).exists()
    ):
        raise e.TrainerNotQualified()
    _lock_trainers(session, extra=[trainer])
    if session.assignments.filter(trainer=trainer).exists():
        raise e.AlreadyAssigned()
    if role == Assignment.Role.LEAD and session.assignments.filter(role=role).exists():
        raise e.LeadAlreadyAssigned()
    _check_trainers_free(session, trainers=[trainer])
    assignment = Assignment.objects.create(session=session, trainer=trainer, role=role)
    log_action(
        actor=actor,
        verb="assignment.created",
        target=session,
        data={"trainer": trainer.pk, "role": role.value},
    )
    return assignment


@transaction.atomic
def assignment_delete(*, actor, assignment: Assignment) -> None:
    _base.lock_session(assignment.session_id)
    log_action(
        actor=actor,
        verb="assignment.deleted",
        target=assignment.session,
        data={"trainer": assignment.trainer_id, "role": assignment.role},
    )
    assignment.delete()


@transaction.atomic
def qualification_grant(*, actor, trainer, course: Course) -> Qualification:
    """Allow a trainer to give a course (national staff now; certification later)."""
    if not is_trainer(trainer):
        raise e.NotATrainer()
    qualification, created = Qualification.objects.get_or_create(
        trainer=trainer, course=course, defaults={"granted_by": actor}
    )
    if created:
        log_action(actor=actor, verb="qualification.granted", target=qualification)
    return qualification


@transaction.atomic
def qualification_revoke(*, actor, qualification: Qualification) -> None:
    log_action(actor=actor, verb="qualification.revoked", target=qualification)
    qualification.delete()
