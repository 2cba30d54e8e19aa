"""Intervision endpoints, mounted on the project's one NinjaAPI under ``/api/intervision`` (in
``config/urls.py``; ``courses`` never imports this module).

Participants: their completed courses, the requests of one (with support counts), ask, support,
their moments. Trainers: their sessions, requests with support counts, schedule a moment (a
fourth is a 409 ``intervision_moment_limit``), attendance, report, cancel, close the series.
A session or moment outside someone's reach is a 404; every refusal a 4xx with a ``code``.
"""

from datetime import datetime
from typing import Annotated, Literal

from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse
from ninja import Field, Path, Router, Schema, Status
from ninja.pagination import paginate

from accounts.permissions import get_for_user_or_404, scope
from courses.api import ERRORS, MAX_ID, Pages, PlainText, session_auth
from courses.models import Session

from . import calendar, selectors, services
from .models import TEXT_MAX, TOPIC_MAX, Attendance, Moment, Request, Suggestion, TrainerGroup

router = Router(tags=["intervisie"], auth=session_auth)

Id = Path(..., ge=1, le=MAX_ID)
RowId = Annotated[int, Field(ge=1, le=MAX_ID)]


# --- Schemas ---------------------------------------------------------------------------------


class SuggestionOut(Schema):
    key: str
    text: str


class SessionStateOut(Schema):
    id: int
    course: str = Field(..., alias="course.title")
    completed_at: datetime | None
    requests_close_at: datetime | None
    closed: bool
    open_requests: int
    planned_moments: int
    moments_used: int

    @staticmethod
    def resolve_requests_close_at(obj):
        return selectors.requests_close_at(obj)

    @staticmethod
    def resolve_closed(obj):
        return hasattr(obj, "intervision_closure")


class RequestOut(Schema):
    id: int
    session_id: int
    topic: str
    suggestion: str
    status: str
    created_at: datetime
    support_count: int
    supported: bool = False
    mine: bool = False


class TrainerRequestOut(RequestOut):
    author: str

    @staticmethod
    def resolve_author(obj):
        return obj.author.get_public_name()


class MomentOut(Schema):
    id: int
    session_id: int | None
    group_id: int | None
    series: str = Field(..., alias="series_name")
    number: int
    status: str
    starts_at: datetime
    ends_at: datetime
    place: str
    online_url: str
    request_ids: list[int]
    topics: list[str]
    discussed: str
    agreements: str
    cancel_reason: str
    my_attendance: str | None = None

    @staticmethod
    def resolve_request_ids(obj):
        return [r.pk for r in obj.answered_requests.all()]

    @staticmethod
    def resolve_topics(obj):
        return [r.topic for r in obj.answered_requests.all()]

    @staticmethod
    def resolve_my_attendance(obj):
        mine = getattr(obj, "my_attendance", None)
        return mine[0].status if mine else None


class TrainerMomentOut(MomentOut):
    attended: int = 0
    absent: int = 0


class RequestIn(Schema):
    topic: PlainText = Field("", max_length=TOPIC_MAX)
    suggestion: Literal["", *Suggestion.values] = ""  # type: ignore[valid-type]


class MomentIn(Schema):
    starts_at: datetime
    ends_at: datetime
    place: PlainText = Field("", max_length=300)
    online_url: str = Field("", max_length=200)
    request_ids: list[RowId] = Field(default_factory=list, max_length=50)


class MarkIn(Schema):
    user_id: int = Field(..., ge=1, le=MAX_ID)
    status: Literal["attended", "absent"]


class MarkOneIn(Schema):
    status: Literal["attended", "absent"]


class AttendanceIn(Schema):
    marks: list[MarkIn] = Field(..., min_length=1, max_length=500)


class ReportIn(Schema):
    discussed: PlainText = Field("", max_length=TEXT_MAX)
    agreements: PlainText = Field("", max_length=TEXT_MAX)


class CancelIn(Schema):
    reason: PlainText = Field(..., max_length=TEXT_MAX)


class ClosedOut(Schema):
    reason: str
    closed_at: datetime


class GroupOut(Schema):
    id: int
    name: str
    members: int = Field(..., alias="members_count")
    moments: int = Field(..., alias="moments_count")


# --- Helpers ---------------------------------------------------------------------------------


def _my_session(user, session_id: int) -> Session:
    return get_for_user_or_404(user, "intervision.take_part", Session.objects.all(), pk=session_id)


def _run_session(user, session_id: int) -> Session:
    return get_for_user_or_404(
        user,
        "intervision.run_session",
        Session.objects.filter(status=Session.Status.COMPLETED),
        pk=session_id,
    )


def _request_out(request: Request, user) -> Request:
    return selectors.requests_for_session(request.session, user).get(pk=request.pk)


def _moments_qs(user=None):
    qs = Moment.objects.select_related("session__course", "group").prefetch_related(
        Prefetch("answered_requests", queryset=Request.objects.order_by("pk"))
    )
    if user is not None:
        qs = qs.prefetch_related(
            Prefetch(
                "attendance", queryset=Attendance.objects.filter(user=user), to_attr="my_attendance"
            )
        )
    return qs


