"""The JSON API (django-ninja; OpenAPI at ``/api/openapi.json``, docs at ``/api/docs``).

Public: the catalogue of published sessions. For the logged-in person (Django session cookie;
writes need the CSRF token in ``X-CSRFToken``): their enrolments, enrol, cancel. Every refusal
is a 4xx with a machine ``code`` and a Dutch ``detail``; the endpoints only parse input, call one
service or selector, and shape the answer.
"""

import json
from datetime import date, datetime
from typing import Annotated

from django.http import Http404
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, NinjaAPI, Path, Query, Router, Schema, Status
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.parser import Parser
from ninja.security import SessionAuth
from pydantic import AfterValidator

from accounts.permissions import get_for_user_or_404, scope
from accounts.validators import CONTROL_CHARACTERS_MESSAGE, has_control_characters

from . import selectors, services
from .exceptions import DomainError, SessionNotOpen
from .models import Enrolment, Session

BODY_UNREADABLE = gettext_lazy(
    "De inhoud van het verzoek is niet te lezen. Stuur JSON of een gewoon formulier."
)
BODY_NOT_AN_OBJECT = gettext_lazy(
    "Stuur de gegevens als één JSON-object, bijvoorbeeld {}, niet als lijst."
)


class BodyInvalid(Exception):
    """A body that cannot be read as one object of fields; answered as a 400 with a reason."""

    code = "invalid_body"


class JsonOrFormParser(Parser):
    """JSON bodies, and plain form posts too (a page without JavaScript can post to the API).

    Only an object is a body: a JSON list or number would otherwise validate as "no fields given"
    and act with the defaults (e.g. enrol), which nobody asked for.
    """

    def parse_body(self, request):
        if request.content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
            try:
                return request.POST.dict()
            except MultiPartParserError:
                raise BodyInvalid(BODY_UNREADABLE) from None
        if not request.body:
            return {}
        try:
            data = json.loads(request.body)
        except ValueError:
            raise BodyInvalid(BODY_UNREADABLE) from None
        if not isinstance(data, dict):
            raise BodyInvalid(BODY_NOT_AN_OBJECT)
        return data


api = NinjaAPI(
    parser=JsonOrFormParser(),
    title="Leerkring API",
    version="1",
    description="Cursussessies zoeken en je inschrijvingen beheren.",
    urls_namespace="api",
)
session_auth = SessionAuth(csrf=True)


class ErrorOut(Schema):
    code: str
    detail: str | list | dict


def _error(request, status: int, code: str, detail):
    return api.create_response(request, {"code": code, "detail": detail}, status=status)


@api.exception_handler(DomainError)
def _domain_error(request, exc: DomainError):
    body = {"code": exc.code, "detail": str(exc)}
    existing = getattr(exc, "enrolment", None)
    if existing is not None:
        body["enrolment_id"] = existing.pk
    return api.create_response(request, body, status=exc.status)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return _error(request, 404, "not_found", _("Niet gevonden."))


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return _error(request, 401, "not_authenticated", _("Log eerst in."))


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    # ninja wraps every parser error in "Cannot parse request body"; ours carry the reason.
    if isinstance(exc.__cause__, BodyInvalid):
        return _error(request, 400, BodyInvalid.code, str(exc.__cause__))
    code = "csrf_failed" if "CSRF" in str(exc) else "http_error"
    return _error(request, exc.status_code, code, str(exc))


@api.exception_handler(MultiPartParserError)
def _unreadable_form(request, exc):
    # The CSRF check reads the form before any endpoint runs, even for an anonymous caller.
    return _error(request, 400, BodyInvalid.code, BODY_UNREADABLE)


@api.exception_handler(ValidationError)
def _invalid(request, exc: ValidationError):
    return _error(request, 422, "invalid_input", exc.errors)


# --- Schemas ---------------------------------------------------------------------------------


class MeetingOut(Schema):
    starts_at: datetime
    ends_at: datetime


class VenueOut(Schema):
    name: str
    address: str
    city: str
    step_free: bool
    hearing_loop: bool
    quiet_room: bool
    parking: bool
    public_transport_notes: str


class TrainerOut(Schema):
    name: str = Field(..., alias="trainer.get_public_name")
    role: str


class SessionOut(Schema):
    id: int
    course: str = Field(..., alias="course.title")
    course_slug: str = Field(..., alias="course.slug")
    region: str = Field(..., alias="region.name")
    region_slug: str = Field(..., alias="region.slug")
    status: str
    starts_at: datetime | None
    ends_at: datetime | None
    enrolment_deadline: datetime | None
    capacity: int
    places_left: int
    waitlist_count: int
    online: bool = Field(..., alias="is_online")
    venue: VenueOut | None
    meetings: list[MeetingOut]
    trainers: list[TrainerOut] = Field(..., alias="assignments")
    url: str

    @staticmethod
    def resolve_meetings(obj):
        return list(obj.meetings.all())

    @staticmethod
    def resolve_assignments(obj):
        return [a for a in obj.assignments.all() if a.role != "intern"]

    @staticmethod
    def resolve_url(obj):
        return obj.get_absolute_url()


