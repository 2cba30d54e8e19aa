"""Who gets what at every intervision URL (see tests/permissions/matrix.py).

Pages ("intervision:*"): only people who attended the completed course reach "Na de cursus"
and its requests; the session's lead/co-trainers (and national staff) run its moments; a
trainer group's leaders (and national staff) run the group's. Anyone else gets a 404.
The API cases ("api:iv_*") run on a second completed session of their own: the matrix
participant attended it, the matrix trainer leads it and facilitates a second trainer group.
Participant endpoints answer only for one's own courses, trainer endpoints only for what one
runs (and national staff); anything else is a 404, and without a log-in a 401.
"""

from datetime import timedelta

from tests.permissions.matrix import LOGIN, REDIRECT, Case, logged_in


def build_world(world):
    _build_api_world(world)
    from courses.models import Enrolment
    from intervision.models import Moment
    from tests.courses.factories import EnrolmentFactory

    from .factories import (
        MomentFactory,
        RequestFactory,
        TrainerGroupFactory,
        completed_session,
    )

    trainer = world["users"]["trainer"]
    session, _trainer, people = completed_session(attendees=2, trainer=trainer)
    EnrolmentFactory(
        session=session, user=world["users"]["participant"], status=Enrolment.Status.ATTENDED
    )
    group = TrainerGroupFactory(members=people[:1], facilitators=[trainer])
    world["intervision"] = {
        "session": session,
        "request": RequestFactory(session=session, author=people[0]),
        "moment": MomentFactory(session=session, number=1),
        "held": MomentFactory(session=session, number=2, status=Moment.Status.HELD),
        "group": group,
    }


def _iv(world):
    return world["intervision"]


def _url(path, key=None):
    return lambda w: path.format(pk=_iv(w)[key].pk if key else None)


#: Only someone who attended the course.
ATTENDEE = {
    "anonymous": LOGIN,
    "participant": 200,
    "trainer": 404,
    "national_staff": 404,
    "superuser": 404,
}
ATTENDEE_POST = {**ATTENDEE, "participant": REDIRECT}
#: Whoever runs it: the session's trainer or the group's leader, and national staff.
RUNNER = {
    "anonymous": LOGIN,
    "participant": 404,
    "trainer": 200,
    "national_staff": 200,
    "superuser": 200,
}
#: Everyone invited, and those who run it.
INVITED = {**RUNNER, "participant": 200}

CASES = {
    # Participant pages.
    "intervision:after_course": Case(_url("/intervisie/na-de-cursus/{pk}/", "session"), ATTENDEE),
    "intervision:request_create": Case(
        _url("/intervisie/na-de-cursus/{pk}/vragen/", "session"), ATTENDEE
    ),
    "intervision:request_support": Case(
        _url("/intervisie/vraag/{pk}/steunen/", "request"), ATTENDEE_POST, method="post"
    ),
    "intervision:request_unsupport": Case(
        _url("/intervisie/vraag/{pk}/niet-meer-steunen/", "request"),
        ATTENDEE_POST,
        method="post",
    ),
    "intervision:moment_detail": Case(_url("/intervisie/moment/{pk}/", "moment"), INVITED),
    "intervision:moment_ics": Case(_url("/intervisie/moment/{pk}/agenda.ics", "moment"), INVITED),
    # Trainer pages.
    "intervision:trainer_session": Case(_url("/intervisie/mijn-sessies/{pk}/", "session"), RUNNER),
    "intervision:moment_schedule": Case(
        _url("/intervisie/mijn-sessies/{pk}/plannen/", "session"), RUNNER
    ),
    "intervision:series_close": Case(
        _url("/intervisie/mijn-sessies/{pk}/afsluiten/", "session"), RUNNER
    ),
    "intervision:moment_edit": Case(_url("/intervisie/moment/{pk}/wijzigen/", "moment"), RUNNER),
    "intervision:moment_cancel": Case(_url("/intervisie/moment/{pk}/afzeggen/", "moment"), RUNNER),
    "intervision:moment_attendance": Case(
        _url("/intervisie/moment/{pk}/aanwezig/", "held"), RUNNER
    ),
    "intervision:moment_report": Case(_url("/intervisie/moment/{pk}/verslag/", "held"), RUNNER),
    # Trainer intervision (the programme): trainers and national staff; staff make groups.
    "intervision:group_list": Case("/intervisie/trainersgroepen/", RUNNER),
    "intervision:group_create": Case(
        "/intervisie/trainersgroepen/nieuw/", {**RUNNER, "trainer": 404}
    ),
    "intervision:group_detail": Case(_url("/intervisie/trainersgroepen/{pk}/", "group"), RUNNER),
    "intervision:group_moment_schedule": Case(
        _url("/intervisie/trainersgroepen/{pk}/plannen/", "group"), RUNNER
    ),
    "intervision:group_close": Case(
        _url("/intervisie/trainersgroepen/{pk}/afsluiten/", "group"), RUNNER
    ),
}


