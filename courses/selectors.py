"""Read queries used by several callers (pages, API, admin, mails). Each runs a fixed number of
queries however many rows it returns; the tests pin that at two data sizes.
"""

from datetime import date, datetime

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from .models import (
    SEATS,
    Assignment,
    Attendance,
    Enrolment,
    EnrolmentInvitation,
    Meeting,
    Session,
)

E = Enrolment.Status


def _seats_taken_subquery():
    return Coalesce(
        Subquery(
            Enrolment.objects.filter(session=OuterRef("pk"), status=E.CONFIRMED)
            .order_by()
            .values("session")
            .annotate(seats=Sum(SEATS))
            .values("seats"),
            output_field=IntegerField(),
        ),
        0,
    )


def _waitlist_count_subquery():
    return Coalesce(
        Subquery(
            Enrolment.objects.filter(session=OuterRef("pk"), status=E.WAITLISTED)
            .order_by()
            .values("session")
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


def _waitlist_position():
    """1 for the first in line; ``None`` for anyone not waiting."""
    ahead = (
        Enrolment.objects.filter(session=OuterRef("session"), status=E.WAITLISTED)
        .filter(
            Q(queued_at__lt=OuterRef("queued_at"))
            | Q(queued_at=OuterRef("queued_at"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Case(
        When(
            status=E.WAITLISTED,
            then=Coalesce(Subquery(ahead, output_field=IntegerField()), 0) + 1,
        ),
        default=None,
        output_field=IntegerField(),
    )


def with_places(qs: QuerySet) -> QuerySet:
    """Annotate sessions with ``seats_taken``, ``places_left`` and ``waitlist_count``."""
    return qs.annotate(
        seats_taken=_seats_taken_subquery(), waitlist_count=_waitlist_count_subquery()
    ).annotate(places_left=Greatest(F("capacity") - F("seats_taken"), Value(0)))


def _session_related(qs: QuerySet) -> QuerySet:
    return qs.select_related("course", "region", "venue").prefetch_related(
        Prefetch("meetings", queryset=Meeting.objects.order_by("starts_at", "pk")),
        Prefetch(
            "assignments",
            queryset=Assignment.objects.select_related("trainer").order_by("role", "pk"),
        ),
    )


def published_sessions(
    *,
    course: str | None = None,
    region: str | None = None,
    date_from: date | datetime | None = None,
    date_to: date | datetime | None = None,
    now: datetime | None = None,
) -> QuerySet:
    """The catalogue: published sessions that have not started, soonest first, with places left.

    ``course`` and ``region`` are slugs; ``date_from``/``date_to`` bound the first meeting's day
    (both inclusive).
    """
    now = now or timezone.now()
    qs = Session.objects.filter(status=Session.Status.PUBLISHED, starts_at__gt=now)
    if course:
        qs = qs.filter(course__slug=course)
    if region:
        qs = qs.filter(region__slug=region)
    # Plain dates compare by the local calendar day (no date arithmetic, so any date is safe).
    if isinstance(date_from, datetime):
        qs = qs.filter(starts_at__gte=date_from)
    elif date_from:
        qs = qs.filter(starts_at__date__gte=date_from)
    if isinstance(date_to, datetime):
        qs = qs.filter(starts_at__lte=date_to)
    elif date_to:
        qs = qs.filter(starts_at__date__lte=date_to)
    return _session_related(with_places(qs)).order_by("starts_at", "pk")


def session_detail(*, pk: int, queryset: QuerySet | None = None) -> Session:
    """One session with everything its page shows. ``queryset`` is the caller's scoped set."""
    qs = queryset if queryset is not None else Session.objects.all()
    return _session_related(with_places(qs)).get(pk=pk)


def participant_list(*, session: Session) -> list[Enrolment]:
    """The trainer's list: people with a place (with needs and support persons), then the line.

    Each enrolment carries ``waitlist_position`` and its attendance (``attendance_by_meeting``:
    meeting id -> present).
    """
    enrolments = list(
        Enrolment.objects.filter(session=session)
        .exclude(status=E.CANCELLED)
        .select_related("user", "enrolled_by")
        .prefetch_related(Prefetch("attendance", queryset=Attendance.objects.order_by()))
        .annotate(waitlist_position=_waitlist_position())
        .order_by(
            Case(When(status=E.WAITLISTED, then=Value(1)), default=Value(0)),
            "queued_at",
            "pk",
        )
    )
    for enrolment in enrolments:
        enrolment.attendance_by_meeting = {
            a.meeting_id: a.present for a in enrolment.attendance.all()
        }
    return enrolments


def pending_invitations(*, session: Session) -> list[EnrolmentInvitation]:
    """Who a trainer invited and has not confirmed yet: the name and address the trainer typed,
    never the account behind the address."""
    return list(
        EnrolmentInvitation.objects.filter(session=session, accepted_at__isnull=True).order_by(
            "created_at", "pk"
        )
    )


def my_enrolments(*, user, include_past: bool = True) -> QuerySet:
    """ "Mijn cursussen": a person's enrolments (newest session first) with waitlist position."""
    qs = Enrolment.objects.filter(user=user)
    if not include_past:
        qs = qs.filter(status__in=Enrolment.ACTIVE)
    return (
        qs.select_related("session__course", "session__region", "session__venue")
        .prefetch_related(
            Prefetch("session__meetings", queryset=Meeting.objects.order_by("starts_at", "pk"))
        )
        .annotate(waitlist_position=_waitlist_position())
        .order_by("-session__starts_at", "-pk")
    )


def my_enrolment(*, user, pk: int) -> Enrolment:
    """One of the person's enrolments as the API answers it (the course, the session's start and
    status, the waitlist position): one query, none of the session's meetings."""
    return (
        Enrolment.objects.filter(user=user)
        .select_related("session__course")
        .annotate(waitlist_position=_waitlist_position())
        .get(pk=pk)
    )


def _attended_count_subquery():
    return Coalesce(
        Subquery(
            Enrolment.objects.filter(session=OuterRef("pk"), status=E.ATTENDED)
            .order_by()
            .values("session")
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


def same_course_enrolments(*, user, session: Session) -> list[Enrolment]:
    """The person's other active enrolments in the same course, soonest first.

    Enrolling in several sessions of one course is allowed (someone may want a place nearer
    home) but rarely meant: the enrol page asks first when this list is not empty.
    """
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Enrolment.objects.filter(
            user=user, session__course_id=session.course_id, status__in=Enrolment.ACTIVE
        )
        .exclude(session_id=session.pk)
        .select_related("session")
        .order_by("session__starts_at", "pk")
    )


def trainer_sessions(*, user, queryset: QuerySet | None = None) -> QuerySet:
    """ "Mijn sessies": the sessions a trainer is assigned to (or a scoped set), with counts;
    ``attended_count`` is what a completed session shows instead of seats."""
    qs = queryset if queryset is not None else Session.objects.filter(assignments__trainer=user)
    qs = with_places(qs.distinct()).annotate(attended_count=_attended_count_subquery())
    return _session_related(qs).order_by("-starts_at", "-pk")


def waitlist_position(*, enrolment: Enrolment) -> int | None:
    if enrolment.status != E.WAITLISTED:
        return None
    return (
        Enrolment.objects.filter(session_id=enrolment.session_id, status=E.WAITLISTED)
        .filter(
            Q(queued_at__lt=enrolment.queued_at)
            | Q(queued_at=enrolment.queued_at, pk__lt=enrolment.pk)
        )
        .count()
        + 1
    )


def invitation_for_token(*, token: str):
    """A waiting invitation by its secret; ``None`` when used up or unknown."""
    return (
        EnrolmentInvitation.objects.select_related("session__course", "session__region")
        .filter(token=token, accepted_at__isnull=True)
        .first()
    )


# --- The national overview's buckets -----------------------------------------------------------
# The overview (on top of every app) stores these per course x region x month of the session's
# start, so its page never scans sessions or enrolments; each query here scans them once.


def sessions_by_bucket() -> QuerySet:
    """Sessions and their places per course, region, month (of the start) and status."""
    from django.db.models.functions import TruncMonth

    return (
        Session.objects.annotate(month=TruncMonth("starts_at"))
        .values("course_id", "region_id", "month", "status")
        .annotate(n=Count("id"), places=Sum("capacity"))
        .order_by()
    )


def enrolments_by_bucket() -> QuerySet:
    """Enrolments and the seats they take per course, region, month and enrolment status."""
    from django.db.models.functions import TruncMonth

    return (
        Enrolment.objects.annotate(month=TruncMonth("session__starts_at"))
        .values("session__course_id", "session__region_id", "month", "status")
        .annotate(n=Count("id"), seats=Sum(SEATS))
        .order_by()
    )