class EnrolmentOut(Schema):
    id: int
    session_id: int
    course: str = Field(..., alias="session.course.title")
    session_starts_at: datetime | None = Field(..., alias="session.starts_at")
    session_status: str = Field(..., alias="session.status")
    status: str
    waitlist_position: int | None = None
    support_person_name: str
    access_needs: str
    dietary_needs: str
    created_at: datetime
    cancelled_at: datetime | None


def _plain_text(value: str) -> str:
    if has_control_characters(value):
        raise ValueError(str(CONTROL_CHARACTERS_MESSAGE))
    return value


#: Text a person typed: the same rule as every form (accounts.validators).
PlainText = Annotated[str, AfterValidator(_plain_text)]


class EnrolIn(Schema):
    support_person_name: PlainText = Field("", max_length=150)
    access_needs: PlainText = Field("", max_length=2000)
    dietary_needs: PlainText = Field("", max_length=2000)


class SessionFilters(Schema):
    course: str | None = Field(None, max_length=100, description="course slug")
    region: str | None = Field(None, max_length=100, description="region slug")
    date_from: date | None = Field(None, alias="from", description="first meeting on or after")
    date_to: date | None = Field(None, alias="to", description="first meeting on or before")


ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


MAX_ID = 2**63 - 1


class Pages(LimitOffsetPagination):
    """Limit/offset with bounds, so no request can ask the database for an impossible slice."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=100)
        offset: int = Field(0, ge=0, le=1_000_000)


# --- Catalogue -------------------------------------------------------------------------------

catalogue = Router(tags=["catalogus"])


@catalogue.get(
    "/sessions", response={200: list[SessionOut], 422: ErrorOut}, url_name="session_list"
)
@paginate(Pages)
def session_list(request, filters: Query[SessionFilters]):
    """Published sessions that have not started yet, soonest first."""
    return selectors.published_sessions(
        course=filters.course,
        region=filters.region,
        date_from=filters.date_from,
        date_to=filters.date_to,
    )


@catalogue.get(
    "/sessions/{session_id}",
    response={200: SessionOut, 404: ErrorOut, 422: ErrorOut},
    url_name="session_detail",
)
def session_detail(request, session_id: int = Path(..., ge=1, le=MAX_ID)):
    qs = scope(request.user, "courses.view_session.public", Session.objects.all())
    try:
        return selectors.session_detail(pk=session_id, queryset=qs)
    except Session.DoesNotExist:
        raise Http404 from None


# --- The logged-in person ----------------------------------------------------------------------

me = Router(tags=["mijn inschrijvingen"], auth=session_auth)


def _enrolment_out(enrolment: Enrolment) -> Enrolment:
    return selectors.my_enrolment(user=enrolment.user_id, pk=enrolment.pk)


@me.get("/me/enrolments", response={200: list[EnrolmentOut], **ERRORS}, url_name="my_enrolments")
@paginate(Pages)
def my_enrolments(request):
    return selectors.my_enrolments(user=request.auth)


@me.post(
    "/sessions/{session_id}/enrol",
    response={201: EnrolmentOut, **ERRORS},
    url_name="enrol",
)
def enrol(request, payload: EnrolIn, session_id: int = Path(..., ge=1, le=MAX_ID)):
    """Enrol yourself: a place when one is free, else the waitlist (``status`` says which)."""
    # No read before the service: it locks and reads the session itself, and only a published
    # session is open, which everyone may see. A session that is not open may be a draft this
    # person may not even know of: that refusal is a 404 unless they may see it.
    try:
        enrolment = services.enrolment_create(
            actor=request.auth,
            session=Session(pk=session_id),
            user=request.auth,
            support_person_name=payload.support_person_name,
            access_needs=payload.access_needs,
            dietary_needs=payload.dietary_needs,
        )
    except Session.DoesNotExist:
        raise Http404 from None
    except SessionNotOpen:
        get_for_user_or_404(
            request.auth, "courses.view_session.public", Session.objects.all(), pk=session_id
        )
        raise
    return Status(201, enrolment)  # as _enrolment_out reads it: session, course, waitlist position


@me.post(
    "/me/enrolments/{enrolment_id}/cancel",
    response={200: EnrolmentOut, **ERRORS},
    url_name="enrolment_cancel",
)
def enrolment_cancel(request, enrolment_id: int = Path(..., ge=1, le=MAX_ID)):
    """Cancel your place (or your place in line). Someone else's enrolment is a 404."""
    enrolment = get_for_user_or_404(
        request.auth,
        "courses.own_enrolment",
        Enrolment.objects.all(),
        pk=enrolment_id,
    )
    enrolment = services.enrolment_cancel(actor=request.auth, enrolment=enrolment)
    return Status(200, _enrolment_out(enrolment))


api.add_router("/", catalogue)
api.add_router("/", me)