BASE = "/api/intervision"


def _build_api_world(world):
    from django.utils import timezone

    from courses.models import Enrolment
    from intervision.models import Request

    from .factories import MomentFactory, TrainerGroupFactory, completed_session

    participant, trainer = world["users"]["participant"], world["users"]["trainer"]
    session, _, (other,) = completed_session(attendees=1, trainer=trainer)
    Enrolment.objects.create(session=session, user=participant, status="attended")
    world["intervision_api"] = {
        "session": session,
        "request": Request.objects.create(session=session, author=other, topic="Achterban"),
        "planned": MomentFactory(session=session, number=1),
        "started": MomentFactory(
            session=session, number=2, starts_at=timezone.now() - timedelta(hours=1)
        ),
        "group": TrainerGroupFactory(facilitators=[trainer], members=[other]),
        "participant": participant,
    }


def _api(world):
    return world["intervision_api"]


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

API_CASES = {
    "api:iv_suggestions": Case(f"{BASE}/suggestions", API),
    # Lists are of one's own things: empty for people who have none.
    "api:iv_my_sessions": Case(f"{BASE}/me/sessions", API),
    "api:iv_my_moments": Case(f"{BASE}/me/moments", API),
    "api:iv_trainer_sessions": Case(f"{BASE}/trainer/sessions", API),
    "api:iv_trainer_groups": Case(f"{BASE}/trainer/groups", API),
    # A moment: who is invited (the participant), who runs it (the trainer), national staff.
    "api:iv_moment_detail": Case(
        lambda w: f"{BASE}/moments/{_api(w)['planned'].pk}", logged_in(200, anonymous=401)
    ),
    "api:iv_moment_ics": Case(
        lambda w: f"{BASE}/moments/{_api(w)['planned'].pk}/ics", logged_in(200, anonymous=401)
    ),
    "api:iv_session_requests": Case(
        lambda w: f"{BASE}/sessions/{_api(w)['session'].pk}/requests", participant_only(200)
    ),
    "api:iv_request_create": Case(
        lambda w: f"{BASE}/sessions/{_api(w)['session'].pk}/requests",
        participant_only(201),
        method="post",
        data={"topic": "Hoe krijgen we de gemeente mee?"},
    ),
    "api:iv_request_support": Case(
        lambda w: f"{BASE}/requests/{_api(w)['request'].pk}/support",
        participant_only(200),
        method="post",
    ),
    "api:iv_request_unsupport": Case(
        lambda w: f"{BASE}/requests/{_api(w)['request'].pk}/unsupport",
        participant_only(200),
        method="post",
    ),
    "api:iv_trainer_requests": Case(
        lambda w: f"{BASE}/trainer/sessions/{_api(w)['session'].pk}/requests", everyone_else(200)
    ),
    "api:iv_trainer_moments": Case(
        lambda w: f"{BASE}/trainer/sessions/{_api(w)['session'].pk}/moments", everyone_else(200)
    ),
    "api:iv_moment_schedule": Case(
        lambda w: f"{BASE}/trainer/sessions/{_api(w)['session'].pk}/moments",
        everyone_else(201),
        method="post",
        data=_moment_data(),
    ),
    "api:iv_group_moment_schedule": Case(
        lambda w: f"{BASE}/trainer/groups/{_api(w)['group'].pk}/moments",
        everyone_else(201),
        method="post",
        data=_moment_data(),
    ),
    "api:iv_attendance_mark": Case(
        lambda w: (
            f"{BASE}/trainer/moments/{_api(w)['started'].pk}/attendance/{_api(w)['participant'].pk}"
        ),
        everyone_else(200),
        method="post",
        data={"status": "attended"},
    ),
    # A list of marks is JSON only; a form post cannot carry it (422 before anything happens).
    "api:iv_attendance": Case(
        lambda w: f"{BASE}/trainer/moments/{_api(w)['started'].pk}/attendance",
        logged_in(422, anonymous=401),
        method="post",
    ),
    "api:iv_report": Case(
        lambda w: f"{BASE}/trainer/moments/{_api(w)['started'].pk}/report",
        everyone_else(200),
        method="post",
        data={"discussed": "De achterban", "agreements": "Iedereen belt twee leden."},
    ),
    "api:iv_moment_cancel": Case(
        lambda w: f"{BASE}/trainer/moments/{_api(w)['planned'].pk}/cancel",
        everyone_else(200),
        method="post",
        data={"reason": "De zaal is dicht."},
    ),
    # Last: closing ends the series for the cases above.
    "api:iv_series_close": Case(
        lambda w: f"{BASE}/trainer/sessions/{_api(w)['session'].pk}/close",
        everyone_else(200),
        method="post",
    ),
}

CASES.update(API_CASES)
