from tests.courses.factories import AssignmentFactory, EnrolmentFactory, SessionFactory
from tests.permissions.matrix import REDIRECT, Case, everyone, logged_in, trainers_only


def build_world(world):
    from courses.models import EnrolmentInvitation
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
    # The matrix trainer runs a session of their own (the portal's pages are about it).
    mine = SessionFactory()
    AssignmentFactory(session=mine, trainer=world["users"]["trainer"])
    world["courses"]["mine"] = mine
    world["courses"]["invitation"] = EnrolmentInvitation.objects.create(
        session=session, email="uitgenodigd@example.org", display_name="Uitgenodigd"
    )


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


def _mine(suffix=""):
    return lambda w: f"/cursussen/mijn-sessies/{_c(w)['mine'].pk}/{suffix}"


# The web pages. Portal pages: only the trainer on the session; everyone else a 404.
CASES.update(
    {
        "courses:enrol": Case(
            lambda w: f"/cursussen/sessie/{_c(w)['mine'].pk}/inschrijven/", everyone(200)
        ),
        # The secret token in the mail is the key; confirming (POST) needs the address's owner.
        "courses:invitation_accept": Case(
            lambda w: f"/cursussen/uitnodiging/{_c(w)['invitation'].token}/", everyone(200)
        ),
        "courses:my_courses": Case("/cursussen/mijn-cursussen/", logged_in(200)),
        "courses:enrolment_cancel": Case(
            lambda w: f"/cursussen/mijn-cursussen/{_c(w)['enrolment'].pk}/afmelden/",
            {**logged_in(404), "participant": 200},
        ),
        "courses:calendar_regenerate": Case(
            "/cursussen/mijn-cursussen/agenda-link/", logged_in(REDIRECT), method="post"
        ),
        "courses:portal_sessions": Case("/cursussen/mijn-sessies/", trainers_only(200)),
        "courses:portal_session_create": Case("/cursussen/mijn-sessies/nieuw/", trainers_only(200)),
        "courses:portal_session": Case(_mine(), trainers_only(200)),
        "courses:portal_session_edit": Case(_mine("wijzigen/"), trainers_only(200)),
        "courses:portal_session_publish": Case(
            _mine("publiceren/"), trainers_only(REDIRECT), method="post"
        ),
        "courses:portal_session_cancel": Case(_mine("afzeggen/"), trainers_only(200)),
        "courses:portal_signin_sheet": Case(_mine("tekenlijst/"), trainers_only(200)),
        "courses:portal_csv": Case(
            lambda w: f"/cursussen/mijn-sessies/{_c(w)['mine'].pk}/deelnemers.csv",
            trainers_only(200),
        ),
        "courses:portal_attendance": Case(_mine("aanwezig/"), trainers_only(REDIRECT)),
        "courses:portal_attendance_meeting": Case(
            lambda w: (
                f"/cursussen/mijn-sessies/{_c(w)['mine'].pk}/aanwezig/"
                f"{_c(w)['mine'].meetings.first().pk}/"
            ),
            trainers_only(200),
        ),
        "courses:portal_session_complete": Case(_mine("afronden/"), trainers_only(200)),
        "courses:portal_enrol_on_behalf": Case(_mine("inschrijven/"), trainers_only(200)),
    }
)
