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


def _own_enrolment_cancel(world):
    return f"/api/me/enrolments/{_c(world)['enrolment'].pk}/cancel"


# Only the participant owns the world's enrolment: everyone else gets a 404 on it.
CASES.update(
    {
        "api:api-root": Case("/api/", everyone(404)),
        "api:openapi-json": Case("/api/openapi.json", everyone(200)),
        "api:openapi-view": Case("/api/docs", everyone(200)),
        "api:session_list": Case("/api/sessions", everyone(200)),
        "api:session_detail": Case(lambda w: f"/api/sessions/{_c(w)['session'].pk}", everyone(200)),
        "api:my_enrolments": Case("/api/me/enrolments", {**everyone(200), "anonymous": 401}),
        "api:enrol": Case(
            lambda w: f"/api/sessions/{_c(w)['session'].pk}/enrol",
            {**everyone(201), "anonymous": 401, "participant": 409},
            method="post",
        ),
        "api:enrolment_cancel": Case(
            _own_enrolment_cancel,
            {**everyone(404), "anonymous": 401, "participant": 200},
            method="post",
        ),
    }
)