def _trainer_moments(qs):
    return (
        _moments_qs()
        .filter(pk__in=qs.values("pk"))
        .annotate(
            attended=Count("attendance", filter=Q(attendance__status=Attendance.Status.ATTENDED)),
            absent=Count("attendance", filter=Q(attendance__status=Attendance.Status.ABSENT)),
        )
        .order_by("number", "starts_at", "pk")
    )


def _trainer_moment(moment: Moment) -> Moment:
    """One moment as the trainer endpoints answer it (with its attendance counts)."""
    return _trainer_moments(Moment.objects.filter(pk=moment.pk)).get()


def _schedule(request, payload: MomentIn, **series) -> Status:
    """Plan the next moment of a session's or a group's series (``session=`` or ``group=``)."""
    moment = services.moment_schedule(
        actor=request.auth,
        starts_at=payload.starts_at,
        ends_at=payload.ends_at,
        place=payload.place,
        online_url=payload.online_url,
        requests=payload.request_ids,
        **series,
    )
    return Status(201, _trainer_moment(moment))


def _run_moment(user, moment_id: int) -> Moment:
    return get_for_user_or_404(user, "intervision.run_moment", Moment.objects.all(), pk=moment_id)


# --- Participants ----------------------------------------------------------------------------


@router.get(
    "/suggestions", response={200: list[SuggestionOut], **ERRORS}, url_name="iv_suggestions"
)
def suggestions(request):
    """The suggested topics a participant can pick."""
    return [{"key": s.value, "text": str(s.label)} for s in Suggestion]


@router.get(
    "/me/sessions", response={200: list[SessionStateOut], **ERRORS}, url_name="iv_my_sessions"
)
@paginate(Pages)
def my_sessions(request):
    """Your completed courses and their intervision: open requests, planned moments, closed."""
    return selectors.sessions_for_participant(request.auth)


@router.get(
    "/sessions/{session_id}/requests",
    response={200: list[RequestOut], **ERRORS},
    url_name="iv_session_requests",
)
@paginate(Pages)
def session_requests(request, session_id: int = Id):
    """The requests of a course you attended, most supported first."""
    session = _my_session(request.auth, session_id)
    return selectors.requests_for_session(session, request.auth)


@router.post(
    "/sessions/{session_id}/requests",
    response={201: RequestOut, **ERRORS},
    url_name="iv_request_create",
)
def request_create(request, payload: RequestIn, session_id: int = Id):
    """Ask for an intervision moment, on your own topic or a suggested one."""
    session = _my_session(request.auth, session_id)
    created = services.request_create(
        actor=request.auth, session=session, topic=payload.topic, suggestion=payload.suggestion
    )
    return Status(201, _request_out(created, request.auth))


@router.post(
    "/requests/{request_id}/support",
    response={200: RequestOut, **ERRORS},
    url_name="iv_request_support",
)
def request_support(request, request_id: int = Id):
    """ "Ik wil dit ook": support someone else's request."""
    found = _participant_request(request.auth, request_id)
    services.request_support(actor=request.auth, request=found)
    return Status(200, _request_out(found, request.auth))


@router.post(
    "/requests/{request_id}/unsupport",
    response={200: RequestOut, **ERRORS},
    url_name="iv_request_unsupport",
)
def request_unsupport(request, request_id: int = Id):
    """Take your support back."""
    found = _participant_request(request.auth, request_id)
    services.request_unsupport(actor=request.auth, request=found)
    return Status(200, _request_out(found, request.auth))


def _participant_request(user, request_id: int) -> Request:
    sessions = selectors.sessions_for_participant(user).values("pk")
    found = (
        Request.objects.select_related("session")
        .filter(session__in=sessions, pk=request_id)
        .first()
    )
    if found is None:
        raise Http404
    return found


@router.get("/me/moments", response={200: list[MomentOut], **ERRORS}, url_name="iv_my_moments")
@paginate(Pages)
def my_moments(request):
    """Every moment you are invited to, with the report once it is written."""
    return (
        _moments_qs(request.auth)
        .filter(pk__in=selectors.moments_for_user(request.auth).values("pk"))
        .order_by("starts_at", "pk")
    )


@router.get(
    "/moments/{moment_id}", response={200: MomentOut, **ERRORS}, url_name="iv_moment_detail"
)
def moment_detail(request, moment_id: int = Id):
    """One moment you are invited to (or run): when, where, topics, the report."""
    moment = get_for_user_or_404(
        request.auth, "intervision.view_moment", _moments_qs(request.auth), pk=moment_id
    )
    return moment


