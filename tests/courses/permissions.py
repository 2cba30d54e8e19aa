from tests.courses.factories import EnrolmentFactory, SessionFactory
from tests.permissions.matrix import Case, everyone


def build_world(world):
    from courses.services import calendar_token_get_or_create

    session = SessionFactory()
    draft = SessionFactory(status="draft")
    enrolment = EnrolmentFactory(session=session, user=world["users"]["participant"])
    world["courses"] = {
        "session": session,
        "draft": draft,
        "enrolment": enrolment,
        "feed": calendar_token_get_or_create(user=world["users"]["participant"]),
    }


def _c(world):
    return world["courses"]


CASES = {
    "courses:session_detail": Case(
        lambda w: f"/cursussen/sessie/{_c(w)['session'].pk}/", everyone(200)
    ),
    "courses:session_ics": Case(
        lambda w: f"/cursussen/sessie/{_c(w)['session'].pk}/agenda.ics", everyone(200)
    ),
    # The secret token is the key: calendar apps fetch it without logging in.
    "courses:calendar_feed": Case(
        lambda w: f"/cursussen/agenda/{_c(w)['feed'].token}.ics", everyone(200)
    ),
}
