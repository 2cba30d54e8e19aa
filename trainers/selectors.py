"""Reads of the trainer pool shared by views, tasks, the API and the services."""

from datetime import datetime, timedelta

from django.db.models import Exists, F, FilteredRelation, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from courses.models import Assignment, Course, Enrolment, Session

from .models import Application, ProgrammeStep, StatusPeriod, TrainerProfile

ST = StatusPeriod.Status
STEP = ProgrammeStep.Step
QUIET_AFTER = timedelta(days=365)
GIVING_ROLES = (Assignment.Role.LEAD, Assignment.Role.CO_TRAINER)
PROGRAMME_STATUSES = (ST.CANDIDATE, ST.IN_PROGRAMME)


def current_period(profile: TrainerProfile) -> StatusPeriod | None:
    return profile.status_periods.filter(ended_at__isnull=True).first()


def profiles_with_status() -> QuerySet[TrainerProfile]:
    """Profiles annotated with ``status`` and ``status_since`` (their open period).

    A join on the open period (at most one per profile, a partial unique constraint) rather
    than a correlated subquery per column: the planner hashes it once for the whole pool, which
    keeps the dashboard's queries flat at 2,000 trainers.
    """
    return TrainerProfile.objects.annotate(
        open_period=FilteredRelation(
            "status_periods", condition=Q(status_periods__ended_at__isnull=True)
        ),
        status=F("open_period__status"),
        status_since=F("open_period__started_at"),
    )


def has_attended_course(user) -> bool:
    """Only someone who followed a course themselves may apply to give one."""
    return Enrolment.objects.filter(user=user, status=Enrolment.Status.ATTENDED).exists()


def pending_application(user) -> Application | None:
    return Application.objects.filter(user=user, status=Application.Status.PENDING).first()


def _given(now: datetime):
    """Sessions (not cancelled, started by ``now``) a trainer gave as lead or co-trainer."""
    return Session.objects.filter(
        assignments__trainer=OuterRef("user_id"),
        assignments__role__in=GIVING_ROLES,
        status__in=(Session.Status.PUBLISHED, Session.Status.COMPLETED),
        starts_at__lte=now,
    )


def inactive_trainers(
    *, now: datetime | None = None, profiles: QuerySet | None = None
) -> QuerySet[TrainerProfile]:
    """Active trainers who gave no session (lead or co-trainer) for 12 months.

    The clock starts at the later of the last session and becoming active, so a trainer who
    was made active last month is not "quiet" yet. ``profiles`` narrows the pool (the
    dashboard's filters); it must come from :func:`profiles_with_status`.
    """
    now = now or timezone.now()
    cutoff = now - QUIET_AFTER
    profiles = profiles if profiles is not None else profiles_with_status()
    return (
        profiles.filter(status=ST.ACTIVE, status_since__lt=cutoff)
        .filter(~Exists(_given(now).filter(starts_at__gte=cutoff)))
        .annotate(last_given=Subquery(_given(now).order_by("-starts_at").values("starts_at")[:1]))
    )


def is_inactive(profile: TrainerProfile, *, now: datetime | None = None) -> bool:
    return inactive_trainers(now=now).filter(pk=profile.pk).exists()


def programme_state(profile: TrainerProfile) -> dict:
    """The latest decision per step and whether all three have passed.

    ``{"steps": {"stage": step-or-None, ...}, "ready": bool}``; a later decision replaces an
    earlier one (a repeated stage that passes counts).
    """
    latest: dict[str, ProgrammeStep | None] = dict.fromkeys(STEP.values)
    for row in profile.steps.select_related("decided_by").order_by("decided_at", "pk"):
        latest[row.step] = row
    ready = all(
        r is not None and r.outcome == ProgrammeStep.Outcome.PASSED for r in latest.values()
    )
    return {"steps": latest, "ready": ready}


def attended_cursus_enrolments(user) -> QuerySet[Enrolment]:
    """Attended enrolments in completed sessions of a train-the-trainer course, not yet used."""
    return Enrolment.objects.filter(
        user=user,
        status=Enrolment.Status.ATTENDED,
        session__status=Session.Status.COMPLETED,
        session__course__kind=Course.Kind.TRAIN_THE_TRAINER,
        cursus_decision__isnull=True,
    ).order_by("session__starts_at", "pk")


def internships_to_sign_off(lead) -> QuerySet[Assignment]:
    """Intern places on completed sessions this person led, not signed off yet."""
    return (
        Assignment.objects.filter(
            role=Assignment.Role.INTERN,
            session__status=Session.Status.COMPLETED,
            session__assignments__trainer=lead,
            session__assignments__role=Assignment.Role.LEAD,
            stage_decision__isnull=True,
        )
        .select_related("trainer", "session__course", "session__region")
        .order_by("session__starts_at", "pk")
    )


def internships_waiting() -> QuerySet[Assignment]:
    """Every intern place on a completed session that still waits for its sign-off."""
    return Assignment.objects.filter(
        role=Assignment.Role.INTERN,
        session__status=Session.Status.COMPLETED,
        stage_decision__isnull=True,
    ).select_related("trainer", "session__course")


def session_lead(session: Session):
    assignment = (
        session.assignments.filter(role=Assignment.Role.LEAD).select_related("trainer").first()
    )
    return assignment.trainer if assignment else None


def leads_of(session_ids) -> QuerySet[Assignment]:
    return Assignment.objects.filter(session_id__in=list(session_ids), role=Assignment.Role.LEAD)
