"""Who gets what at every intervision URL (see tests/permissions/matrix.py).

The matrix participant attended a completed session that the matrix trainer leads; the trainer
also facilitates a trainer group. Participant endpoints answer only for one's own courses,
trainer endpoints only for the sessions and groups one runs (and national staff); anything else
is a 404, and without a log-in a 401.
"""

from datetime import timedelta

from tests.permissions.matrix import Case, logged_in

BASE = "/api/intervision"


def build_world(world):
    from django.utils import timezone

    from courses.models import Enrolment
    from intervision.models import Request

    from .factories import MomentFactory, TrainerGroupFactory, completed_session

    participant, trainer = world["users"]["participant"], world["users"]["trainer"]
    session, _, (other,) = completed_session(attendees=1, trainer=trainer)
    Enrolment.objects.create(session=session, user=participant, status="attended")
    world["intervision"] = {
        "session": session,
        "request": Request.objects.create(session=session, author=other, topic="Achterban"),
        "planned": MomentFactory(session=session, number=1),
        "started": MomentFactory(
            session=session, number=2, starts_at=timezone.now() - timedelta(hours=1)
        ),
        "group": TrainerGroupFactory(facilitators=[trainer], members=[other]),
        "participant": participant,
    }


def _iv(world):
    return world["intervision"]


def _moment_data():
    from .factories import moment_times

    starts, ends = moment_times(10)
    return {"starts_at": starts.isoformat(), "ends_at": ends.isoformat(), "place": "Buurthuis"}


def everyone_else(expect):
    """Trainer-side: the session's trainer and national staff get ``expect``, others 404."""
    return {
        "anonymous": 401,
        "participant": 404,
        "trainer": expect,
        "national_staff": expect,
        "superuser": expect,
    }


def participant_only(expect):
    return {
        **dict.fromkeys(("trainer", "national_staff", "superuser"), 404),
        "anonymous": 401,
        "participant": expect,
    }


API = logged_in(200, anonymous=401)

CASES = {
    "api:iv_suggestions": Case(f"{BASE}/suggestions", API),
    # Lists are of one's own things: empty for people who have none.
    "api:iv_my_sessions": Case(f"{BASE}/me/sessions", API),
    "api:iv_my_moments": Case(f"{BASE}/me/moments", API),
    "api:iv_trainer_sessions": Case(f"{BASE}/trainer/sessions", API),
    "api:iv_trainer_groups": Case(f"{BASE}/trainer/groups", API),
    # A moment: who is invited (the participant), who runs it (the trainer), national staff.
    "api:iv_moment_detail": Case(
        lambda w: f"{BASE}/moments/{_iv(w)['planned'].pk}", logged_in(200, anonymous=401)
    ),
    "api:iv_moment_ics": Case(
        lambda w: f"{BASE}/moments/{_iv(w)['planned'].pk}/ics", logged_in(200, anonymous=401)
    ),
    "api:iv_session_requests": Case(
        lambda w: f"{BASE}/sessions/{_iv(w)['session'].pk}/requests", participant_only(200)
    ),
    "api:iv_request_create": Case(
        lambda w: f"{BASE}/sessions/{_iv(w)['session'].pk}/requests",
        participant_only(201),
        method="post",
        data={"topic": "Hoe krijgen we de gemeente mee?"},
    ),
    "api:iv_request_support": Case(
        lambda w: f"{BASE}/requests/{_iv(w)['request'].pk}/support",
        participant_only(200),
        method="post",
    ),
    "api:iv_request_unsupport": Case(
        lambda w: f"{BASE}/requests/{_iv(w)['request'].pk}/unsupport",
        participant_only(200),
        method="post",
    ),
    "api:iv_trainer_requests": Case(
        lambda w: f"{BASE}/trainer/sessions/{_iv(w)['session'].pk}/requests", everyone_else(200)
    ),
    "api:iv_trainer_moments": Case(
        lambda w: f"{BASE}/trainer/sessions/{_iv(w)['session'].pk}/moments", everyone_else(200)
    ),
    "api:iv_moment_schedule": Case(
        lambda w: f"{BASE}/trainer/sessions/{_iv(w)['session'].pk}/moments",
        everyone_else(201),
        method="post",
        data=_moment_data(),
    ),
    "api:iv_group_moment_schedule": Case(
        lambda w: f"{BASE}/trainer/groups/{_iv(w)['group'].pk}/moments",
        everyone_else(201),
        method="post",
        data=_moment_data(),
    ),
    "api:iv_attendance_mark": Case(
        lambda w: (
            f"{BASE}/trainer/moments/{_iv(w)['started'].pk}/attendance/{_iv(w)['participant'].pk}"
        ),
        everyone_else(200),
        method="post",
        data={"status": "attended"},
    ),
    # A list of marks is JSON only; a form post cannot carry it (422 before anything happens).
    "api:iv_attendance": Case(
        lambda w: f"{BASE}/trainer/moments/{_iv(w)['started'].pk}/attendance",
        logged_in(422, anonymous=401),
        method="post",
    ),
    "api:iv_report": Case(
        lambda w: f"{BASE}/trainer/moments/{_iv(w)['started'].pk}/report",
        everyone_else(200),
        method="post",
        data={"discussed": "De achterban", "agreements": "Iedereen belt twee leden."},
    ),
    "api:iv_moment_cancel": Case(
        lambda w: f"{BASE}/trainer/moments/{_iv(w)['planned'].pk}/cancel",
        everyone_else(200),
        method="post",
        data={"reason": "De zaal is dicht."},
    ),
    # Last: closing ends the series for the cases above.
    "api:iv_series_close": Case(
        lambda w: f"{BASE}/trainer/sessions/{_iv(w)['session'].pk}/close",
        everyone_else(200),
        method="post",
    ),
}
