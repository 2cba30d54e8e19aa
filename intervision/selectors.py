"""Reads of intervision shared by services, pages, the API and the periodic jobs."""

from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.utils import timezone

from competencies.moments import add_months
from courses.models import Assignment, Enrolment, Session

from .models import (
    MOMENTS_MAX,
    Attendance,
    IntervisionSettings,
    Moment,
    Request,
    SeriesClosure,
    Support,
    TrainerGroup,
)

#: Staff roles on a session that run its intervision (an intern co-gives, but does not plan).
RUNNING_ROLES = (Assignment.Role.LEAD, Assignment.Role.CO_TRAINER)


def settings_for(course) -> IntervisionSettings:
    """The course's settings, or the defaults (an unsaved row) when it has none."""
    try:
        return course.intervision_settings  # no query when selected with the course
    except IntervisionSettings.DoesNotExist:
        return IntervisionSettings(course=course)


def requests_close_at(session: Session) -> datetime | None:
    """When asking closes: the course's number of months after completion."""
    if session.status != Session.Status.COMPLETED or session.completed_at is None:
        return None
    return add_months(session.completed_at, settings_for(session.course).close_after_months)


def is_closed(*, session: Session | None = None, group: TrainerGroup | None = None) -> bool:
    if session is not None:
        return SeriesClosure.objects.filter(session=session).exists()
    return SeriesClosure.objects.filter(group=group).exists()


def attended_session(user, session: Session) -> bool:
    """Someone who attended the (completed) course: may ask, support and come."""
    return Enrolment.objects.filter(
        session=session, user=user, status=Enrolment.Status.ATTENDED
    ).exists()


def runs_session(user, session: Session) -> bool:
    """The session's lead or co-trainer runs its intervision."""
    return session.assignments.filter(trainer=user, role__in=RUNNING_ROLES).exists()


def session_trainers(session: Session) -> list:
    return [
        a.trainer
        for a in session.assignments.filter(role__in=RUNNING_ROLES)
        .select_related("trainer")
        .order_by("role", "pk")
    ]


def series_invitees(*, session: Session | None = None, group: TrainerGroup | None = None):
    """Everyone a moment of the series is for: who attended the course, or the group's members."""
    User = get_user_model()
    if session is not None:
        return User.objects.filter(
            enrolments__session=session, enrolments__status=Enrolment.Status.ATTENDED
        ).order_by("display_name", "pk")
    return group.members.order_by("display_name", "pk")


def moment_invitees(moment: Moment):
    return series_invitees(session=moment.session, group=moment.group)


def series_moments(*, session: Session | None = None, group: TrainerGroup | None = None):
    qs = Moment.objects.filter(session=session) if session is not None else group.moments.all()
    return qs.order_by("number", "starts_at", "pk")


def used_numbers(*, session: Session | None = None, group: TrainerGroup | None = None) -> set:
    return set(
        series_moments(session=session, group=group)
        .exclude(status=Moment.Status.CANCELLED)
        .values_list("number", flat=True)
    )


def free_number(used: set) -> int | None:
    """The lowest number a new moment may take (a cancelled moment frees its number)."""
    free = [n for n in range(1, MOMENTS_MAX + 1) if n not in used]
    return free[0] if free else None


def requests_for_session(session: Session, user=None) -> QuerySet[Request]:
    """The session's requests with ``support_count`` and, for ``user``, ``supported`` and
    ``mine`` (bools).

    Most-supported first; two queries however many requests (the list and, when needed, the
    moments that answer them are prefetched by the caller).
    """
    qs = (
        Request.objects.filter(session=session)
        .select_related("author")
        .annotate(support_count=Count("supports", distinct=True))
    )
    if user is not None and getattr(user, "is_authenticated", False):
        qs = qs.annotate(
            supported=Exists(Support.objects.filter(request=OuterRef("pk"), user=user)),
            mine=ExpressionWrapper(Q(author_id=user.pk), output_field=BooleanField()),
        )
    return qs.order_by("status", "-support_count", "created_at", "pk")


def moments_for_user(user) -> QuerySet[Moment]:
    """Every moment someone is invited to: their courses' and their trainer groups'."""
    attended = Enrolment.objects.filter(user=user, status=Enrolment.Status.ATTENDED).values(
        "session_id"
    )
    return (
        Moment.objects.filter(Q(session_id__in=attended) | Q(group__members=user))
        .distinct()
        .select_related("session__course", "group")
        .prefetch_related(
            Prefetch("answered_requests", queryset=Request.objects.order_by("pk")),
            Prefetch(
                "attendance",
                queryset=Attendance.objects.filter(user=user),
                to_attr="my_attendance",
            ),
        )
        .order_by("starts_at", "pk")
    )


def _with_counts(sessions: QuerySet[Session]) -> QuerySet[Session]:
    """Open requests, planned moments and moments used (not cancelled), in the one query."""
    return sessions.select_related("course__intervision_settings", "intervision_closure").annotate(
        open_requests=Count(
            "intervision_requests",
            filter=Q(intervision_requests__status=Request.Status.OPEN),
            distinct=True,
        ),
        planned_moments=Count(
            "intervision_moments",
            filter=Q(intervision_moments__status=Moment.Status.PLANNED),
            distinct=True,
        ),
        moments_used=Count(
            "intervision_moments",
            filter=~Q(intervision_moments__status=Moment.Status.CANCELLED),
            distinct=True,
        ),
    )


def sessions_for_participant(user) -> QuerySet[Session]:
    """Completed sessions the person attended, with their intervision state counted."""
    attended = Enrolment.objects.filter(user=user, status=Enrolment.Status.ATTENDED).values(
        "session_id"
    )
    return _with_counts(
        Session.objects.filter(status=Session.Status.COMPLETED, pk__in=attended)
    ).order_by("-completed_at", "pk")


def sessions_for_trainer(user) -> QuerySet[Session]:
    """Completed sessions the trainer runs (lead or co-trainer), with the same counts."""
    runs = Assignment.objects.filter(trainer=user, role__in=RUNNING_ROLES).values("session_id")
    return _with_counts(
        Session.objects.filter(status=Session.Status.COMPLETED, pk__in=runs)
    ).order_by("-completed_at", "pk")


def asking_open(session: Session, now: datetime | None = None) -> bool:
    """Whether participants may still ask and support (completed, not closed, in time)."""
    close_at = requests_close_at(session)
    if close_at is None or (now or timezone.now()) >= close_at:
        return False
    return not is_closed(session=session)


def series_summary(*, session: Session | None = None, group: TrainerGroup | None = None) -> dict:
    """For a trainer's page: how many moments are used and left, whether the series is closed."""
    used = used_numbers(session=session, group=group)
    return {
        "used": len(used),
        "left": MOMENTS_MAX - len(used),
        "next_number": free_number(used),
        "closed": is_closed(session=session, group=group),
        "requests_close_at": requests_close_at(session) if session is not None else None,
    }


def groups_for_user(user) -> QuerySet[TrainerGroup]:
    """Trainer groups someone is a member or facilitator of."""
    return (
        TrainerGroup.objects.filter(Q(members=user) | Q(facilitators=user))
        .distinct()
        .order_by("-created_at", "pk")
    )


def attendance_for_moment(moment: Moment) -> dict[int, str]:
    """``{user_id: status}`` of what has been recorded."""
    return dict(moment.attendance.values_list("user_id", "status"))
