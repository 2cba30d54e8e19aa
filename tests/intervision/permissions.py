"""Who gets what at every intervision URL (see tests/permissions/matrix.py).

Pages ("intervision:*"): only people who attended the completed course reach "Na de cursus"
and its requests; the session's lead/co-trainers (and national staff) run its moments; a
trainer group's leaders (and national staff) run the group's. Anyone else gets a 404.
The API cases ("api:intervision_*") are added by the core of the app.
"""

from tests.permissions.matrix import LOGIN, REDIRECT, Case


def build_world(world):
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