@router.get("/moments/{moment_id}/ics", response={200: None, **ERRORS}, url_name="iv_moment_ics")
def moment_ics(request, moment_id: int = Id):
    """The moment for your calendar (an .ics file; a cancelled moment cancels the event)."""
    moment = get_for_user_or_404(
        request.auth, "intervision.view_moment", _moments_qs(), pk=moment_id
    )
    response = HttpResponse(calendar.moment_ics(moment), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="intervisie-{moment.pk}.ics"'
    return response


# --- Trainers --------------------------------------------------------------------------------


@router.get(
    "/trainer/sessions",
    response={200: list[SessionStateOut], **ERRORS},
    url_name="iv_trainer_sessions",
)
@paginate(Pages)
def trainer_sessions(request):
    """The completed sessions you run, with open requests and moments used."""
    return selectors.sessions_for_trainer(request.auth)


@router.get(
    "/trainer/sessions/{session_id}/requests",
    response={200: list[TrainerRequestOut], **ERRORS},
    url_name="iv_trainer_requests",
)
@paginate(Pages)
def trainer_requests(request, session_id: int = Id):
    """The session's requests with their support counts."""
    session = _run_session(request.auth, session_id)
    return selectors.requests_for_session(session)


@router.get(
    "/trainer/sessions/{session_id}/moments",
    response={200: list[TrainerMomentOut], **ERRORS},
    url_name="iv_trainer_moments",
)
def trainer_moments(request, session_id: int = Id):
    """The session's moments (at most three that are not cancelled) with attendance counts."""
    session = _run_session(request.auth, session_id)
    return list(_trainer_moments(selectors.series_moments(session=session)))


@router.post(
    "/trainer/sessions/{session_id}/moments",
    response={201: TrainerMomentOut, **ERRORS},
    url_name="iv_moment_schedule",
)
def moment_schedule(request, payload: MomentIn, session_id: int = Id):
    """Plan the next moment; a fourth is refused with ``intervision_moment_limit`` (409)."""
    return _schedule(request, payload, session=_run_session(request.auth, session_id))


@router.post(
    "/trainer/sessions/{session_id}/close",
    response={200: ClosedOut, **ERRORS},
    url_name="iv_series_close",
)
def series_close(request, session_id: int = Id):
    """No more moments needed: open requests close and the follow-up list opens."""
    session = _run_session(request.auth, session_id)
    return Status(200, services.series_close(actor=request.auth, session=session))


@router.get(
    "/trainer/groups", response={200: list[GroupOut], **ERRORS}, url_name="iv_trainer_groups"
)
@paginate(Pages)
def trainer_groups(request):
    """The trainer intervision groups you facilitate."""
    return (
        scope(request.auth, "intervision.run_group", TrainerGroup.objects.all())
        .annotate(
            members_count=Count("members", distinct=True),
            moments_count=Count(
                "moments", filter=~Q(moments__status=Moment.Status.CANCELLED), distinct=True
            ),
        )
        .order_by("-created_at", "pk")
    )


@router.post(
    "/trainer/groups/{group_id}/moments",
    response={201: TrainerMomentOut, **ERRORS},
    url_name="iv_group_moment_schedule",
)
def group_moment_schedule(request, payload: MomentIn, group_id: int = Id):
    """Plan the next moment of a trainer intervision group (at most three)."""
    group = get_for_user_or_404(
        request.auth, "intervision.run_group", TrainerGroup.objects.all(), pk=group_id
    )
    return _schedule(request, payload, group=group)


@router.post(
    "/trainer/moments/{moment_id}/attendance",
    response={200: TrainerMomentOut, **ERRORS},
    url_name="iv_attendance",
)
def attendance(request, payload: AttendanceIn, moment_id: int = Id):
    """Who was there: ``{"marks": [{"user_id": 1, "status": "attended"}, ...]}``."""
    moment = _run_moment(request.auth, moment_id)
    services.attendance_record(
        actor=request.auth,
        moment=moment,
        marks={m.user_id: m.status for m in payload.marks},
    )
    return Status(200, _trainer_moment(moment))


@router.post(
    "/trainer/moments/{moment_id}/attendance/{user_id}",
    response={200: TrainerMomentOut, **ERRORS},
    url_name="iv_attendance_mark",
)
def attendance_mark(request, payload: MarkOneIn, moment_id: int = Id, user_id: int = Id):
    """One person's mark (a form post per person works on a phone without JavaScript)."""
    moment = _run_moment(request.auth, moment_id)
    services.attendance_record(actor=request.auth, moment=moment, marks={user_id: payload.status})
    return Status(200, _trainer_moment(moment))


@router.post(
    "/trainer/moments/{moment_id}/report",
    response={200: TrainerMomentOut, **ERRORS},
    url_name="iv_report",
)
def report(request, payload: ReportIn, moment_id: int = Id):
    """The short report attendees read: what was discussed, what was agreed."""
    moment = _run_moment(request.auth, moment_id)
    services.moment_report_save(
        actor=request.auth,
        moment=moment,
        discussed=payload.discussed,
        agreements=payload.agreements,
    )
    return Status(200, _trainer_moment(moment))


@router.post(
    "/trainer/moments/{moment_id}/cancel",
    response={200: TrainerMomentOut, **ERRORS},
    url_name="iv_moment_cancel",
)
def moment_cancel(request, payload: CancelIn, moment_id: int = Id):
    """Call a moment off: everyone is told and its number is free again."""
    moment = _run_moment(request.auth, moment_id)
    services.moment_cancel(actor=request.auth, moment=moment, reason=payload.reason)
    return Status(200, _trainer_moment(moment))
