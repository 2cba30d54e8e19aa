"""What the intervision pages show: reads for the participant's and the trainer's pages.

Pages only read here; every change goes through ``intervision.services``. The rules that decide
whether something may happen live in the services; these reads only say what to offer (a
button that would be refused is not shown, and the service still refuses it if it is posted).
A fixed number of queries per page, however many requests, supporters or moments there are.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from competencies import moments as competency_moments
from competencies.models import SelfAssessment
from courses.models import Enrolment, Session

from . import selectors
from .models import MOMENTS_MAX, Attendance, Moment, Request, TrainerGroup


@dataclass
class Series:
    """One series (a session's or a group's) as a page shows it."""

    moments: list = field(default_factory=list)
    closed: bool = False
    closure: object = None

    @property
    def planned(self) -> list:
        return [m for m in self.moments if m.status == Moment.Status.PLANNED]

    @property
    def held(self) -> list:
        return [m for m in self.moments if m.status == Moment.Status.HELD]

    @property
    def cancelled(self) -> list:
        return [m for m in self.moments if m.status == Moment.Status.CANCELLED]

    @property
    def used(self) -> int:
        return len(self.planned) + len(self.held)

    @property
    def left(self) -> int:
        return max(MOMENTS_MAX - self.used, 0)

    @property
    def can_schedule(self) -> bool:
        return not self.closed and self.used < MOMENTS_MAX


def _moments(queryset) -> list:
    return list(
        queryset.select_related("session__course", "group")
        .prefetch_related(
            Prefetch(
                "answered_requests",
                queryset=Request.objects.order_by("created_at", "pk"),
            )
        )
        .annotate(
            present=Count(
                "attendance", filter=Q(attendance__status=Attendance.Status.ATTENDED), distinct=True
            )
        )
        .order_by("starts_at", "number", "pk")
    )


def series(*, session: Session | None = None, group: TrainerGroup | None = None) -> Series:
    """The moments of a series; the owner comes with its closure loaded (select_related)."""
    owner = session if session is not None else group
    name = "intervision_closure" if session is not None else "closure"
    closure = getattr(owner, name, None) if hasattr(owner, name) else None
    moments = _moments(selectors.series_moments(session=session, group=group))
    return Series(moments=moments, closed=closure is not None, closure=closure)


# --- The participant ("Na de cursus") ---------------------------------------------------------


@dataclass
class FollowUp:
    """The follow-up list of one's course: open now, opens later, or closed."""

    state: str  # open | upcoming | closed | not_yet
    opens_at: datetime | None
    closes_at: datetime | None
    assessment: SelfAssessment | None


def follow_up(enrolment: Enrolment, now: datetime) -> FollowUp:
    window = competency_moments.window(enrolment, SelfAssessment.Moment.FOLLOW_UP)
    if window.is_open(now):
        state = "open"
    elif window.opens_at is not None and now < window.opens_at:
        state = "upcoming"
    elif window.closes_at is not None and now >= window.closes_at:
        state = "closed"
    else:
        state = "not_yet"
    assessment = (
        SelfAssessment.objects.filter(
            enrolment=enrolment,
            user_id=enrolment.user_id,
            moment=SelfAssessment.Moment.FOLLOW_UP,
            kind=SelfAssessment.Kind.STATEMENTS,
            peer_invitation__isnull=True,
        )
        .order_by("-started_at")
        .first()
    )
    return FollowUp(state, window.opens_at, window.closes_at, assessment)


def participant_session(queryset, *, pk: int) -> Session:
    """The completed session with what its pages need in one query (raises DoesNotExist)."""
    return queryset.select_related(
        "course", "region", "venue", "intervision_closure", "competency_moment_override"
    ).get(pk=pk)


def my_enrolment(session: Session, user) -> Enrolment:
    enrolment = Enrolment.objects.select_related("session").get(
        session=session, user=user, status=Enrolment.Status.ATTENDED
    )
    enrolment.session = session  # the loaded one, with its closure and override
    return enrolment


def asking_open(session: Session, closed: bool, now: datetime) -> tuple[bool, datetime | None]:
    """Whether asking for a moment is still open, and until when."""
    close_at = selectors.requests_close_at(session)
    return (not closed and close_at is not None and now < close_at), close_at


def requests(session: Session, user=None) -> list[Request]:
    """Every request of the session, most supported first, with the moments that answer it."""
    return list(
        selectors.requests_for_session(session, user).prefetch_related(
            Prefetch(
                "moments",
                queryset=Moment.objects.exclude(status=Moment.Status.CANCELLED).order_by(
                    "starts_at", "pk"
                ),
            )
        )
    )


def now() -> datetime:
    return timezone.now()
